// Resolver and adfExport of the Status report macro (Confluence `macro` runway-status): the status
// report of the configured implementation and period, rendered, exported or published like a
// playbook (src/app/documents holds what the macros share).
import Resolver from '@forge/resolver';
import { GetStatusPayload, PublishStatusPayload, STATUS_KEYS } from '../contracts/status';
import { invalidRequest } from '../contracts/result';
import { SearchImplementationsPayload } from '../contracts/playbook';
import {
  exportAdf,
  exportContext,
  forgeIo,
  getDocument,
  macroContext,
  publish,
  searchImplementations,
  startWeekly,
  statusRequest,
  type AdfDoc,
  type DocumentIo,
} from '../app/documents';

export function statusResolverWith(io: () => DocumentIo) {
  const resolver = new Resolver();
  resolver.define(STATUS_KEYS.searchImplementations, ({ payload }) => {
    const parsed = SearchImplementationsPayload.safeParse(payload ?? {});
    return parsed.success ? searchImplementations(parsed.data, io()) : invalidRequest(parsed.error);
  });
  resolver.define(STATUS_KEYS.getDocument, async ({ payload, context }) => {
    const parsed = GetStatusPayload.safeParse(payload ?? {});
    if (!parsed.success) return invalidRequest(parsed.error);
    const ctx = macroContext(context);
    const deps = io();
    return getDocument(statusRequest(parsed.data, ctx, deps), ctx, deps);
  });
  resolver.define(STATUS_KEYS.publish, async ({ payload, context }) => {
    const parsed = PublishStatusPayload.safeParse(payload ?? {});
    if (!parsed.success) return invalidRequest(parsed.error);
    const ctx = macroContext(context);
    const deps = io();
    return publish(statusRequest(parsed.data, ctx, deps), ctx, deps);
  });
  resolver.define(STATUS_KEYS.publishWeekly, async ({ payload, context }) => {
    const parsed = PublishStatusPayload.safeParse(payload ?? {});
    if (!parsed.success) return invalidRequest(parsed.error);
    const ctx = macroContext(context);
    const deps = io();
    return startWeekly(statusRequest(parsed.data, ctx, deps), ctx, deps);
  });
  return resolver.getDefinitions();
}

export const statusResolver = statusResolverWith(forgeIo);

/** The ADF Confluence puts in PDF and Word exports in place of the macro's iframe. */
export async function statusExport(event: unknown): Promise<AdfDoc> {
  const ctx = exportContext(event);
  const io = forgeIo();
  return exportAdf(statusRequest({}, ctx, io), ctx, io);
}
