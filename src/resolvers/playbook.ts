// Resolver and adfExport of the Playbook macro (Confluence `macro` runway-playbook), and what the
// Handover packet macro shares with it (./handover.ts): reading one implementation as the user,
// its gates from the gate model, rendering, publishing as a page, searching implementations.
// Every payload is parsed with its contract; every read and write goes to Jira and Confluence as
// the user; app storage (as the app) keeps only team templates and where a document was published.
import Resolver from '@forge/resolver';
import { z } from 'zod';
import {
  GetPlaybookPayload,
  ListTemplatesPayload,
  PlaybookMacroConfig,
  PLAYBOOK_KEYS,
  PublishPlaybookPayload,
  SaveTemplatePayload,
  SearchImplementationsPayload,
  type DocumentAnswer,
  type ImplementationOptions,
  type Published,
  type StructuredDocument as DocumentWire,
  type TemplateList,
  type TemplateSummary,
} from '../contracts/playbook';
import { describeZodError, invalidRequest, type ResolverResult } from '../contracts/result';
import { adfMessage, createConfluenceClient, publishDocument, toAdf, type AdfDoc } from '../confluence';
import type { IsoDate, RunwayConfig } from '../domain';
import {
  assembleHandoverPacket,
  HANDOVER_LINK_RELATIONSHIP,
  handoverLinkGlobalId,
  PLAYBOOK_LINK_RELATIONSHIP,
  playbookLinkGlobalId,
} from '../domain/handover';
import {
  acceptTemplate,
  gateViewsFromResults,
  HANDOVER_ID,
  libraryWith,
  readReporters,
  renderPlaybook,
  unknownTemplateMessage,
  type PlaybookLibrary,
  type RenderContext,
  type StructuredDocument,
} from '../domain/playbooks';
import { implementationSearchJql } from '../domain/trends';
import { createJiraClient, JiraError, type JiraClient } from '../jira';
import { isJiraAdmin } from '../jira/gates';
import { readConfig, storageKey, type TypedStore } from '../storage';
import { forgePorts as forgeIoAs } from '../app/forge';
import { todayUtc, type Ports as ForgeIo } from '../app/ports';
import { evaluate, implementationOf, readImplementationIssues } from '../app/gates/report';
import { createTransport, type Transport } from '../jira/transport';
import { siteIssueTypes } from '../app/implementation';

// ---- identity and context ------------------------------------------------------------------------

/** Everything outside the resolver: Jira and Confluence as the user, app storage, the clock. */
export type DocumentIo = ForgeIo;

export const forgeIo = (): DocumentIo => forgeIoAs('user');

/** What Forge tells a macro's resolver: the site, and the page, space and saved configuration of the macro. */
const MacroContext = z.object({
  siteUrl: z.string().optional(),
  extension: z
    .object({
      config: z.unknown().optional(),
      content: z
        .object({ id: z.string().min(1) })
        .partial()
        .optional(),
      space: z
        .object({ id: z.string().min(1), key: z.string().min(1) })
        .partial()
        .optional(),
    })
    .optional(),
});
export type MacroContext = z.infer<typeof MacroContext>;

export function macroContext(raw: unknown): MacroContext {
  const parsed = MacroContext.safeParse(raw ?? {});
  return parsed.success ? parsed.data : {};
}

/**
 * The saved configuration. Forge keeps what the config view submits as `{ config }`; a host that
 * stores the whole submitted payload hands back `{ config: {...} }`, which is read the same way.
 */
export function savedConfig<S extends z.ZodType>(
  ctx: MacroContext,
  schema: S,
): z.infer<S> | { error: string } {
  let raw = ctx.extension?.config ?? {};
  if (
    typeof raw === 'object' &&
    raw !== null &&
    'config' in raw &&
    typeof raw.config === 'object' &&
    raw.config !== null
  )
    raw = raw.config;
  const parsed = schema.safeParse(raw);
  return parsed.success
    ? parsed.data
    : {
        error: `The macro's saved settings are not valid (${describeZodError(parsed.error, 'config')}); open its settings and save them again.`,
      };
}

export const siteOf = (ctx: MacroContext): string => (ctx.siteUrl ?? '').replace(/\/+$/, '');
export const todayOf = (io: DocumentIo): IsoDate => todayUtc(io.now());

/** A problem the reader can act on; its message is shown as it is. */
export class DocumentError extends Error {
  override name = 'DocumentError';
}

export function words(e: unknown): string {
  if (e instanceof JiraError) return [...e.errorMessages, ...Object.values(e.errors)].join('; ') || e.message;
  return e instanceof Error ? e.message : String(e);
}

// ---- reading an implementation -------------------------------------------------------------------

