// Resolver and adfExport of the Playbook macro (Confluence `macro` runway-playbook): parse the
// payload and the macro's context → the document use case (src/app/documents, team templates in
// src/app/playbooks/library) → its answer. Reads and writes go to Jira and Confluence as the user.
import Resolver from '@forge/resolver';
import {
  exportAdf,
  exportContext,
  forgeIo,
  getDocument,
  macroContext,
  playbookRequest,
  publish,
  searchImplementations,
  type AdfDoc,
  type DocumentIo,
} from '../app/documents';
import { listTemplates, saveTemplate } from '../app/playbooks';
import {
  GetPlaybookPayload,
  ListTemplatesPayload,
  PLAYBOOK_KEYS,
  PublishPlaybookPayload,
  SaveTemplatePayload,
  SearchImplementationsPayload,
} from '../contracts/playbook';
import { invalidRequest } from '../contracts/result';

export function playbookResolverWith(io: () => DocumentIo) {
  const resolver = new Resolver();
  resolver.define(PLAYBOOK_KEYS.listTemplates, ({ payload }) => {
    const parsed = ListTemplatesPayload.safeParse(payload ?? {});
    return parsed.success ? listTemplates(io()) : invalidRequest(parsed.error);
  });
  resolver.define(PLAYBOOK_KEYS.searchImplementations, ({ payload }) => {
    const parsed = SearchImplementationsPayload.safeParse(payload ?? {});
    return parsed.success ? searchImplementations(parsed.data, io()) : invalidRequest(parsed.error);
  });
  resolver.define(PLAYBOOK_KEYS.saveTemplate, ({ payload }) => {
    const parsed = SaveTemplatePayload.safeParse(payload ?? {});
    return parsed.success ? saveTemplate(parsed.data.template, io()) : invalidRequest(parsed.error);
  });
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
