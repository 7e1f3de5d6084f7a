// The Playbook macro (Confluence `macro` runway-playbook, its config view and its adfExport):
// resolver keys, payloads and answers, and the structured document both macros render.
// Shared by src/resolvers/{playbook,handover}.ts and static/{playbook,handover}*.
import { z } from 'zod';
import { ISSUE_KEY_PATTERN } from '../domain/issue-key';
import { isoDate } from './dates';
import { resolverResultSchema } from './result';

export const PLAYBOOK_KEYS = {
  listTemplates: 'listTemplates',
  searchImplementations: 'searchImplementations',
  getDocument: 'getDocument',
  publish: 'publish',
  saveTemplate: 'saveTemplate',
} as const;

/** A Jira issue key (`IMP-12`); lower case is read as upper case. */
export const issueKey = z
  .string()
  .trim()
  .transform((s) => s.toUpperCase())
  .pipe(z.string().regex(ISSUE_KEY_PATTERN, 'expected a Jira issue key such as IMP-12'));

export const templateId = z
  .string()
  .regex(/^[a-z][a-z0-9-]{1,62}$/, 'expected a template id such as uat-plan');

// ---- the structured document (src/domain/playbooks/document.ts) -----------------------------

const tone = z.enum(['success', 'danger', 'warning', 'info', 'neutral']);
export const DocumentInline = z.discriminatedUnion('type', [
  z.object({ type: z.literal('text'), text: z.string(), strong: z.boolean().optional() }),
  z.object({ type: z.literal('issue'), key: z.string() }),
  z.object({ type: z.literal('status'), text: z.string(), tone }),
  z.object({ type: z.literal('link'), text: z.string(), href: z.string() }),
]);
export type DocumentInline = z.infer<typeof DocumentInline>;
const content = z.array(DocumentInline);

export const DocumentBlock = z.discriminatedUnion('type', [
  z.object({ type: z.literal('paragraph'), content }),
  z.object({ type: z.literal('guidance'), text: z.string() }),
  z.object({ type: z.literal('list'), items: z.array(content), ordered: z.boolean().optional() }),
  z.object({
    type: z.literal('table'),
    id: z.string(),
    caption: z.string().optional(),
    columns: z.array(z.string()),
    rows: z.array(z.array(content)),
    empty: z.string(),
  }),
  z.object({
    type: z.literal('checklist'),
    id: z.string(),
    caption: z.string().optional(),
    items: z.array(z.object({ content, done: z.boolean(), detail: z.string().optional() })),
    done: z.number().int().min(0),
    total: z.number().int().min(0),
  }),
]);
export type DocumentBlock = z.infer<typeof DocumentBlock>;

export const StructuredDocument = z.object({
  kind: z.enum(['playbook', 'handover', 'status']),
  templateId: z.string(),
  title: z.string(),
  implementation: z.object({ key: z.string(), summary: z.string(), tier: z.string() }),
  asOf: isoDate,
  sections: z.array(z.object({ id: z.string(), title: z.string(), blocks: z.array(DocumentBlock) })),
});
export type StructuredDocument = z.infer<typeof StructuredDocument>;

/** A rendered document with what the view needs around it. */
export const DocumentAnswer = z.object({
  document: StructuredDocument,
  /** Jira site base URL, for links to issues. */
  siteUrl: z.string(),
  /** Data warnings (unreadable values, ambiguous fields) that the numbers left out. */
  warnings: z.array(z.string()),
  /** Whether the viewer may publish (the macro sits on a page in a space they may add pages to). */
  canPublish: z.boolean(),
  /** Why not, shown next to the disabled Publish; null when they may. */
  cannotPublishReason: z.string().nullable(),
});
export type DocumentAnswer = z.infer<typeof DocumentAnswer>;

// ---- macro configuration -----------------------------------------------------------------------

/** What the Playbook config view saves (`view.submit({ config })`); both parts may still be missing. */
export const PlaybookMacroConfig = z.object({
  templateId: templateId.optional(),
  implementationKey: issueKey.optional(),
});
export type PlaybookMacroConfig = z.infer<typeof PlaybookMacroConfig>;

// ---- payloads and answers ----------------------------------------------------------------------

export const ListTemplatesPayload = z.strictObject({});
export const TemplateSummary = z.object({
  id: z.string(),
  title: z.string(),
  description: z.string(),
  builtIn: z.boolean(),
});
export type TemplateSummary = z.infer<typeof TemplateSummary>;
export const TemplateList = z.object({
  templates: z.array(TemplateSummary),
  /** Stored team templates that no longer validate, with the reason. */
  refused: z.array(z.string()),
  /** Whether the viewer may add team templates (Jira administrators). */
  canAddTemplates: z.boolean(),
});
export type TemplateList = z.infer<typeof TemplateList>;

export const SearchImplementationsPayload = z.strictObject({
  /** A key (`IMP-12`) or words of the summary; empty lists recent implementations. */
  query: z.string().trim().max(200, 'is longer than 200 characters'),
});
export type SearchImplementationsPayload = z.infer<typeof SearchImplementationsPayload>;
export const ImplementationOption = z.object({
  key: z.string(),
  summary: z.string(),
  status: z.string().nullable(),
  project: z.string().nullable(),
});
export type ImplementationOption = z.infer<typeof ImplementationOption>;
export const ImplementationOptions = z.object({ implementations: z.array(ImplementationOption) });
export type ImplementationOptions = z.infer<typeof ImplementationOptions>;

/** Without templateId / implementationKey, the macro's saved configuration is used. */
export const GetPlaybookPayload = z.strictObject({
  templateId: templateId.optional(),
  implementationKey: issueKey.optional(),
  asOf: isoDate.optional(),
});
export type GetPlaybookPayload = z.input<typeof GetPlaybookPayload>;

export const PublishPlaybookPayload = GetPlaybookPayload;
export type PublishPlaybookPayload = z.input<typeof PublishPlaybookPayload>;

export const Published = z.object({
  pageId: z.string(),
  title: z.string(),
  url: z.string(),
  version: z.number().int(),
  /** false: an existing page was updated. */
  created: z.boolean(),
  linked: z.boolean(),
  linkError: z.string().optional(),
});
export type Published = z.infer<typeof Published>;

export const SaveTemplatePayload = z.strictObject({ template: z.unknown() });
export type SaveTemplatePayload = z.infer<typeof SaveTemplatePayload>;

export const GetDocumentResult = resolverResultSchema(DocumentAnswer);
export const PublishResult = resolverResultSchema(Published);
