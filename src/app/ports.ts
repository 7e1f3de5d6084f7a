// The ports every use case takes: the products as one identity, app storage and the clock. Use
// cases receive these as arguments and never reach for Forge themselves, so tests pass in-memory
// ports and the local host passes its own.
import type { IsoDate } from '../domain/dates';
import type { HttpFetch } from '../jira';
import type { TypedStore } from '../storage';

/** The one clock type: what time it is now. Use cases take it; the domain takes dates instead. */
export type Clock = () => Date;

/** Everything outside a use case: Jira and Confluence as one identity, app storage, the clock. */
export interface Ports {
  jiraFetch: HttpFetch;
  confluenceFetch: HttpFetch;
  store: TypedStore;
  now: Clock;
}

/** Today's date in UTC, the day a use case computes "as of" when none is given. */
export function todayUtc(now: Date = new Date()): IsoDate {
  return now.toISOString().slice(0, 10);
}
