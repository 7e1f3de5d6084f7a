// The host's personal data page (/privacy): mark accounts closed for the emulated reporting API
// (privacy-api.ts), run the weekly report now, and see what the last run did and what the API was
// asked. Plain forms, as the licence switch: it works without script.
import { z } from 'zod';
import { typedStore } from '../../storage';
import { readLastPrivacyRun, type PrivacyRun } from '../../storage/privacy';
import type { LocalForge } from './forge';
import { html, type Html } from './html';
import { layout, type Chrome } from './pages';
import { runScheduledTrigger } from './scheduled';

export const PRIVACY_TRIGGER = 'runway-personal-data';

function lastRun(run: PrivacyRun | undefined): Html {
  if (!run) return html`<p class="muted" data-testid="privacy-last-run">The report has not run yet.</p>`;
  const problems = [...run.failures, ...run.later, ...(run.incomplete ? [run.incomplete] : [])];
  return html`<p data-testid="privacy-last-run">
      Last run: ${run.reported} account ids reported, ${run.closed} closed; ${run.rewritten} stored records
      anonymised, ${run.deleted} deleted.
    </p>
    ${
      problems.length > 0
        ? html`<ul class="missing">
            ${problems.map((p) => html`<li>${p}</li>`)}
          </ul>`
        : ''
    }`;
}

/** GET /privacy: closed accounts, a form to close one, the run button, the last requests. */
export async function privacyPage(chrome: Chrome, forge: LocalForge, ran: boolean): Promise<Html> {
  const reporting = forge.privacy;
  const run = await forge.runtime.run({ moduleKey: PRIVACY_TRIGGER, timeoutMs: 25_000 }, () =>
    readLastPrivacyRun(typedStore()),
  );
  const nameOf = (id: string) => forge.users.find((u) => u.accountId === id)?.displayName;
  return layout(
    chrome,
    html`<h1>Personal data</h1>
      <p class="muted">
        Runway stores account ids only and reports them every week with Forge's personal data reporting API.
        Mark an account closed here: the next report answers <code>closed</code> for it, and Runway replaces
        it with an anonymous marker in every record it keeps.
      </p>
      <form method="post" action="/privacy/accounts" data-testid="close-account">
        <label for="privacy-account">Account id</label>
        <input id="privacy-account" name="accountId" list="privacy-users" required />
        <datalist id="privacy-users">
          ${forge.users.map((u) => html`<option value="${u.accountId}">${u.displayName}</option>`)}
        </datalist>
        <input type="hidden" name="closed" value="true" />
        <button type="submit">Mark closed</button>
      </form>
      <h2>${reporting.closed.size} closed account${reporting.closed.size === 1 ? '' : 's'}</h2>
      <ul data-testid="closed-accounts">
        ${[...reporting.closed].map(
          (id) =>
            html`<li>
              <code>${id}</code> ${nameOf(id) ?? ''}
              <form method="post" action="/privacy/accounts" style="display: inline">
                <input type="hidden" name="accountId" value="${id}" />
                <input type="hidden" name="closed" value="false" />
                <button type="submit">Reopen</button>
              </form>
            </li>`,
        )}
      </ul>
      <form method="post" action="/privacy/run">
        <button type="submit" data-testid="run-privacy">Run the weekly personal data report now</button>
        ${ran ? html`<span role="status" data-testid="privacy-ran"> The report ran.</span>` : ''}
      </form>
      ${lastRun(run)}
      <h2>Requests to the reporting API</h2>
      ${
        reporting.requests.length === 0
          ? html`<p class="muted">None yet.</p>`
          : html`<ul data-testid="privacy-requests">
              ${reporting.requests.map(
                (r) =>
                  html`<li>
                    ${r.accounts.length} accounts reported; answered:
                    ${
                      r.answered.length === 0
                        ? 'nothing to do (204)'
                        : r.answered.map((a) => `${a.accountId} ${a.status}`).join(', ')
                    }
                  </li>`,
              )}
            </ul>`
      }`,
  );
}

const AccountForm = z.object({
  accountId: z.string().trim().min(1).max(128),
  closed: z.enum(['true', 'false']),
});

/** POST /privacy/accounts: marks an account closed (or open again); false when the form is not valid. */
export function markAccount(forge: LocalForge, body: string): boolean {
  const form = AccountForm.safeParse(Object.fromEntries(new URLSearchParams(body)));
  if (!form.success) return false;
  forge.privacy.setClosed(form.data.accountId, form.data.closed === 'true');
  return true;
}

/** POST /privacy/run: the weekly report, now, as Forge's scheduler would run it. */
export async function runPrivacyNow(forge: LocalForge): Promise<void> {
  await runScheduledTrigger(forge, PRIVACY_TRIGGER);
}

/** The page's controllers (page-routes.ts): GET /privacy, POST /privacy/accounts, POST /privacy/run. */
export function privacyControllers(forge: LocalForge) {
  return {
    async privacy(req: { chrome: (title: string) => Chrome; url: URL }) {
      return privacyPage(req.chrome('Personal data'), forge, req.url.searchParams.has('ran'));
    },
    async markAccount(req: { chrome: (title: string) => Chrome; body: string }) {
      if (!markAccount(forge, req.body))
        return {
          html: layout(
            req.chrome('Personal data'),
            html`<h1>Personal data</h1>
              <p>Give an account id (at most 128 characters).</p>`,
          ),
          status: 400,
        };
      return { redirect: '/privacy', status: 303 };
    },
    async runPrivacy() {
      await runPrivacyNow(forge);
      return { redirect: '/privacy?ran=1', status: 303 };
    },
  };
}
