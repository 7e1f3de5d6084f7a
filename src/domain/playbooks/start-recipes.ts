/**
 * The built-in start recipes: one per built-in template, sharing a schedule whose offsets keep
 * every tier inside its time-to-first-value target of kpis.md (≤ 45 / 60 / 90 days) with room to
 * spare, Enterprise longest. A team template without its own recipe starts from the implementation
 * plan's schedule with no starter work items.
 */
import type { Result } from '../config';
import { parseStartRecipe, type StartRecipe, type StartRecipeInput } from './start';

type Milestones = StartRecipeInput['milestones'];
type GateDue = NonNullable<StartRecipeInput['gateDue']>;
type WorkItems = NonNullable<StartRecipeInput['workItems']>;

/** Calendar days after kickoff: Standard / Advanced / Enterprise. */
const days = (standard: number, advanced: number, enterprise: number) => ({
  Standard: standard,
  Advanced: advanced,
  Enterprise: enterprise,
});

export const DEFAULT_MILESTONES: Milestones = [
  { id: 'kickoff', summary: 'Kickoff complete', days: days(0, 0, 0) },
  { id: 'discovery', summary: 'Discovery sign-off', days: days(10, 14, 21) },
  { id: 'design', summary: 'Solution design approved', days: days(21, 30, 45) },
  {
    id: 'first-value',
    summary: 'First value: first workflow live',
    labels: ['firstValue'],
    days: days(40, 55, 84),
  },
  { id: 'uat', summary: 'UAT sign-off', days: days(56, 84, 126) },
  { id: 'go-live', summary: 'Go-live', labels: ['goLive'], days: days(63, 98, 147) },
  { id: 'hypercare-exit', summary: 'Hypercare exit', days: days(93, 128, 182) },
];

export const DEFAULT_GATE_DUE: GateDue = {
  designSignOff: { milestone: 'design' },
  migrationReadiness: { milestone: 'uat', daysBefore: 21 },
  uatReadiness: { milestone: 'uat', daysBefore: 14 },
  goLiveReadiness: { milestone: 'go-live', daysBefore: 3 },
  handover: { milestone: 'hypercare-exit', daysBefore: 5 },
  hypercareExit: { milestone: 'hypercare-exit' },
};

const recipe = (templateId: string, workItems: WorkItems): StartRecipeInput => ({
  templateId,
  milestones: DEFAULT_MILESTONES,
  gateDue: DEFAULT_GATE_DUE,
  workItems,
});

