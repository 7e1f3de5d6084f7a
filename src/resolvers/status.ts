// Resolver and adfExport of the Status report macro (Confluence `macro` runway-status): the status
// report of the configured implementation and period, rendered, exported or published like a
// playbook (src/app/documents holds what the macros share).
import Resolver from '@forge/resolver';
import {
  GetStatusPayload,
  GetWeeklyPayload,
  PublishStatusPayload,
  STATUS_KEYS,
  StopWeeklyPayload,
} from '../contracts/status';
import { invalidRequest } from '../contracts/result';
import {
  forgeIo,
  getDocument,
  getWeekly,
  macroContext,
  publish,
  startWeekly,
  statusRequest,
  stopWeekly,
  type DocumentIo,
} from '../app/documents';
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
  // The weekly schedules of the macro's page, and the Stop control (as the reader).
  resolver.define(STATUS_KEYS.getWeekly, ({ payload, context }) => {
    const parsed = GetWeeklyPayload.safeParse(payload ?? {});
    return parsed.success ? getWeekly(macroContext(context), io()) : invalidRequest(parsed.error);
  });
  resolver.define(STATUS_KEYS.stopWeekly, ({ payload, context }) => {
    const parsed = StopWeeklyPayload.safeParse(payload ?? {});
    return parsed.success
      ? stopWeekly(parsed.data, macroContext(context), io())
      : invalidRequest(parsed.error);
  });
  return resolver.getDefinitions();
}

export const statusResolver = statusResolverWith(forgeIo);

export const statusExport = macroExport(statusRequest);
