// The RAID log's use cases: read the log (./log), add an item (./create), edit one in place
// (./update), and the editors' look-ups (./lookups), as Forge runs them.
import { readConfig, typedStore } from '../../storage';
import { jiraAsUser } from '../forge';
import { todayUtc } from '../ports';
import type { RaidDeps } from './load';

export { createRaidItem } from './create';
export { getRaidLog } from './log';
export { getRaidTransitions, searchOwners } from './lookups';
export { updateRaidItem } from './update';
export type { RaidDeps } from './load';

export async function raidDeps(): Promise<RaidDeps> {
  return { jira: jiraAsUser(), config: await readConfig(typedStore()), today: todayUtc() };
}
