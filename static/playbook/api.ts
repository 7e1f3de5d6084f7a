// Typed calls of the Playbook macro's resolver (src/contracts/playbook.ts), for the view and the config view.
import {
  DocumentAnswer,
  GetPlaybookPayload,
  ImplementationOptions,
  ListTemplatesPayload,
  PLAYBOOK_KEYS,
  PublishPlaybookPayload,
  Published,
  SaveTemplatePayload,
  SearchImplementationsPayload,
  TemplateList,
  TemplateSummary,
} from '../../src/contracts/playbook';
import { callResolver } from '../shared/invoke';

export const playbook = {
  listTemplates: () => callResolver(PLAYBOOK_KEYS.listTemplates, ListTemplatesPayload, TemplateList, {}),
  searchImplementations: (query: string) =>
    callResolver(PLAYBOOK_KEYS.searchImplementations, SearchImplementationsPayload, ImplementationOptions, {
      query,
    }),
  getDocument: (payload: GetPlaybookPayload = {}) =>
    callResolver(PLAYBOOK_KEYS.getDocument, GetPlaybookPayload, DocumentAnswer, payload),
  publish: (payload: GetPlaybookPayload = {}) =>
    callResolver(PLAYBOOK_KEYS.publish, PublishPlaybookPayload, Published, payload),
  saveTemplate: (template: unknown) =>
    callResolver(PLAYBOOK_KEYS.saveTemplate, SaveTemplatePayload, TemplateSummary, { template }),
};
