// The local host's outbox: what Jira's notify API "sent" each user (the daily alert digests), one
// page per acting user (switch user at the top), with a button that runs the daily alerts now, as
// Forge would run the scheduled trigger. Mounted by server.ts at /outbox.
import { readLastAlertsRun, typedStore, type AlertsRun } from '../../storage';
import type { SiteNotification } from '../site/model';
import type { HostUser, LocalForge } from './forge';
import { html, type Html } from './html';
import { layout, type Chrome } from './pages';
import { runScheduledTrigger } from './scheduled';

export const ALERTS_TRIGGER = 'runway-daily-alerts';

export interface OutboxDeps {
  forge: LocalForge;
  /** The mails a user received, newest first. */
  outbox: (accountId: string) => readonly SiteNotification[];
}

function runSummary(run: AlertsRun | undefined): Html {
  if (!run) return html`<p class="muted" data-testid="last-run">The daily alerts have not run yet.</p>`;
  const problems = [...run.failures, ...(run.incomplete ? [run.incomplete] : [])];
  return html`<p data-testid="last-run">
      Last run as of <strong>${run.asOf}</strong> (${Math.round((run.finishedAt - run.startedAt) / 100) / 10}
      s): ${run.implementations} implementations, ${run.alerts} alerts firing, ${run.digests} digests sent
      with ${run.delivered} alerts; ${run.alreadySent} already sent in that state, ${run.withheld} withheld
      (the recipient cannot see the issue), ${run.deferred} kept for tomorrow's digest.
    </p>
    ${
      problems.length > 0
        ? html`<ul class="missing">
            ${problems.map((p) => html`<li>${p}</li>`)}
          </ul>`
        : ''
    }`;
}

export async function outboxPage(
  chrome: Chrome,
  user: HostUser,
  deps: OutboxDeps,
  ran: boolean,
): Promise<Html> {
  const mails = deps.outbox(user.accountId);
  const run = await deps.forge.runtime.run({ moduleKey: ALERTS_TRIGGER, timeoutMs: 25_000 }, () =>
    readLastAlertsRun(typedStore()),
  );
  return layout(
    chrome,
    html`<h1>Outbox of ${user.displayName}</h1>
      <p class="muted">
        What Jira's notify API sent ${user.displayName} on this local site: the app's daily alert digests.
        Switch the user at the top to see another person's mail.
      </p>
      <form method="post" action="/outbox/run">
        <button type="submit" data-testid="run-alerts">Run the daily alerts now</button>
        ${ran ? html`<span role="status" data-testid="ran"> The daily alerts ran.</span>` : ''}
      </form>
      ${runSummary(run)}
      <h2>${mails.length} message${mails.length === 1 ? '' : 's'}</h2>
      ${
        mails.length === 0
          ? html`<p class="muted" data-testid="empty-outbox">No mail yet.</p>`
          : mails.map(
              (m) =>
                html`<article class="panel" data-testid="mail">
                  <div class="bar">
                    <span>${m.subject}</span
                    ><span class="muted"
                      >${m.sentAt} · on <a href="/browse/${m.issueKey}">${m.issueKey}</a></span
                    >
                  </div>
                  <pre style="white-space: pre-wrap; margin: 0; padding: 12px; font: inherit">
${m.textBody}</pre>
                </article>`,
            )
      }`,
  );
}

/** POST /outbox/run: the daily alerts, now. */
export async function runAlertsNow(forge: LocalForge): Promise<void> {
  await runScheduledTrigger(forge, ALERTS_TRIGGER);
}
