// Typed calls of the implementations page resolver (src/contracts/implementations.ts).
import {
  GetImplementationsPayload,
  GetStartOptionsPayload,
  IMPLEMENTATIONS_KEYS,
  ImplementationsView,
  StartOptions,
} from '../../src/contracts/implementations';
import { callResolver } from '../shared/invoke';

export const implementations = {
  /** One page; `cursor` is the previous page's nextCursor. */
  get: (cursor?: string) =>
    callResolver(
      IMPLEMENTATIONS_KEYS.getImplementations,
      GetImplementationsPayload,
      ImplementationsView,
      cursor === undefined ? {} : { cursor },
    ),
  startOptions: () =>
    callResolver(IMPLEMENTATIONS_KEYS.getStartOptions, GetStartOptionsPayload, StartOptions, {}),
};
