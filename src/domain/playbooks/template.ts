/**
 * A playbook template is data: sections of guidance, text and tables bound to the
 * implementation's data, validated by the zod schema below. The built-in library is written in
 * it, and a team adds its own the same way; a template that does not fit is refused with the
 * path and the reason (`parseTemplate`). Placeholders in text (`{summary}`, `{goLive}`…) are
 * replaced by plain text at render time, never interpreted as markup.
 */
import { z } from 'zod';
import { KPI_IDS } from '../kpis/definitions';
import type { Result } from '../config';
import { GateIdSchema } from '../gates/definitions';
import { SelectorSchema } from './select';

/** The placeholders text may use, each replaced by a fact of the implementation. */
export const PLACEHOLDERS = [
  'key',
  'summary',
  'tier',
  'segment',
  'owner',
  'status',
  'asOf',
  'contractSigned',
  'kickoff',
  'firstValue',
  'goLive',
  'hypercareEnd',
] as const;
export type Placeholder = (typeof PLACEHOLDERS)[number];
const PLACEHOLDER = /\{([^{}\s]*)\}/g;

const known = new Set<string>(PLACEHOLDERS);
const TemplateText = z
  .string()
  .trim()
  .min(1, 'must not be empty')
  .max(4000, 'is longer than 4000 characters')
  .superRefine((s, ctx) => {
    for (const m of s.matchAll(PLACEHOLDER)) {
      if (!known.has(m[1]))
        ctx.addIssue({
          code: 'custom',
          message: `unknown placeholder {${m[1]}} (known: ${PLACEHOLDERS.map((p) => `{${p}}`).join(', ')})`,
        });
    }
  });
const Caption = z.string().trim().min(1).max(200).optional();
const BlockId = z
  .string()
  .regex(/^[a-z][a-z0-9-]{0,62}$/, 'must be lowercase letters, digits and dashes, starting with a letter')
  .optional();

export const ITEM_COLUMNS = [
  'key',
  'summary',
  'type',
  'owner',
  'reporter',
  'status',
  'priority',
  'due',
  'resolved',
  'created',
  'probability',
  'impact',
  'score',
  'runs',
  'failedRuns',
  'successRate',
  'recordsExpected',
  'recordsReconciled',
  'accuracy',
  'outcome',
  'labels',
] as const;
export type ItemColumn = (typeof ITEM_COLUMNS)[number];

export const RAID_KINDS = ['risk', 'assumption', 'issue', 'dependency'] as const;
export const LIFECYCLE_DATES = ['contractSigned', 'kickoff', 'firstValue', 'goLive'] as const;

export const CheckSchema = z.discriminatedUnion('type', [
  /** At least one selected child, and all of them done. */
  z.strictObject({ type: z.literal('allDone'), select: SelectorSchema }),
  /** No selected child is open. */
  z.strictObject({ type: z.literal('noneOpen'), select: SelectorSchema }),
  /** At least one selected child exists. */
  z.strictObject({ type: z.literal('exists'), select: SelectorSchema }),
  /** At least one selected child, and every one has an assignee. */
  z.strictObject({ type: z.literal('assigned'), select: SelectorSchema }),
  z.strictObject({ type: z.literal('kpiMet'), kpi: z.enum(KPI_IDS) }),
  z.strictObject({ type: z.literal('gatePassed'), gate: GateIdSchema }),
  z.strictObject({ type: z.literal('dateSet'), date: z.enum(LIFECYCLE_DATES) }),
  /** Confirmed by people in the meeting: the app never ticks it. */
  z.strictObject({ type: z.literal('manual') }),
]);
export type Check = z.infer<typeof CheckSchema>;

