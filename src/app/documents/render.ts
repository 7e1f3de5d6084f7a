// Rendering a document: a playbook template or the handover packet, for one implementation as the
// user sees it, as of a date; and which document a macro asks for (its payload, else its settings).
import type { DocumentAnswer, StructuredDocument as DocumentWire } from '../../contracts/playbook';
import { PlaybookMacroConfig } from '../../contracts/playbook';
import type { ResolverResult } from '../../contracts/result';
import type { IsoDate, RunwayConfig } from '../../domain';
import { assembleHandoverPacket } from '../../domain/handover';
import {
  HANDOVER_ID,
  renderPlaybook,
  unknownTemplateMessage,
  type StructuredDocument,
} from '../../domain/playbooks';
import { createConfluenceClient, type ConfluenceClient } from '../../confluence/client';
import { assembleStatusReport, STATUS_ID } from '../../domain/status';
import { createJiraClient, type JiraClient } from '../../jira';
import { readConfig, type TypedStore } from '../../storage';
import { loadLibrary, loadTemplate } from '../playbooks/library';
import { savedConfig, siteOf, todayOf, type MacroContext } from './context';
import { loadInputs } from './inputs';
import { DocumentError, failed, type DocumentIo } from './io';
import { whyCannotPublish } from './may-publish';

export interface DocumentRequest {
  /** A playbook template id, `handover` for the handover packet, `status` for the status report. */
  templateId: string;
  implementationKey: string;
  asOf: IsoDate;
  /** The status report: the first day of its period (asOf is the last). */
  since?: IsoDate;
}

export interface DocumentDeps {
  jira: JiraClient;
  store: TypedStore;
  config: RunwayConfig;
  siteUrl: string;
  /** Confluence as the reader, to resolve evidence pages; without it they show as not visible. */
  confluence?: ConfluenceClient | null;
}

export async function renderDocument(
  req: DocumentRequest,
  deps: DocumentDeps,
): Promise<{ document: StructuredDocument; warnings: string[] }> {
  let template = null;
  if (req.templateId !== HANDOVER_ID && req.templateId !== STATUS_ID) {
    // Only the template asked for is read; the whole library only to say which ones exist.
    template = (await loadTemplate(deps.store, req.templateId)) ?? null;
    if (template === null)
      throw new DocumentError(
        unknownTemplateMessage(req.templateId, (await loadLibrary(deps.store)).library),
      );
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
    req.templateId === STATUS_ID
      ? assembleStatusReport(inputs.implementation, {
          ...inputs.ctx,
          issues: inputs.issues,
          since: req.since ?? req.asOf,
        })
      : template === null
        ? assembleHandoverPacket(inputs.implementation, inputs.ctx)
        : renderPlaybook(template, inputs.implementation, inputs.ctx);
  return { document, warnings: inputs.warnings };
}

export const wire = (doc: StructuredDocument): DocumentWire => doc;

export async function depsOf(io: DocumentIo, ctx: MacroContext): Promise<DocumentDeps> {
  return {
    jira: createJiraClient({ fetch: io.jiraFetch }),
    store: io.store,
    config: await readConfig(io.store),
    siteUrl: siteOf(ctx),
    confluence: createConfluenceClient({ fetch: io.confluenceFetch }),
  };
}

/** The request of a playbook view: the payload's choice, else the macro's saved settings. */
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
    const [{ document, warnings }, cannotPublishReason] = await Promise.all([
      renderDocument(request, await depsOf(io, ctx)),
      whyCannotPublish(ctx, io),
    ]);
    return {
      ok: true,
      data: {
        document: wire(document),
        siteUrl: siteOf(ctx),
        warnings,
        canPublish: cannotPublishReason === null,
        cannotPublishReason,
      },
    };
  } catch (e) {
    return failed(e);
  }
}
