/**
 * Digests: one per recipient per day, never one message per alert. The JSON of `runway alerts`,
 * and the words of the notification Jira sends (subject, text and HTML bodies, HTML escaped).
 */
import type { IsoDate } from '../dates';
import { ALERT_RULES, compareAlerts, type Alert, type AlertRule, type FiredAlert } from './rules';

export interface Digest<A extends Alert = Alert> {
  recipient: string;
  alerts: A[];
}

/** The JSON of alerts.md: `{ asOf, alerts, digests }`, alerts reduced to their four fields. */
export interface AlertsReport {
  asOf: IsoDate;
  alerts: Alert[];
  digests: Array<Digest<Alert>>;
}

export const plainAlert = (a: Alert): Alert => ({
  rule: a.rule,
  issue: a.issue,
  implementation: a.implementation,
  recipient: a.recipient,
});

/** One digest per named recipient (alerts without one are listed, nobody is notified), by recipient. */
export function groupDigests<A extends Alert>(alerts: readonly A[]): Array<Digest<A>> {
  const by = new Map<string, A[]>();
  for (const a of alerts) {
    if (a.recipient === null) continue;
    const list = by.get(a.recipient);
    if (list) list.push(a);
    else by.set(a.recipient, [a]);
  }
  return [...by.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([recipient, list]) => ({ recipient, alerts: [...list].sort(compareAlerts) }));
}

export function alertsReport(asOf: IsoDate, alerts: readonly Alert[]): AlertsReport {
  const plain = [...alerts].sort(compareAlerts).map(plainAlert);
  return { asOf, alerts: plain, digests: groupDigests(plain) };
}

export const RULE_TITLES: Record<AlertRule, string> = {
  raid_overdue: 'Overdue RAID items',
  milestone_late: 'Late milestones',
  milestone_due_soon: 'Milestones due soon',
  gate_ready_for_approval: 'Gates ready for your approval',
  gate_waiting: 'Gates waiting for approval',
};

export interface DigestMessage {
  subject: string;
  textBody: string;
  htmlBody: string;
}

const escapeHtml = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

const line = (a: FiredAlert) =>
  `${a.issue} ${a.summary} (${a.implementation} ${a.implementationSummary}): ${a.detail}`;

/** The notification of one digest: grouped by rule, each alert on a line with its issue link. */
export function renderDigest(digest: Digest<FiredAlert>, asOf: IsoDate, siteUrl: string): DigestMessage {
  const site = siteUrl.replace(/\/+$/, '');
  const n = digest.alerts.length;
  const subject = `Runway: ${n} thing${n === 1 ? '' : 's'} need${n === 1 ? 's' : ''} you (${asOf})`;
  const text: string[] = [`Runway alerts as of ${asOf}.`];
  const html: string[] = [`<p>Runway alerts as of ${escapeHtml(asOf)}.</p>`];
  for (const rule of ALERT_RULES) {
    const mine = digest.alerts.filter((a) => a.rule === rule);
    if (mine.length === 0) continue;
    text.push('', `${RULE_TITLES[rule]} (${mine.length})`, ...mine.map((a) => `- ${line(a)}`));
    html.push(
      `<h3>${escapeHtml(RULE_TITLES[rule])} (${mine.length})</h3>`,
      '<ul>',
      ...mine.map(
        (a) =>
          `<li><a href="${escapeHtml(`${site}/browse/${encodeURIComponent(a.issue)}`)}">${escapeHtml(a.issue)}</a> ${escapeHtml(a.summary)} (${escapeHtml(a.implementation)} ${escapeHtml(a.implementationSummary)}): ${escapeHtml(a.detail)}</li>`,
      ),
      '</ul>',
    );
  }
  return { subject, textBody: `${text.join('\n')}\n`, htmlBody: html.join('\n') };
}