export interface DocumentInputs {
  implementation: Parameters<typeof renderPlaybook>[1];
  ctx: RenderContext;
  warnings: string[];
}

function notVisible(key: string): DocumentError {
  return new DocumentError(`${key} does not exist, or you do not have permission to see it.`);
}

/**
 * One implementation as the user sees it, with reporters, and its gates from the gate model
 * (criteria, the audit record's sign-offs and evidence, the remote links).
 */
export async function loadInputs(
  jira: JiraClient,
  store: TypedStore,
  config: RunwayConfig,
  key: string,
  asOf: IsoDate,
  siteUrl: string,
  confluence: Transport | null = null,
): Promise<DocumentInputs> {
  let read;
  try {
    read = await readImplementationIssues(jira, config, key, ['reporter']);
  } catch (e) {
    // Jira answers the same for a key that does not exist and one the user may not browse.
    if (e instanceof JiraError && e.status === 400 && e.errorMessages.some((m) => /does not exist/i.test(m)))
      throw notVisible(key);
    throw e;
  }
  const loaded = await implementationOf(jira, config, key, asOf, read);
  if (!loaded) {
    if (!read.issues.some((i) => i.key === key)) throw notVisible(key);
    throw new DocumentError(
      `${key} is not an implementation: Runway renders documents for an Epic labelled "${config.implementationLabel}" or an issue of type ${config.implementationTypes.join(' / ')}.`,
    );
  }
  // Evidence pages and issues are resolved as the reader: what they cannot see shows without a title.
  const report = await evaluate({ jira, confluence, store, config }, loaded, asOf, { checkEvidence: true });
  return {
    implementation: loaded.implementation,
    ctx: {
      asOf,
      config,
      reporters: readReporters(read.issues),
      gates: gateViewsFromResults(report.gates, siteUrl || undefined, report.evidence.sightings),
    },
    warnings: loaded.warnings,
  };
}

// ---- templates -------------------------------------------------------------------------------------

const TEAM_TEMPLATES_KEY = 'playbooks:templates';
const TeamTemplates = z.array(z.unknown());

/** The built-in library plus the team's stored templates (those that no longer validate are refused with the reason). */
export async function loadLibrary(
  store: TypedStore,
): Promise<{ library: PlaybookLibrary; refused: string[]; stored: unknown[] }> {
  const stored = (await store.get(TEAM_TEMPLATES_KEY, TeamTemplates)) ?? [];
  return { ...libraryWith(stored), stored };
}

// ---- rendering -------------------------------------------------------------------------------------

export interface DocumentRequest {
  /** A playbook template id, or `handover` for the handover packet. */
  templateId: string;
  implementationKey: string;
  asOf: IsoDate;
}

export interface DocumentDeps {
  jira: JiraClient;
  store: TypedStore;
  config: RunwayConfig;
  siteUrl: string;
  confluence?: Transport | null;
}

export async function renderDocument(
  req: DocumentRequest,
  deps: DocumentDeps,
): Promise<{ document: StructuredDocument; warnings: string[] }> {
  let template = null;
  if (req.templateId !== HANDOVER_ID) {
    const { library } = await loadLibrary(deps.store);
    template = library.get(req.templateId) ?? null;
    if (template === null) throw new DocumentError(unknownTemplateMessage(req.templateId, library));
  }
  const inputs = await loadInputs(
    deps.jira,
    deps.store,
    deps.config,
    req.implementationKey,
    req.asOf,
    deps.siteUrl,
    deps.confluence ?? null,
  );
  const document =
    template === null
      ? assembleHandoverPacket(inputs.implementation, inputs.ctx)
      : renderPlaybook(template, inputs.implementation, inputs.ctx);
  return { document, warnings: inputs.warnings };
}

export const wire = (doc: StructuredDocument): DocumentWire => doc;

async function depsOf(io: DocumentIo, ctx: MacroContext): Promise<DocumentDeps> {
  return {
    jira: createJiraClient({ fetch: io.jiraFetch }),
    store: io.store,
    config: await readConfig(io.store),
    siteUrl: siteOf(ctx),
    confluence: createTransport({ fetch: io.confluenceFetch }),
  };
}

const failed = (e: unknown) => ({ ok: false as const, error: words(e) });

/** The request of a playbook or handover view: the payload's choice, else the macro's saved settings. */
export function playbookRequest(
  payload: { templateId?: string; implementationKey?: string; asOf?: string },
  ctx: MacroContext,
  io: DocumentIo,
): DocumentRequest | { error: string } {
  const saved = savedConfig(ctx, PlaybookMacroConfig);
  if ('error' in saved) return saved;
  const templateId = payload.templateId ?? saved.templateId;
  const implementationKey = payload.implementationKey ?? saved.implementationKey;
  if (templateId === undefined && implementationKey === undefined)
    return { error: 'Choose a playbook template and an implementation in the macro’s settings.' };
  if (templateId === undefined) return { error: 'Choose a playbook template in the macro’s settings.' };
  if (implementationKey === undefined) return { error: 'Choose an implementation in the macro’s settings.' };
  return { templateId, implementationKey, asOf: payload.asOf ?? todayOf(io) };
}

