// Typed calls of the start dialog: the implementations page's resolver, which a Modal opened from
// that page shares (src/contracts/implementations.ts).
import {
  IMPLEMENTATIONS_KEYS,
  StartImplementationPayload,
  StartOutcome,
  StartPreview,
  StartRequest,
} from '../../src/contracts/implementations';
import { callResolver } from '../shared/invoke';

export const startDialog = {
  previewStart: (request: StartRequest) =>
    callResolver(IMPLEMENTATIONS_KEYS.previewStart, StartRequest, StartPreview, request),
  start: (payload: StartImplementationPayload) =>
    callResolver(IMPLEMENTATIONS_KEYS.startImplementation, StartImplementationPayload, StartOutcome, payload),
};
