// What the three macro resolvers (Playbook, Handover packet, Status report) share: a key whose
// payload, with the macro's saved settings, makes a document request that a document use case
// runs as the user; the config views' implementation search; and the adfExport for PDF and Word.
import type Resolver from '@forge/resolver';
import type { z } from 'zod';
import {
  exportAdf,
  exportContext,
  forgeIo,
  macroContext,
  searchImplementations,
  type AdfDoc,
  type DocumentIo,
  type DocumentRequest,
  type MacroContext,
} from '../app/documents';
import { SearchImplementationsPayload } from '../contracts/playbook';
import { invalidRequest } from '../contracts/result';

/** The macro's request from a parsed payload and its saved settings, or what is missing. */
export type RequestOf<P> = (
  payload: P,
  ctx: MacroContext,
  io: DocumentIo,
) => DocumentRequest | { error: string };

type DocumentAction<R> = (
  request: DocumentRequest | { error: string },
  ctx: MacroContext,
  io: DocumentIo,
) => Promise<R>;

/** Defines `key`: parse the payload with `schema`, make the request, run `action` on it. */
export function defineDocumentCall<S extends z.ZodType, R>(
  resolver: Resolver,
  io: () => DocumentIo,
  key: string,
  schema: S,
  requestOf: RequestOf<z.infer<S>>,
  action: DocumentAction<R>,
): void {
  resolver.define(key, async ({ payload, context }) => {
    const parsed = schema.safeParse(payload ?? {});
    if (!parsed.success) return invalidRequest(parsed.error);
    const ctx = macroContext(context);
    const deps = io();
    return action(requestOf(parsed.data, ctx, deps), ctx, deps);
  });
}

/** The config view's search for an implementation, as the user. */
export function defineImplementationSearch(resolver: Resolver, io: () => DocumentIo, key: string): void {
  resolver.define(key, ({ payload }) => {
    const parsed = SearchImplementationsPayload.safeParse(payload ?? {});
    return parsed.success ? searchImplementations(parsed.data, io()) : invalidRequest(parsed.error);
  });
}

/** The ADF Confluence puts in PDF and Word exports in place of the macro's iframe (as the exporting user). */
export function macroExport(
  requestOf: RequestOf<Record<string, never>>,
): (event: unknown) => Promise<AdfDoc> {
  return async (event) => {
    const ctx = exportContext(event);
    const io = forgeIo();
    return exportAdf(requestOf({}, ctx, io), ctx, io);
  };
}