const SOURCES: readonly StartRecipeInput[] = [
  recipe('implementation-plan', [
    { summary: 'Project plan and RACI', labels: ['deliverable'], due: { milestone: 'discovery' } },
    { summary: 'Discovery findings report', labels: ['deliverable'], due: { milestone: 'discovery' } },
    {
      summary: 'Solution design document',
      labels: ['deliverable'],
      extraLabels: ['design'],
      due: { milestone: 'design' },
    },
    { summary: 'Configuration workbook', labels: ['deliverable'], due: { milestone: 'first-value' } },
    { summary: 'Training materials', labels: ['deliverable'], due: { milestone: 'uat' } },
    {
      summary: 'Runbook and admin guide',
      labels: ['deliverable'],
      due: { milestone: 'go-live', daysBefore: 5 },
    },
    {
      summary: 'Handover packet',
      labels: ['deliverable'],
      due: { milestone: 'hypercare-exit', daysBefore: 5 },
    },
  ]),
  recipe('discovery-workshop', [
    {
      summary: 'Discovery workshop agenda',
      labels: ['deliverable'],
      due: { milestone: 'discovery', daysBefore: 7 },
    },
    { summary: 'Current-state process maps', labels: ['deliverable'], due: { milestone: 'discovery' } },
    {
      summary: 'Requirements and scope baseline',
      labels: ['deliverable'],
      extraLabels: ['design'],
      due: { milestone: 'design' },
    },
  ]),
  recipe('integration-design', [
    {
      summary: 'Integration design specification',
      labels: ['deliverable'],
      extraLabels: ['design'],
      due: { milestone: 'design' },
    },
    {
      summary: 'Integration: build and test',
      labels: ['integration'],
      due: { milestone: 'uat', daysBefore: 14 },
    },
  ]),
  recipe('data-migration-plan', [
    {
      summary: 'Data migration plan',
      labels: ['deliverable'],
      extraLabels: ['design'],
      due: { milestone: 'design' },
    },
    { summary: 'Migrate: trial load', labels: ['migration'], due: { milestone: 'uat', daysBefore: 21 } },
    { summary: 'Migrate: final load', labels: ['migration'], due: { milestone: 'go-live', daysBefore: 2 } },
  ]),
  recipe('uat-plan', [
    { summary: 'UAT plan and scenarios', labels: ['deliverable'], due: { milestone: 'uat', daysBefore: 21 } },
    { summary: 'UAT: core scenarios', labels: ['uat'], due: { milestone: 'uat', daysBefore: 3 } },
    { summary: 'UAT: regression', labels: ['uat'], due: { milestone: 'uat' } },
  ]),
  recipe('cutover-plan', [
    { summary: 'Cutover plan', labels: ['deliverable'], due: { milestone: 'go-live', daysBefore: 14 } },
    { summary: 'Cutover rehearsal', due: { milestone: 'go-live', daysBefore: 7 } },
    {
      summary: 'Cutover rehearsal (second run)',
      due: { milestone: 'go-live', daysBefore: 4 },
      tiers: ['Enterprise'],
    },
    { summary: 'Cutover execution', due: { milestone: 'go-live' } },
  ]),
  recipe('go-live-readiness', [
    {
      summary: 'Go-live readiness checklist',
      labels: ['deliverable'],
      due: { milestone: 'go-live', daysBefore: 7 },
    },
    {
      summary: 'Support team trained',
      labels: ['deliverable'],
      due: { milestone: 'go-live', daysBefore: 5 },
    },
  ]),
  recipe('hypercare-plan', [
    { summary: 'Hypercare plan', labels: ['deliverable'], due: { milestone: 'go-live', daysBefore: 7 } },
    {
      summary: 'Handover to Customer Success and Support',
      labels: ['deliverable'],
      due: { milestone: 'hypercare-exit', daysBefore: 5 },
    },
  ]),
];

export const BUILT_IN_START_RECIPES: readonly StartRecipe[] = SOURCES.map((source) => {
  const parsed = parseStartRecipe(source);
  if (!parsed.ok) throw new Error(`Built-in start recipe "${source.templateId}": ${parsed.error}`);
  return parsed.value;
});

/**
 * The recipe to start `templateId` from: the team's own (validated) first, then the built-in one,
 * else the shared schedule with no work items.
 */
export function startRecipeFor(templateId: string, custom: readonly unknown[] = []): Result<StartRecipe> {
  for (const json of custom) {
    const r = parseStartRecipe(json);
    if (r.ok && r.value.templateId === templateId) return r;
    if (
      !r.ok &&
      typeof json === 'object' &&
      json !== null &&
      'templateId' in json &&
      json.templateId === templateId
    )
      return r;
  }
  const builtIn = BUILT_IN_START_RECIPES.find((r) => r.templateId === templateId);
  if (builtIn) return { ok: true, value: builtIn };
  return parseStartRecipe({ templateId, milestones: DEFAULT_MILESTONES, gateDue: DEFAULT_GATE_DUE });
}

/**
 * The built-in playbooks that are documents of a running implementation, not a way to start one:
 * they stay in the Playbook macro and "Start from playbook" does not offer them. A team template
 * is offered: its author chose to make it a playbook.
 */
const DOCUMENT_ONLY: ReadonlySet<string> = new Set([
  'uat-plan',
  'cutover-plan',
  'go-live-readiness',
  'hypercare-plan',
]);

/** Whether "Start from playbook" offers `templateId` (it starts an implementation). */
export const startsImplementation = (templateId: string): boolean => !DOCUMENT_ONLY.has(templateId);
