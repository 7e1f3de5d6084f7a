// The personal data reporting API as the app's Forge fetch sees it (runtime.ts routes it here).
// `privacy.reportPersonalData` of @forge/api POSTs `{ accounts: [{ accountId, updatedAt }] }` as
// the app to `/app/report-accounts` (stargate), at most 90 accounts a request, and reads a 200's
// `{ accounts: [{ accountId, status }] }` or a 204 when no account needs action
// (https://developer.atlassian.com/platform/forge/runtime-reference/privacy-api/, and @forge/api's
// out/privacy). The host answers `closed` for the accounts marked closed (privacy-page.ts), and refuses
// what the service would: another method, a body that is not that shape, more than 90 accounts, a
// call not made as the app.
import { z } from 'zod';

export const REPORT_ACCOUNTS_PATH = '/app/report-accounts';
/** @forge/api's privacy LIMIT: the service takes no more in one request. */
export const REPORT_LIMIT = 90;

const ReportBody = z.strictObject({
  accounts: z
    .array(
      z.strictObject({
        accountId: z.string().min(1).max(128),
        updatedAt: z.iso.datetime({ offset: true }),
      }),
    )
    .min(1)
    .max(REPORT_LIMIT),
});

export interface ReportAnswer {
  status: number;
  body?: unknown;
}

/** One request the endpoint received, for the page and tests. */
export interface ReportRequest {
  accounts: Array<{ accountId: string; updatedAt: string }>;
  answered: Array<{ accountId: string; status: 'closed' | 'updated' }>;
}

const KEEP_REQUESTS = 20;

/** The emulated reporting service: which accounts are closed, and what it was asked. */
export class PersonalDataReporting {
  readonly closed = new Set<string>();
  readonly requests: ReportRequest[] = [];

  setClosed(accountId: string, closed: boolean): void {
    if (closed) this.closed.add(accountId);
    else this.closed.delete(accountId);
  }

  /** The HTTP answer to one call, as the Forge runtime hands it to @forge/api. */
  handle(method: string, asApp: boolean, text: string | undefined): ReportAnswer {
    if (method !== 'POST') return { status: 405, body: { message: `${method} is not allowed here: POST` } };
    if (!asApp)
      return { status: 403, body: { message: 'The personal data reporting API is called as the app.' } };
    let json: unknown;
    try {
      json = text === undefined ? undefined : JSON.parse(text);
    } catch {
      return { status: 400, body: { message: 'The request body is not JSON.' } };
    }
    const parsed = ReportBody.safeParse(json);
    if (!parsed.success)
      return {
        status: 400,
        body: {
          message: parsed.error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`).join('; '),
        },
      };
    const answered = parsed.data.accounts
      .filter((a) => this.closed.has(a.accountId))
      .map((a) => ({ accountId: a.accountId, status: 'closed' as const }));
    this.requests.unshift({ accounts: parsed.data.accounts, answered });
    this.requests.length = Math.min(this.requests.length, KEEP_REQUESTS);
    return answered.length === 0 ? { status: 204 } : { status: 200, body: { accounts: answered } };
  }
}
