// The weekly personal data report (manifest: scheduledTrigger runway-personal-data → privacy-fn,
// 900 s). As the app: a scheduled function has no user. Reports every account id Runway stores and
// anonymises the closed ones (src/app/privacy.ts).
//
// `privacy.reportPersonalData` (https://developer.atlassian.com/platform/forge/runtime-reference/privacy-api/)
// takes `[{ accountId, updatedAt }]` and answers the accounts that need action as
// `[{ accountId, status: 'closed' | 'updated' }]`. @forge/api sends it as the app to
// `POST /app/report-accounts` with `{ accounts }`, at most 90 a request (its LIMIT), and reads a 200's
// `{ accounts }` or a 204 (nothing to do); any other answer rejects with the Response.
import { privacy } from '@forge/api';
import { forgePorts } from '../app/forge';
import { runPrivacyReport } from '../app/privacy';

/** The function's limit: manifest.yml gives privacy-fn `timeoutSeconds: 900`. */
export const PRIVACY_TIMEOUT_MS = 900_000;

export async function privacyTrigger(_event: unknown, _context: unknown): Promise<void> {
  const ports = forgePorts('app', PRIVACY_TIMEOUT_MS);
  const run = await runPrivacyReport({
    store: ports.store,
    now: ports.now,
    deadlineAt: ports.deadlineAt,
    // One batch a call (the use case sends ≤ 90), so a 429 is retried for that batch alone.
    report: (accounts) => privacy.reportPersonalData(accounts),
  });
  console.log(
    `personal data: ${run.reported} accounts reported, ${run.closed} closed, ${run.rewritten} records rewritten, ${run.deleted} deleted`,
  );
  for (const p of [...run.failures, ...run.later, ...(run.incomplete ? [run.incomplete] : [])])
    console.error(`personal data: ${p}`);
}