export async function getDocument(
  request: DocumentRequest | { error: string },
  ctx: MacroContext,
  io: DocumentIo,
): Promise<ResolverResult<DocumentAnswer>> {
  if ('error' in request) return { ok: false, error: request.error };
  try {
    const { document, warnings } = await renderDocument(request, await depsOf(io, ctx));
    return {
      ok: true,
      data: {
        document: wire(document),
        siteUrl: siteOf(ctx),
        warnings,
        canPublish: ctx.extension?.space?.id !== undefined,
      },
    };
  } catch (e) {
    return failed(e);
  }
}

// ---- publishing ------------------------------------------------------------------------------------

const PublishedPage = z.object({ pageId: z.string().min(1) });

export async function publish(
  request: DocumentRequest | { error: string },
  ctx: MacroContext,
  io: DocumentIo,
): Promise<ResolverResult<Published>> {
  if ('error' in request) return { ok: false, error: request.error };
  const spaceId = ctx.extension?.space?.id;
  if (spaceId === undefined)
    return {
      ok: false,
      error: 'Publish works from a Confluence page: the macro has no space in its context.',
    };
  try {
    const deps = await depsOf(io, ctx);
    const { document } = await renderDocument(request, deps);
    const handover = request.templateId === HANDOVER_ID;
    const link = handover
      ? {
          globalId: handoverLinkGlobalId(request.implementationKey),
          relationship: HANDOVER_LINK_RELATIONSHIP,
        }
      : {
          globalId: playbookLinkGlobalId(request.templateId, request.implementationKey),
          relationship: PLAYBOOK_LINK_RELATIONSHIP,
        };
    const recordKey = storageKey('published', link.globalId, spaceId);
    const known = await io.store.get(recordKey, PublishedPage);
    const result = await publishDocument(
      document,
      { spaceId, parentId: ctx.extension?.content?.id, knownPageId: known?.pageId },
      link,
      {
        confluence: createConfluenceClient({ fetch: io.confluenceFetch }),
        jira: deps.jira,
        siteUrl: deps.siteUrl,
      },
    );
    await io.store.set(recordKey, PublishedPage, { pageId: result.pageId });
    return { ok: true, data: result };
  } catch (e) {
    return failed(e);
  }
}

// ---- implementations and templates for the config view ------------------------------------------

/** The fields an implementation option shows (read leniently: a missing one shows empty). */
const OptionFields = z.object({
  summary: z.string().nullish(),
  status: z.object({ name: z.string() }).nullish(),
  project: z.object({ key: z.string() }).nullish(),
});

export async function searchImplementations(
  rawPayload: unknown,
  io: DocumentIo,
): Promise<ResolverResult<ImplementationOptions>> {
  const parsed = SearchImplementationsPayload.safeParse(rawPayload ?? {});
  if (!parsed.success) return invalidRequest(parsed.error);
  const jira = createJiraClient({ fetch: io.jiraFetch });
  let byKey = false;
  try {
    // Without the site's issue types the search falls back to the implementation label alone.
    const site = await siteIssueTypes(jira).catch(() => new Set<string>());
    const search = implementationSearchJql(parsed.data.query, await readConfig(io.store), site);
    byKey = search.byKey;
    const jql = search.jql;
    const first = await jira
      .searchJql({ jql, fields: ['summary', 'status', 'project'], maxResults: 20 })
      .next();
    const issues = first.done ? [] : first.value.issues;
    return {
      ok: true,
      data: {
        implementations: issues.slice(0, 20).flatMap((i) => {
          if (i.key === undefined) return [];
          const f = OptionFields.safeParse(i.fields);
          return [
            {
              key: i.key,
              summary: f.success ? (f.data.summary ?? '') : '',
              status: f.success ? (f.data.status?.name ?? null) : null,
              project: f.success ? (f.data.project?.key ?? null) : null,
            },
          ];
        }),
      },
    };
  } catch (e) {
    if (byKey && e instanceof JiraError && e.status === 400)
      return { ok: true, data: { implementations: [] } };
    return failed(e);
  }
}

/** Jira administrator; a permission check that fails counts as no (it only ever withholds). */
const isAdmin = (io: DocumentIo): Promise<boolean> =>
  isJiraAdmin(createJiraClient({ fetch: io.jiraFetch })).catch(() => false);

