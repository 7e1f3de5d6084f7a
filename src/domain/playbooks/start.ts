/**
 * "Start from playbook": a start recipe (data, validated by zod, one per template) plus what a
 * person typed → the implementation to create in Jira: the epic and its milestones, Gate issues
 * and starter work items, each with its due date. Offsets are calendar days after kickoff, per
 * complexity tier; a due date that falls on a weekend or configured holiday moves to the working
 * day before (never after: a plan must not slip past its own offsets or a KPI target).
 */
import { z } from 'zod';
import { addDays, businessDaysBetween, calendarDaysBetween, isWeekend, type IsoDate } from '../dates';
import type { LogicalField, Result, RunwayConfig } from '../config';
import { GateIdSchema, LABEL_KEYS, type LabelKey } from '../gates/definitions';
import { gateName } from '../gates/evaluate';
import { targetFor } from './format';
import { StartInputSchema, type StartInput } from './start-input';

const Slug = z
  .string()
  .regex(
    /^[a-z][a-z0-9-]{1,62}$/,
    'must be 2–63 lowercase letters, digits and dashes, starting with a letter',
  );
const Days = z.number().int().min(0).max(1095);
const Summary = z.string().trim().min(1).max(200);
/** A Jira label as written: no spaces. */
const LabelText = z.string().regex(/^\S{1,255}$/, 'a label has no spaces');

export const StartMilestoneSchema = z.strictObject({
  id: Slug,
  summary: Summary,
  /** Keys of config.labels (`firstValue`, `goLive`…), so a site's own label names carry over. */
  labels: z.array(z.enum(LABEL_KEYS)).default([]),
  /** Calendar days after kickoff, per complexity tier (every milestone names the same tiers). */
  days: z.record(z.string().trim().min(1), Days),
});
export type StartMilestone = z.infer<typeof StartMilestoneSchema>;

const DueSchema = z.strictObject({ milestone: Slug, daysBefore: Days.default(0) });

export const StartWorkItemSchema = z.strictObject({
  summary: Summary,
  labels: z.array(z.enum(LABEL_KEYS)).default([]),
  /** Labels as written, e.g. `design` (what the Design Sign-off gate looks for beside `deliverable`). */
  extraLabels: z.array(LabelText).default([]),
  due: DueSchema,
  /** Only for these tiers (every tier when omitted). */
  tiers: z.array(z.string().trim().min(1)).min(1).optional(),
});
export type StartWorkItem = z.infer<typeof StartWorkItemSchema>;

export const StartRecipeSchema = z
  .strictObject({
    templateId: Slug,
    /** In order: for each tier, a milestone is never due before the one listed before it. */
    milestones: z.array(StartMilestoneSchema).min(2).max(30),
    /** When each gate's Gate issue is due; a configured gate not listed here gets no due date. */
    gateDue: z.record(GateIdSchema, DueSchema).default({}),
    workItems: z.array(StartWorkItemSchema).max(50).default([]),
    /** Issue type of the work items. */
    workItemType: z.string().trim().min(1).default('Task'),
  })
  .superRefine((r, ctx) => {
    const issue = (path: Array<string | number>, message: string) =>
      ctx.addIssue({ code: 'custom', path, message });
    const ids = new Set<string>();
    r.milestones.forEach((m, i) => {
      if (ids.has(m.id)) issue(['milestones', i, 'id'], `milestone id "${m.id}" is used twice`);
      ids.add(m.id);
    });
    for (const role of ['firstValue', 'goLive'] as const) {
      const n = r.milestones.filter((m) => m.labels.includes(role)).length;
      if (n !== 1)
        issue(
          ['milestones'],
          `exactly one milestone must be labelled ${role} (found ${n}): the KPIs read it`,
        );
    }
    const tiers = Object.keys(r.milestones[0].days);
    if (tiers.length === 0) issue(['milestones', 0, 'days'], 'give the days for at least one tier');
    r.milestones.forEach((m, i) => {
      const own = Object.keys(m.days);
      if (own.length !== tiers.length || !tiers.every((t) => own.includes(t)))
        issue(['milestones', i, 'days'], `name the same tiers as the first milestone (${tiers.join(', ')})`);
      if (i === 0) return;
      for (const t of tiers) {
        const prev = r.milestones[i - 1].days[t];
        if (m.days[t] !== undefined && prev !== undefined && m.days[t] < prev)
          issue(
            ['milestones', i, 'days', t],
            `${m.summary} is due before ${r.milestones[i - 1].summary} for ${t}: list milestones in order`,
          );
      }
    });
    const known = (id: string) => ids.has(id);
    for (const [gate, due] of Object.entries(r.gateDue))
      if (!known(due.milestone))
        issue(['gateDue', gate, 'milestone'], `there is no milestone "${due.milestone}"`);
    r.workItems.forEach((w, i) => {
      if (!known(w.due.milestone))
        issue(['workItems', i, 'due', 'milestone'], `there is no milestone "${w.due.milestone}"`);
    });
  });
