// Typed call of the implementations page resolver (src/contracts/implementations.ts).
import {
  GetImplementationsPayload,
  IMPLEMENTATIONS_KEYS,
  ImplementationsView,
} from '../../src/contracts/implementations';
import { callResolver } from '../shared/invoke';

export const implementations = {
  get: () =>
    callResolver(IMPLEMENTATIONS_KEYS.getImplementations, GetImplementationsPayload, ImplementationsView, {}),
};
