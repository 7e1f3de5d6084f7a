// Resolver and adfExport of the Handover packet macro (Confluence `macro` runway-handover): the
// packet of the configured implementation, rendered, exported or published like a playbook
// (./macro.ts holds what the three macros share).
import Resolver from '@forge/resolver';
import {
  GetHandoverPayload,
  HANDOVER_KEYS,
  HandoverMacroConfig,
  PublishHandoverPayload,
} from '../contracts/handover';
import {
  HANDOVER_ID,
  forgeIo,
  getDocument,
  publish,
  savedConfig,
  todayOf,
  type DocumentIo,
  type DocumentRequest,
  type MacroContext,
} from '../app/documents';
import { defineDocumentCall, defineImplementationSearch, macroExport } from './macro';

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
  defineImplementationSearch(resolver, io, HANDOVER_KEYS.searchImplementations);
  defineDocumentCall(
    resolver,
    io,
    HANDOVER_KEYS.getDocument,
    GetHandoverPayload,
    handoverRequest,
    getDocument,
  );
  defineDocumentCall(resolver, io, HANDOVER_KEYS.publish, PublishHandoverPayload, handoverRequest, publish);
  return resolver.getDefinitions();
}

export const handoverResolver = handoverResolverWith(forgeIo);

export const handoverExport = macroExport(handoverRequest);