export const TemplateBlockSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('text'), text: TemplateText }),
  z.strictObject({ type: z.literal('guidance'), text: TemplateText }),
  z.strictObject({ type: z.literal('list'), id: BlockId, items: z.array(TemplateText).min(1) }),
  /** The implementation's facts: key, status, tier, segment, owner, lifecycle dates. */
  z.strictObject({ type: z.literal('facts'), id: BlockId, caption: Caption }),
  /** Milestones with baseline, due, done and slip. */
  z.strictObject({
    type: z.literal('milestones'),
    id: BlockId,
    caption: Caption,
    select: SelectorSchema.optional(),
  }),
  /** RAID summary (counts per kind) and the items, highest score first. */
  z.strictObject({
    type: z.literal('raid'),
    id: BlockId,
    caption: Caption,
    kinds: z.array(z.enum(RAID_KINDS)).min(1).optional(),
    /** Only open items (default) or every item. */
    open: z.boolean().optional(),
    /** Only items whose probability × impact is at least this. */
    minScore: z.number().int().min(1).max(25).optional(),
    summary: z.boolean().optional(),
  }),
  /** Gates with their state, criteria and sign-offs. */
  z.strictObject({
    type: z.literal('gates'),
    id: BlockId,
    caption: Caption,
    gates: z.array(GateIdSchema).min(1).optional(),
    evidence: z.boolean().optional(),
  }),
  /** KPIs of kpis.md with the implementation's value and its tier's target. */
  z.strictObject({
    type: z.literal('kpis'),
    id: BlockId,
    caption: Caption,
    ids: z.array(z.enum(KPI_IDS)).min(1),
  }),
  /** Responsible = assignees of the workstream's items, Accountable = the implementation's assignee. */
  z.strictObject({
    type: z.literal('raci'),
    id: BlockId,
    caption: Caption,
    workstreams: z
      .array(
        z.strictObject({
          name: z.string().trim().min(1).max(120),
          select: SelectorSchema,
          consulted: z.string().trim().min(1).max(200).optional(),
          informed: z.string().trim().min(1).max(200).optional(),
        }),
      )
      .min(1),
  }),
  /** A checklist whose items are ticked from the data (or by people, for `manual`). */
  z.strictObject({
    type: z.literal('checklist'),
    id: BlockId,
    caption: Caption,
    items: z.array(z.strictObject({ text: TemplateText, check: CheckSchema })).min(1),
  }),
  /** A table of selected children with the chosen columns. */
  z.strictObject({
    type: z.literal('items'),
    id: BlockId,
    caption: Caption,
    select: SelectorSchema,
    columns: z.array(z.enum(ITEM_COLUMNS)).min(1),
    sort: z.enum(['key', 'due', 'score', 'priority', 'status']).optional(),
    empty: z.string().trim().min(1).max(200).optional(),
    limit: z.number().int().min(1).max(500).optional(),
  }),
]);
export type TemplateBlock = z.infer<typeof TemplateBlockSchema>;

export const SectionConditionSchema = z.strictObject({
  /** Only for these complexity tiers (case-insensitive). */
  tiers: z.array(z.string().trim().min(1)).min(1).optional(),
  /** Only for this tier and the ones after it in RunwayConfig.complexityTiers. */
  minTier: z.string().trim().min(1).optional(),
  /** Only when the implementation has at least one such child. */
  has: SelectorSchema.optional(),
});
export type SectionCondition = z.infer<typeof SectionConditionSchema>;

const Slug = z
  .string()
  .regex(
    /^[a-z][a-z0-9-]{1,62}$/,
    'must be 2–63 lowercase letters, digits and dashes, starting with a letter',
  );

export const TemplateSectionSchema = z.strictObject({
  id: Slug,
  title: z.string().trim().min(1).max(200),
  guidance: TemplateText.optional(),
  when: SectionConditionSchema.optional(),
  blocks: z.array(TemplateBlockSchema).min(1, 'a section needs at least one block'),
});
export type TemplateSection = z.infer<typeof TemplateSectionSchema>;

export const PlaybookTemplateSchema = z
  .strictObject({
    id: Slug,
    title: z.string().trim().min(1).max(200),
    description: z.string().trim().min(1).max(1000),
    sections: z.array(TemplateSectionSchema).min(1, 'a template needs at least one section'),
  })
  .superRefine((t, ctx) => {
    const sections = new Set<string>();
    const blocks = new Set<string>();
    t.sections.forEach((s, i) => {
      if (sections.has(s.id))
        ctx.addIssue({
          code: 'custom',
          path: ['sections', i, 'id'],
          message: `section id "${s.id}" is used twice`,
        });
      sections.add(s.id);
      s.blocks.forEach((b, j) => {
        if (!('id' in b) || b.id === undefined) return;
        if (blocks.has(b.id))
          ctx.addIssue({
            code: 'custom',
            path: ['sections', i, 'blocks', j, 'id'],
            message: `block id "${b.id}" is used twice`,
          });
        blocks.add(b.id);
      });
    });
  });
export type PlaybookTemplate = z.infer<typeof PlaybookTemplateSchema>;
export type PlaybookTemplateInput = z.input<typeof PlaybookTemplateSchema>;

/** One sentence per problem, each naming where it is: `sections.2.blocks.0.ids.1: Invalid option…`. */
export function describeTemplateError(error: z.ZodError): string {
  return error.issues
    .map((issue) => {
      const at = issue.path.length > 0 ? issue.path.map(String).join('.') : '(template)';
      if (issue.code === 'unrecognized_keys')
        return `${at}: unknown key${issue.keys.length > 1 ? 's' : ''} ${issue.keys.join(', ')}`;
      return `${at}: ${issue.message}`;
    })
    .join('; ');
}

/** A template from JSON, or why it is refused. */
export function parseTemplate(json: unknown): Result<PlaybookTemplate> {
  const r = PlaybookTemplateSchema.safeParse(json);
  if (r.success) return { ok: true, value: r.data };
  const id =
    typeof json === 'object' && json !== null && 'id' in json && typeof json.id === 'string'
      ? ` "${json.id}"`
      : '';
  return { ok: false, error: `template${id} is not valid: ${describeTemplateError(r.error)}` };
}

/** Replaces each known placeholder; the values are plain text. */
export function fillPlaceholders(text: string, values: Readonly<Record<Placeholder, string>>): string {
  return text.replace(PLACEHOLDER, (whole, name: string) =>
    known.has(name) ? values[name as Placeholder] : whole,
  );
}