export type StartRecipe = z.infer<typeof StartRecipeSchema>;
export type StartRecipeInput = z.input<typeof StartRecipeSchema>;

export type PlannedKind = 'implementation' | 'milestone' | 'gate' | 'workItem';

/** One issue to create. `ref` names it within the plan (`milestone:go-live`), stable across retries. */
export interface PlannedIssue {
  ref: string;
  kind: PlannedKind;
  summary: string;
  labels: string[];
  dueDate: IsoDate | null;
  /** Custom fields by logical name; dates `YYYY-MM-DD`, selects by option value. */
  fields: Partial<Record<LogicalField, string>>;
}

export interface ImplementationPlan {
  templateId: string;
  input: StartInput;
  /** The tier as the config spells it. */
  tier: string;
  epic: PlannedIssue;
  /** Milestones (in order), then Gate issues (in gate order), then work items. */
  children: PlannedIssue[];
  /** Work items' issue type. */
  workItemType: string;
  /** What a planner should know but that does not stop the plan (a target the dates miss…). */
  warnings: string[];
}

export interface PlanOptions {
  config: RunwayConfig;
  /** The Segment values the site offers. */
  segments: readonly string[];
  templateTitle: string;
}

/** The working day on or before `date`, but never before `floor`. */
function workingDayOnOrBefore(date: IsoDate, floor: IsoDate, holidays: ReadonlySet<IsoDate>): IsoDate {
  let d = date;
  while (d > floor && (isWeekend(d) || holidays.has(d))) d = addDays(d, -1);
  return d;
}

function pick(list: readonly string[], value: string): string | undefined {
  const lc = value.trim().toLowerCase();
  return list.find((x) => x.trim().toLowerCase() === lc);
}

