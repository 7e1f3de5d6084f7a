// The built-in playbook library: every template is data, validated by the same schema as a
// team's own templates (a built-in that does not validate fails loudly at load, and in tests).
import { parseTemplate, type PlaybookTemplate, type PlaybookTemplateInput } from '../template';
import { dataMigrationPlan, integrationDesign } from './build';
import { cutoverPlan, goLiveReadiness, hypercarePlan, uatPlan } from './launch';
import { discoveryWorkshop, implementationPlan } from './plan';

const SOURCES: readonly PlaybookTemplateInput[] = [
  implementationPlan,
  discoveryWorkshop,
  integrationDesign,
  dataMigrationPlan,
  uatPlan,
  cutoverPlan,
  goLiveReadiness,
  hypercarePlan,
];

export const BUILT_IN_TEMPLATES: readonly PlaybookTemplate[] = SOURCES.map((source) => {
  const parsed = parseTemplate(source);
  if (!parsed.ok) throw new Error(`Built-in playbook: ${parsed.error}`);
  return parsed.value;
});
