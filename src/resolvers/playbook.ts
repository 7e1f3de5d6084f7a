// Resolver and adfExport of the Playbook macro (Confluence `macro` runway-playbook): parse the
// payload and the macro's context → the document use case (src/app/documents, team templates in
// src/app/playbooks/library) → its answer. Reads and writes go to Jira and Confluence as the user.
import Resolver from '@forge/resolver';
import { forgeIo, getDocument, playbookRequest, publish, type DocumentIo } from '../app/documents';
import { listTemplates, saveTemplate } from '../app/playbooks';
import {
  GetPlaybookPayload,
  ListTemplatesPayload,
  PLAYBOOK_KEYS,
  PublishPlaybookPayload,
  SaveTemplatePayload,
} from '../contracts/playbook';
import { invalidRequest } from '../contracts/result';
import { defineDocumentCall, defineImplementationSearch, macroExport } from './macro';

export function playbookResolverWith(io: () => DocumentIo) {
  const resolver = new Resolver();
  resolver.define(PLAYBOOK_KEYS.listTemplates, ({ payload }) => {
    const parsed = ListTemplatesPayload.safeParse(payload ?? {});
    return parsed.success ? listTemplates(io()) : invalidRequest(parsed.error);
  });
  defineImplementationSearch(resolver, io, PLAYBOOK_KEYS.searchImplementations);
  resolver.define(PLAYBOOK_KEYS.saveTemplate, ({ payload }) => {
    const parsed = SaveTemplatePayload.safeParse(payload ?? {});
    return parsed.success ? saveTemplate(parsed.data.template, io()) : invalidRequest(parsed.error);
  });
  defineDocumentCall(
    resolver,
    io,
    PLAYBOOK_KEYS.getDocument,
    GetPlaybookPayload,
    playbookRequest,
    getDocument,
  );
  defineDocumentCall(resolver, io, PLAYBOOK_KEYS.publish, PublishPlaybookPayload, playbookRequest, publish);
  return resolver.getDefinitions();
}

export const playbookResolver = playbookResolverWith(forgeIo);

export const playbookExport = macroExport(playbookRequest);
