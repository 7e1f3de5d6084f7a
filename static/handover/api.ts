// Typed calls of the Handover packet macro's resolver (src/contracts/handover.ts).
import { GetHandoverPayload, HANDOVER_KEYS, PublishHandoverPayload } from '../../src/contracts/handover';
import {
  DocumentAnswer,
  ImplementationOptions,
  Published,
  SearchImplementationsPayload,
} from '../../src/contracts/playbook';
import { callResolver } from '../shared/invoke';

export const handover = {
  searchImplementations: (query: string) =>
    callResolver(HANDOVER_KEYS.searchImplementations, SearchImplementationsPayload, ImplementationOptions, {
      query,
    }),
  getDocument: (payload: GetHandoverPayload = {}) =>
    callResolver(HANDOVER_KEYS.getDocument, GetHandoverPayload, DocumentAnswer, payload),
  publish: (payload: GetHandoverPayload = {}) =>
    callResolver(HANDOVER_KEYS.publish, PublishHandoverPayload, Published, payload),
};