export async function listTemplates(
  rawPayload: unknown,
  io: DocumentIo,
): Promise<ResolverResult<TemplateList>> {
  const parsed = ListTemplatesPayload.safeParse(rawPayload ?? {});
  if (!parsed.success) return invalidRequest(parsed.error);
  try {
    const { library, refused } = await loadLibrary(io.store);
    const templates: TemplateSummary[] = library.templates.map((t) => ({
      id: t.id,
      title: t.title,
      description: t.description,
      builtIn: library.isBuiltIn(t.id),
    }));
    return {
      ok: true,
      data: {
        templates,
        refused,
        canAddTemplates: await isAdmin(io),
      },
    };
  } catch (e) {
    return failed(e);
  }
}

/** Adds (or replaces, by id) a team template: Jira administrators only; an invalid one is refused with the reason. */
export async function saveTemplate(
  rawPayload: unknown,
  io: DocumentIo,
): Promise<ResolverResult<TemplateSummary>> {
  const parsed = SaveTemplatePayload.safeParse(rawPayload ?? {});
  if (!parsed.success) return invalidRequest(parsed.error);
  try {
    if (!(await isAdmin(io)))
      return { ok: false, error: 'Only Jira administrators can add playbook templates.' };
    const { stored } = await loadLibrary(io.store);
    const id = (t: unknown) => (typeof t === 'object' && t !== null && 'id' in t ? t.id : undefined);
    const others = stored.filter((t) => id(t) !== id(parsed.data.template));
    const accepted = acceptTemplate(parsed.data.template, libraryWith(others).library);
    if (!accepted.ok) return { ok: false, error: accepted.error };
    await io.store.set(TEAM_TEMPLATES_KEY, TeamTemplates, [...others, parsed.data.template]);
    const t = accepted.value;
    return { ok: true, data: { id: t.id, title: t.title, description: t.description, builtIn: false } };
  } catch (e) {
    return failed(e);
  }
}

// ---- adfExport ---------------------------------------------------------------------------------------

/** What Confluence sends the adfExport function: the macro's context and saved configuration. */
const ExportEvent = z.object({
  context: z.unknown().optional(),
  extensionPayload: z.object({ config: z.unknown().optional() }).partial().optional(),
});

export function exportContext(event: unknown): MacroContext {
  const parsed = ExportEvent.safeParse(event ?? {});
  if (!parsed.success) return {};
  const ctx = macroContext(parsed.data.context);
  const config = ctx.extension?.config ?? parsed.data.extensionPayload?.config;
  return { ...ctx, extension: { ...ctx.extension, config } };
}

/** The document as ADF for PDF and Word export, or a one-panel document saying why there is none. */
export async function exportAdf(
  request: DocumentRequest | { error: string },
  ctx: MacroContext,
  io: DocumentIo,
): Promise<AdfDoc> {
  const answer = await getDocument(request, ctx, io);
  if (!answer.ok) return adfMessage(answer.error);
  return toAdf(answer.data.document, { siteUrl: siteOf(ctx) || undefined, includeTitle: true });
}

// ---- the Playbook macro -------------------------------------------------------------------------------

export function playbookResolverWith(io: () => DocumentIo) {
  const resolver = new Resolver();
  resolver.define(PLAYBOOK_KEYS.listTemplates, ({ payload }) => listTemplates(payload, io()));
  resolver.define(PLAYBOOK_KEYS.searchImplementations, ({ payload }) => searchImplementations(payload, io()));
  resolver.define(PLAYBOOK_KEYS.saveTemplate, ({ payload }) => saveTemplate(payload, io()));
  resolver.define(PLAYBOOK_KEYS.getDocument, async ({ payload, context }) => {
    const parsed = GetPlaybookPayload.safeParse(payload ?? {});
    if (!parsed.success) return invalidRequest(parsed.error);
    const ctx = macroContext(context);
    const deps = io();
    return getDocument(playbookRequest(parsed.data, ctx, deps), ctx, deps);
  });
  resolver.define(PLAYBOOK_KEYS.publish, async ({ payload, context }) => {
    const parsed = PublishPlaybookPayload.safeParse(payload ?? {});
    if (!parsed.success) return invalidRequest(parsed.error);
    const ctx = macroContext(context);
    const deps = io();
    return publish(playbookRequest(parsed.data, ctx, deps), ctx, deps);
  });
  return resolver.getDefinitions();
}

export const playbookResolver = playbookResolverWith(forgeIo);

/** The ADF Confluence puts in PDF and Word exports in place of the macro's iframe. */
export async function playbookExport(event: unknown): Promise<AdfDoc> {
  const ctx = exportContext(event);
  const io = forgeIo();
  return exportAdf(playbookRequest({}, ctx, io), ctx, io);
}
