// The ports every use case takes: the products as one identity, app storage and the clock. Use
// cases receive these as arguments and never reach for Forge themselves, so tests pass in-memory
// ports and the local host passes its own.
import type { Clock } from '../domain/clock';
import type { IsoDate } from '../domain/dates';
import type { HttpFetch } from '../http';
import type { TypedStore } from '../storage';

export type { HttpFetch, TypedStore };

/** The one clock type (defined with the domain so adapters can take it too). */
export type { Clock } from '../domain/clock';

/** Everything outside a use case: Jira and Confluence as one identity, app storage, the clock. */
export interface Ports {
  jiraFetch: HttpFetch;
  confluenceFetch: HttpFetch;
  store: TypedStore;
  now: Clock;
  /**
   * When the invocation must be done (epoch ms): Forge's limit for the function less a margin.
   * Both fetches carry it, so every client made from them stops waiting in time.
   */
  deadlineAt?: number;
}

/** Today's date in UTC, the day a use case computes "as of" when none is given. */
export function todayUtc(now: Date = new Date()): IsoDate {
  return now.toISOString().slice(0, 10);
}
