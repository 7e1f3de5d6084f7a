// A small demo site and a request helper shared by the site tests.

import { generatePortfolio, DEMO_USERS, type Portfolio } from '../../../src/local/demo';
import { createSiteHandler, type SiteHandler, type SiteHandlerOptions } from '../../../src/local/site';

export const ADMIN = DEMO_USERS.admin.accountId;
export const CONSULTANT = DEMO_USERS.consultant.accountId;
export const VIEWER = DEMO_USERS.viewer.accountId;

/** A fixed clock for writes, just after the demo's asOf. */
export const NOW = Date.UTC(2026, 10, 23, 15, 0, 0);

export interface Site {
  portfolio: Portfolio;
  handler: SiteHandler;
  call(method: string, path: string, accountId?: string, body?: unknown): Promise<Reply>;
}

export interface Reply {
  status: number;
  headers: Record<string, string>;
  text: string;
  /** The parsed JSON body (undefined for an empty body). */
  json: unknown;
}

export function demoSite(implementations = 12, options: SiteHandlerOptions = {}): Site {
  const portfolio = generatePortfolio({ implementations, seed: 7 });
  const handler = createSiteHandler(portfolio.state, { now: () => NOW, ...options });
  return {
    portfolio,
    handler,
    async call(method, path, accountId = ADMIN, body) {
      const response = await handler.handle({
        method,
        path,
        accountId,
        body: body === undefined ? null : typeof body === 'string' ? body : JSON.stringify(body),
      });
      return {
        status: response.status,
        headers: response.headers,
        text: response.body,
        json:
          response.body && response.headers['content-type']?.includes('json')
            ? JSON.parse(response.body)
            : undefined,
      };
    },
  };
}

// Shapes the tests read. The OpenAPI tests check the real shapes; these only name fields.
export interface ChangeItem {
  field: string;
  fieldId?: string;
  from: string | null;
  fromString: string | null;
  to: string | null;
  toString: string | null;
}
export interface History {
  id: string;
  created: string;
  author?: { accountId: string };
  items: ChangeItem[];
}
export interface IssueJson {
  id: string;
  key: string;
  fields?: Record<string, unknown> & {
    summary?: string;
    labels?: string[];
    status?: { id: string; name: string; statusCategory: { key: string } };
    resolution?: { name: string } | null;
    resolutiondate?: string | null;
    duedate?: string | null;
    parent?: { key: string };
    project?: { key: string };
    issuetype?: { name: string };
  };
  changelog?: { startAt: number; maxResults: number; total: number; histories: History[] };
  names?: Record<string, string>;
}
export interface SearchBody {
  issues: IssueJson[];
  nextPageToken?: string;
  isLast: boolean;
  names?: Record<string, string>;
}
export interface ErrorBody {
  errorMessages: string[];
  errors: Record<string, string>;
}

/** The reply's JSON as the shape a test reads (the OpenAPI tests check the real shapes). */
export function body<T>(reply: Reply): T {
  if (reply.json === undefined) throw new Error(`Expected a JSON body, got ${reply.status} '${reply.text}'`);
  return reply.json as T;
}

export const q = encodeURIComponent;
