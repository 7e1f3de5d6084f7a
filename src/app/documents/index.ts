// The document use cases the Playbook and Handover packet macros share: render, publish, export
// and the config view's implementation search (team templates are in ../playbooks/library).
export { exportContext, macroContext, savedConfig, siteOf, todayOf, type MacroContext } from './context';
export { exportAdf } from './export';
export { adfMessage } from '../../confluence';
export type { AdfDoc } from '../../confluence';
export { HANDOVER_ID } from '../../domain/playbooks';
export { loadInputs, type DocumentInputs } from './inputs';
export { DocumentError, forgeIo, type DocumentIo } from './io';
export { publish } from './publish';
export {
  getDocument,
  playbookRequest,
  renderDocument,
  wire,
  type DocumentDeps,
  type DocumentRequest,
} from './render';
export { searchImplementations } from './search';
export { statusRequest } from './status';
export { publishWeeklyStatuses, startWeekly, WEEKLY_CONCURRENCY, type WeeklyRun } from './weekly';
export { getWeekly, stopWeekly } from './weekly-state';