/** The issues to create for an implementation started from `recipe`, or every reason it cannot be. */
export function planImplementation(
  rawInput: unknown,
  recipe: StartRecipe,
  options: PlanOptions,
): Result<ImplementationPlan> {
  const { config } = options;
  const parsed = StartInputSchema.safeParse(rawInput);
  if (!parsed.success)
    return {
      ok: false,
      error: parsed.error.issues.map((i) => `${i.path.join('.') || 'request'}: ${i.message}`).join('; '),
    };
  const input = parsed.data;
  const problems: string[] = [];
  if (input.templateId !== recipe.templateId)
    problems.push(`the start recipe is for "${recipe.templateId}", not "${input.templateId}"`);
  const tier = pick(config.complexityTiers, input.tier);
  if (tier === undefined)
    problems.push(`tier: "${input.tier}" is not a complexity tier (${config.complexityTiers.join(', ')})`);
  const recipeTier = tier === undefined ? undefined : pick(Object.keys(recipe.milestones[0].days), tier);
  if (tier !== undefined && recipeTier === undefined)
    problems.push(
      `tier: the playbook "${options.templateTitle}" has no schedule for ${tier} (it has ${Object.keys(recipe.milestones[0].days).join(', ')})`,
    );
  const segment = input.segment === null ? null : pick(options.segments, input.segment);
  if (input.segment !== null && segment === undefined)
    problems.push(`segment: "${input.segment}" is not a segment (${options.segments.join(', ')})`);
  if (input.contractSigned !== null && input.contractSigned > input.kickoff)
    problems.push(
      `contractSigned: the contract (${input.contractSigned}) is signed after kickoff (${input.kickoff}); kickoff cannot come first`,
    );
  if (problems.length > 0 || tier === undefined || recipeTier === undefined || segment === undefined)
    return { ok: false, error: problems.join('; ') };

  const holidays = new Set(config.holidays);
  const warnings: string[] = [];
  const label = (k: LabelKey) => config.labels[k];
  const milestoneDue = new Map<string, IsoDate>();
  const milestones: PlannedIssue[] = recipe.milestones.map((m) => {
    const due = workingDayOnOrBefore(addDays(input.kickoff, m.days[recipeTier]), input.kickoff, holidays);
    milestoneDue.set(m.id, due);
    return {
      ref: `milestone:${m.id}`,
      kind: 'milestone',
      summary: m.summary,
      labels: m.labels.map(label),
      dueDate: due,
      fields: { baselineDue: due },
    };
  });
  const dueOf = (d: { milestone: string; daysBefore: number }): IsoDate => {
    const at = milestoneDue.get(d.milestone) ?? input.kickoff;
    const wanted = addDays(at, -d.daysBefore);
    return workingDayOnOrBefore(wanted < input.kickoff ? input.kickoff : wanted, input.kickoff, holidays);
  };
  const gates: PlannedIssue[] = config.gates.map((g) => {
    const name = gateName(g, config);
    const due = recipe.gateDue[g.id];
    return {
      ref: `gate:${g.id}`,
      kind: 'gate',
      summary: `${name} gate`,
      labels: [],
      dueDate: due ? dueOf(due) : null,
      fields: { gateType: name },
    };
  });
  const workItems: PlannedIssue[] = recipe.workItems.flatMap((w, i) =>
    w.tiers && pick(w.tiers, tier) === undefined
      ? []
      : [
          {
            ref: `work:${i}`,
            kind: 'workItem' as const,
            summary: w.summary,
            labels: [...w.labels.map(label), ...w.extraLabels],
            dueDate: dueOf(w.due),
            fields: {},
          },
        ],
  );

  const goLive = recipe.milestones.find((m) => m.labels.includes('goLive'));
  const firstValue = recipe.milestones.find((m) => m.labels.includes('firstValue'));
  const fvDue = firstValue ? milestoneDue.get(firstValue.id) : undefined;
  const fvTarget = targetFor(config.targets.time_to_first_value_days, tier);
  if (fvDue !== undefined && fvTarget !== null && fvTarget.op === '<=') {
    const days = calendarDaysBetween(input.kickoff, fvDue);
    if (days > fvTarget.value)
      warnings.push(
        `First value is planned ${days} days after kickoff, beyond the ${tier} target of ${fvTarget.value} days.`,
      );
  }
  const kickoffTarget = targetFor(config.targets.time_to_kickoff_bdays, tier);
  if (input.contractSigned !== null && kickoffTarget !== null && kickoffTarget.op === '<=') {
    const bdays = businessDaysBetween(input.contractSigned, input.kickoff, config.holidays);
    if (bdays > kickoffTarget.value)
      warnings.push(
        `Kickoff is ${bdays} business days after the contract signature, beyond the target of ${kickoffTarget.value}.`,
      );
  }
  if (isWeekend(input.kickoff) || holidays.has(input.kickoff))
    warnings.push(`Kickoff (${input.kickoff}) is not a working day.`);

  const epicFields: Partial<Record<LogicalField, string>> = { kickoff: input.kickoff, complexity: tier };
  if (segment !== null) epicFields.segment = segment;
  if (input.contractSigned !== null) epicFields.contractSigned = input.contractSigned;
  return {
    ok: true,
    value: {
      templateId: recipe.templateId,
      input,
      tier,
      epic: {
        ref: 'epic',
        kind: 'implementation',
        summary: input.summary,
        labels: [config.implementationLabel, `${config.labels.playbookPrefix}${recipe.templateId}`],
        dueDate: goLive ? (milestoneDue.get(goLive.id) ?? null) : null,
        fields: epicFields,
      },
      children: [...milestones, ...gates, ...workItems],
      workItemType: recipe.workItemType,
      warnings,
    },
  };
}

/** A recipe from JSON, or why it is refused (each problem with its path). */
export function parseStartRecipe(json: unknown): Result<StartRecipe> {
  const r = StartRecipeSchema.safeParse(json);
  if (r.success) return { ok: true, value: r.data };
  return {
    ok: false,
    error: `start recipe is not valid: ${r.error.issues
      .map((i) => `${i.path.map(String).join('.') || '(recipe)'}: ${i.message}`)
      .join('; ')}`,
  };
}
