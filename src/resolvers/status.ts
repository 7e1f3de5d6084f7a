// Resolver and adfExport of the Status report macro (Confluence `macro` runway-status): the status
// report of the configured implementation and period, rendered, exported or published like a
// playbook (src/app/documents holds what the macros share).
import Resolver from '@forge/resolver';
import { GetStatusPayload, PublishStatusPayload, STATUS_KEYS } from '../contracts/status';
import { forgeIo, getDocument, publish, startWeekly, statusRequest, type DocumentIo } from '../app/documents';
import { defineDocumentCall, defineImplementationSearch, macroExport } from './macro';

export function statusResolverWith(io: () => DocumentIo) {
  const resolver = new Resolver();
  defineImplementationSearch(resolver, io, STATUS_KEYS.searchImplementations);
  defineDocumentCall(resolver, io, STATUS_KEYS.getDocument, GetStatusPayload, statusRequest, getDocument);
  defineDocumentCall(resolver, io, STATUS_KEYS.publish, PublishStatusPayload, statusRequest, publish);
  defineDocumentCall(
    resolver,
    io,
    STATUS_KEYS.publishWeekly,
    PublishStatusPayload,
    statusRequest,
    startWeekly,
  );
  return resolver.getDefinitions();
}

export const statusResolver = statusResolverWith(forgeIo);

export const statusExport = macroExport(statusRequest);
