// The request/response seam between the local Forge host (or the HTTP server) and the
// emulated Jira + Confluence site. Bodies are raw text, as they travel over HTTP.

import type { SiteState } from './model';

/** The acting identity: a user's accountId, or 'app' for `asApp()` calls. */
export type ActingAccount = string;

export const APP_ACCOUNT: ActingAccount = 'app';

export interface SiteRequest {
  method: string;
  /** Path with query string, e.g. `/rest/api/3/search/jql?jql=project%3DIMP`. */
  path: string;
  headers?: Record<string, string>;
  /** Raw request body (JSON text for the endpoints the app uses). */
  body?: string | null;
  accountId: ActingAccount;
}

export interface SiteResponse {
  status: number;
  headers: Record<string, string>;
  /** Raw response body: JSON text, or '' for 204. */
  body: string;
}

export interface FaultConfig {
  /** Every n-th counted request answers 429 with Retry-After. */
  rateLimit?: { every: number; retryAfterSeconds: number };
  /** Every n-th counted request answers 503. */
  unavailable?: { every: number };
  /** Added latency per request, in milliseconds. */
  latencyMs?: number;
  /** Only requests whose endpoint (e.g. `POST /rest/api/3/search/jql`) is listed are faulted; default all. */
  endpoints?: string[];
}

export interface RequestLogEntry {
  seq: number;
  method: string;
  /** The route template, e.g. `GET /rest/api/3/issue/{issueIdOrKey}`; `unmatched` when no route. */
  endpoint: string;
  path: string;
  accountId: ActingAccount;
  status: number;
  /** Set when the answer was an injected fault. */
  fault?: 'rateLimit' | 'unavailable';
}

/**
 * A transition about to happen (the request passed Jira's own checks: the issue is visible, the
 * user may transition it, the transition exists). What Jira hands its workflow validators.
 */
export interface TransitionAttempt {
  issue: { id: string; key: string };
  transition: { id: string; from: { id: string; name: string }; to: { id: string; name: string } };
  /** The `fields` of the request, as sent (what the transition screen would set). */
  modifiedFields: Record<string, unknown>;
  /** Who asks (a user's accountId, or 'app'). */
  accountId: ActingAccount;
}

/** A validator's answer: let the transition happen, or refuse it with Jira's error messages. */
export type TransitionCheck = { allowed: true } | { allowed: false; errorMessages: string[] };

export interface SiteHandler {
  /** The site's data (mutated by write requests). */
  readonly state: SiteState;
  handle(request: SiteRequest): Promise<SiteResponse>;
  setFaults(faults: FaultConfig | undefined): void;
  /** Every request seen since creation or the last `resetLog()`. */
  requestLog(): readonly RequestLogEntry[];
  /** Requests per endpoint template since the last reset. */
  requestCounts(): Record<string, number>;
  resetLog(): void;
}
