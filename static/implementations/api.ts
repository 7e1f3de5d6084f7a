// Typed calls of the implementations page resolver (src/contracts/implementations.ts).
import {
  GetImplementationsPayload,
  GetStartOptionsPayload,
  IMPLEMENTATIONS_KEYS,
  ImplementationsView,
  StartImplementationPayload,
  StartOptions,
  StartOutcome,
  StartPreview,
  StartRequest,
} from '../../src/contracts/implementations';
import { callResolver } from '../shared/invoke';

export const implementations = {
  get: () =>
    callResolver(IMPLEMENTATIONS_KEYS.getImplementations, GetImplementationsPayload, ImplementationsView, {}),
  startOptions: () =>
    callResolver(IMPLEMENTATIONS_KEYS.getStartOptions, GetStartOptionsPayload, StartOptions, {}),
  previewStart: (request: StartRequest) =>
    callResolver(IMPLEMENTATIONS_KEYS.previewStart, StartRequest, StartPreview, request),
  start: (payload: StartImplementationPayload) =>
    callResolver(IMPLEMENTATIONS_KEYS.startImplementation, StartImplementationPayload, StartOutcome, payload),
};
