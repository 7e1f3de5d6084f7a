// Resolver and adfExport of the Handover packet macro (Confluence `macro` runway-handover): the
// packet of the configured implementation, rendered, exported or published like a playbook
// (./playbook.ts holds what both macros share).
import Resolver from '@forge/resolver';
import {
  GetHandoverPayload,
  HANDOVER_KEYS,
  HandoverMacroConfig,
  PublishHandoverPayload,
} from '../contracts/handover';
import { invalidRequest } from '../contracts/result';
import { SearchImplementationsPayload } from '../contracts/playbook';
import {
  HANDOVER_ID,
  exportAdf,
  exportContext,
  forgeIo,
  getDocument,
  macroContext,
  publish,
  savedConfig,
  searchImplementations,
  todayOf,
  type AdfDoc,
  type DocumentIo,
  type DocumentRequest,
  type MacroContext,
} from '../app/documents';

/** The payload's implementation, else the macro's saved settings. */
export function handoverRequest(
  payload: { implementationKey?: string; asOf?: string },
  ctx: MacroContext,
  io: DocumentIo,
): DocumentRequest | { error: string } {
  const saved = savedConfig(ctx, HandoverMacroConfig);
  if ('error' in saved) return saved;
  const implementationKey = payload.implementationKey ?? saved.implementationKey;
  if (implementationKey === undefined) return { error: 'Choose an implementation in the macro’s settings.' };
  return { templateId: HANDOVER_ID, implementationKey, asOf: payload.asOf ?? todayOf(io) };
}

export function handoverResolverWith(io: () => DocumentIo) {
  const resolver = new Resolver();
  resolver.define(HANDOVER_KEYS.searchImplementations, ({ payload }) => {
    const parsed = SearchImplementationsPayload.safeParse(payload ?? {});
    return parsed.success ? searchImplementations(parsed.data, io()) : invalidRequest(parsed.error);
  });
  resolver.define(HANDOVER_KEYS.getDocument, async ({ payload, context }) => {
    const parsed = GetHandoverPayload.safeParse(payload ?? {});
    if (!parsed.success) return invalidRequest(parsed.error);
    const ctx = macroContext(context);
    const deps = io();
    return getDocument(handoverRequest(parsed.data, ctx, deps), ctx, deps);
  });
  resolver.define(HANDOVER_KEYS.publish, async ({ payload, context }) => {
    const parsed = PublishHandoverPayload.safeParse(payload ?? {});
    if (!parsed.success) return invalidRequest(parsed.error);
    const ctx = macroContext(context);
    const deps = io();
    return publish(handoverRequest(parsed.data, ctx, deps), ctx, deps);
  });
  return resolver.getDefinitions();
}

export const handoverResolver = handoverResolverWith(forgeIo);

/** The ADF Confluence puts in PDF and Word exports in place of the macro's iframe. */
export async function handoverExport(event: unknown): Promise<AdfDoc> {
  const ctx = exportContext(event);
  const io = forgeIo();
  return exportAdf(handoverRequest({}, ctx, io), ctx, io);
}
