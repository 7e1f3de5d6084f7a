// Response helpers and the route table types shared by the Jira and Confluence routes.

import type { SiteState, SiteUser } from './model';
import type { SiteResponse } from './types';

export interface RouteContext {
  state: SiteState;
  user: SiteUser;
  params: Record<string, string>;
  query: URLSearchParams;
  /** Parsed JSON body; undefined when there was none. */
  body: unknown;
  nowMs: number;
  /** Per-handler caches (search results), keyed by the route module. */
  cache: Map<string, unknown>;
}

export type RouteResult = SiteResponse;

export interface Route {
  method: string;
  /** Template as written in the OpenAPI spec, e.g. `/rest/api/3/issue/{issueIdOrKey}`. */
  template: string;
  run: (ctx: RouteContext) => RouteResult;
}

const JSON_HEADERS = { 'content-type': 'application/json;charset=UTF-8' };

export function json(status: number, body: unknown, headers: Record<string, string> = {}): SiteResponse {
  return { status, headers: { ...JSON_HEADERS, ...headers }, body: JSON.stringify(body) };
}

export function noContent(): SiteResponse {
  return { status: 204, headers: {}, body: '' };
}

/** Jira's error collection: `{ errorMessages: [...], errors: {...} }`. */
export function jiraError(
  status: number,
  messages: string[] | string,
  errors: Record<string, string> = {},
): SiteResponse {
  return json(status, { errorMessages: Array.isArray(messages) ? messages : [messages], errors });
}

export const ISSUE_NOT_FOUND = 'Issue does not exist or you do not have permission to see it.';
export const INVALID_PAYLOAD = 'Invalid request payload. Refer to the REST API documentation and try again.';

const CONFLUENCE_CODES: Record<number, string> = {
  400: 'INVALID_REQUEST_PARAMETER',
  401: 'UNAUTHORIZED',
  403: 'PERMISSION_DENIED',
  404: 'NOT_FOUND',
  409: 'CONFLICT',
};

/** Confluence v2's error shape: `{ errors: [{ status, code, title, detail }] }`. */
export function confluenceError(status: number, title: string): SiteResponse {
  return json(status, {
    errors: [{ status, code: CONFLUENCE_CODES[status] ?? 'ERROR', title, detail: null }],
  });
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** All values of a repeatable, comma-separable query parameter. */
export function listParam(query: URLSearchParams, name: string): string[] {
  return query
    .getAll(name)
    .flatMap((v) => v.split(','))
    .map((v) => v.trim())
    .filter((v) => v.length > 0);
}

export function intParam(query: URLSearchParams, name: string, fallback: number): number | null {
  const raw = query.get(name);
  if (raw === null || raw === '') return fallback;
  const n = Number(raw);
  return Number.isInteger(n) ? n : null;
}

/** An opaque cursor that carries an offset and the fingerprint of the request it belongs to. */
export function encodeCursor(fingerprint: string, offset: number): string {
  return Buffer.from(JSON.stringify({ f: fingerprint, o: offset })).toString('base64url');
}

export function decodeCursor(token: string, fingerprint: string): number | null {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
    if (
      isRecord(parsed) &&
      parsed.f === fingerprint &&
      typeof parsed.o === 'number' &&
      Number.isInteger(parsed.o) &&
      parsed.o >= 0
    ) {
      return parsed.o;
    }
  } catch {
    // fall through: not one of ours
  }
  return null;
}

/** A short stable hash for cursor fingerprints (FNV-1a). */
export function fingerprintOf(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0).toString(36);
}

export const ADMIN_ONLY =
  'You are not authorized to perform this action. Administrator privileges are required.';

/** One page of a Jira PageBean (`startAt`, `maxResults`, `isLast`, `nextPage`) over `all`. */
export function page<T>(ctx: RouteContext, all: T[], defaultMax: number, selfPath: string) {
  const startAt = Math.max(intParam(ctx.query, 'startAt', 0) ?? 0, 0);
  const maxResults = Math.min(
    Math.max(intParam(ctx.query, 'maxResults', defaultMax) ?? defaultMax, 1),
    defaultMax,
  );
  const values = all.slice(startAt, startAt + maxResults);
  const isLast = startAt + values.length >= all.length;
  const sep = selfPath.includes('?') ? '&' : '?';
  const body: Record<string, unknown> = {
    self: `${ctx.state.baseUrl}${selfPath}${sep}startAt=${startAt}&maxResults=${maxResults}`,
    maxResults,
    startAt,
    total: all.length,
    isLast,
    values,
  };
  if (!isLast)
    body.nextPage = `${ctx.state.baseUrl}${selfPath}${sep}startAt=${startAt + values.length}&maxResults=${maxResults}`;
  return json(200, body);
}
