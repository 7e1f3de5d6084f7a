/**
 * What changed in an implementation during a period, read from its issues' history: milestones
 * done, due dates moved (old → new), RAID items opened, closed or rescored, gates passed or
 * rejected, change requests approved. Pure: the implementation model, its issues' changelogs,
 * the gate views and the period in; changes out, oldest first. The period includes both ends.
 */
import type { RunwayConfig } from '../config';
import { calendarDate, instant, IsoDateSchema, type IsoDate } from '../dates';
import { nameSet } from '../fields';
import type { Implementation, ImplementationChild } from '../implementation';
import type { JiraChangelogItem, JiraHistory, JiraIssue } from '../issue-json';
import type { GateView } from '../playbooks/gates';
import { changeOutcome, raidScore } from '../playbooks/columns';

export interface StatusPeriod {
  since: IsoDate;
  asOf: IsoDate;
}

export type PeriodChange =
  | { type: 'milestoneDone'; date: IsoDate; issue: string; summary: string; dueDate: IsoDate | null }
  | {
      type: 'dueMoved';
      date: IsoDate;
      issue: string;
      summary: string;
      kind: string;
      from: IsoDate | null;
      to: IsoDate | null;
    }
  | { type: 'raidOpened' | 'raidClosed'; date: IsoDate; issue: string; summary: string; kind: string }
  | {
      type: 'raidRescored';
      date: IsoDate;
      issue: string;
      summary: string;
      kind: string;
      from: number | null;
      to: number | null;
      detail: string;
    }
  | {
      type: 'gatePassed' | 'gateRejected';
      date: IsoDate;
      issue: string | null;
      gate: string;
      by: string | null;
    }
  | { type: 'changeApproved'; date: IsoDate; issue: string; summary: string };

export const RAID_KINDS: ReadonlySet<string> = new Set(['risk', 'assumption', 'issue', 'dependency']);

/** The problem with a period, or null: both ISO dates, since not after asOf. */
export function statusPeriodProblem(since: string, asOf: string): string | null {
  if (!IsoDateSchema.safeParse(since).success) return `--since ${since}: not a date (YYYY-MM-DD)`;
  if (!IsoDateSchema.safeParse(asOf).success) return `--as-of ${asOf}: not a date (YYYY-MM-DD)`;
  if (since > asOf) return `--since ${since} is after --as-of ${asOf}: the period would be empty`;
  return null;
}

const inPeriod = (d: IsoDate | null, p: StatusPeriod): d is IsoDate =>
  d !== null && d >= p.since && d <= p.asOf;

const dateOf = (v: string | null | undefined): IsoDate | null =>
  v === null || v === undefined || v === '' ? null : v.slice(0, 10);

const numberOf = (v: string | null | undefined): number | null => {
  if (v === null || v === undefined || v.trim() === '') return null;
  const n = Number(v);
  return Number.isFinite(n) ? n : null;
};

/** The changelog histories of each issue by key, oldest first. */
export function historiesByKey(issues: readonly JiraIssue[]): Map<string, JiraHistory[]> {
  const out = new Map<string, JiraHistory[]>();
  for (const i of issues)
    out.set(
      i.key,
      [...(i.changelog?.histories ?? [])].sort((a, b) => instant(a.created) - instant(b.created)),
    );
  return out;
}

function matchesField(it: JiraChangelogItem, id: string | undefined, name: string): boolean {
  if (id !== undefined && it.fieldId === id) return true;
  return it.field.toLowerCase() === name.toLowerCase();
}

/**
 * Rescoring: the probability and impact at the start and end of the period, rewound from the
 * current values through the history, and the score (P × I) each gives.
 */
function rescored(
  c: ImplementationChild,
  histories: readonly JiraHistory[],
  p: StatusPeriod,
  config: RunwayConfig,
): PeriodChange | null {
  const fields = [
    ['Probability', config.fieldIds.probability, config.fieldNames.probability] as const,
    ['Impact', config.fieldIds.impact, config.fieldNames.impact] as const,
  ];
  const value = { Probability: c.probability, Impact: c.impact };
  const end = { ...value };
  const moves: string[] = [];
  let last: IsoDate | null = null;
  for (const h of [...histories].reverse()) {
    const date = calendarDate(h.created);
    if (date === null || date < p.since) break;
    for (const it of h.items)
      for (const [label, id, name] of fields) {
        if (!matchesField(it, id, name)) continue;
        const from = numberOf(it.fromString ?? it.from);
        value[label] = from;
        if (date > p.asOf) end[label] = from;
        else {
          moves.unshift(`${label} ${from ?? 'none'} → ${numberOf(it.toString ?? it.to) ?? 'none'}`);
          last ??= date;
        }
      }
  }
  if (last === null) return null;
  const before = raidScore({ probability: value.Probability, impact: value.Impact });
  const after = raidScore({ probability: end.Probability, impact: end.Impact });
  if (before === after) return null;
  return {
    type: 'raidRescored',
    date: last,
    issue: c.key,
    summary: c.summary,
    kind: c.kind,
    from: before,
    to: after,
    detail: moves.join(', '),
  };
}

function dueMoves(
  c: ImplementationChild,
  histories: readonly JiraHistory[],
  p: StatusPeriod,
): PeriodChange[] {
  const out: PeriodChange[] = [];
  for (const h of histories) {
    const date = calendarDate(h.created);
    if (!inPeriod(date, p)) continue;
    for (const it of h.items) {
      if ((it.fieldId ?? it.field).toLowerCase() !== 'duedate') continue;
      const from = dateOf(it.from ?? it.fromString);
      const to = dateOf(it.to ?? it.toString);
      if (from !== to)
        out.push({ type: 'dueMoved', date, issue: c.key, summary: c.summary, kind: c.kind, from, to });
    }
  }
  return out;
}

/** The first day in the period the issue moved into one of `statuses`, or null. */
function movedInto(
  histories: readonly JiraHistory[],
  statuses: ReadonlySet<string>,
  p: StatusPeriod,
): IsoDate | null {
  for (const h of histories) {
    const date = calendarDate(h.created);
    if (!inPeriod(date, p)) continue;
    for (const it of h.items)
      if (
        (it.fieldId ?? it.field).toLowerCase() === 'status' &&
        statuses.has((it.toString ?? '').toLowerCase())
      )
        return date;
  }
  return null;
}

function gateChanges(
  impl: Implementation,
  gates: readonly GateView[],
  histories: ReadonlyMap<string, JiraHistory[]>,
  p: StatusPeriod,
  config: RunwayConfig,
): PeriodChange[] {
  const out: PeriodChange[] = [];
  const failed = nameSet(config.failedStatuses);
  for (const g of gates) {
    if (g.signOffs.length > 0) {
      // The audit record: each rejection, and the sign-off that passed the gate.
      for (const s of g.signOffs)
        if (s.decision === 'rejected' && inPeriod(s.at, p))
          out.push({ type: 'gateRejected', date: s.at, issue: g.issueKey, gate: g.name, by: s.by });
      const passing = g.signOffs.filter((s) => s.decision !== 'rejected').at(-1);
      if ((g.state === 'passed' || g.state === 'overridden') && passing && inPeriod(passing.at, p))
        out.push({ type: 'gatePassed', date: passing.at, issue: g.issueKey, gate: g.name, by: passing.by });
      continue;
    }
    // Without sign-offs, the Gate issue says it: done is passed, a failed status is rejected.
    const issue = impl.children.find((c) => c.key === g.issueKey);
    if (!issue) continue;
    const rejectedOn = movedInto(histories.get(issue.key) ?? [], failed, p);
    if (rejectedOn !== null)
      out.push({ type: 'gateRejected', date: rejectedOn, issue: issue.key, gate: g.name, by: null });
    if (issue.done && inPeriod(issue.resolved, p))
      out.push({ type: 'gatePassed', date: issue.resolved, issue: issue.key, gate: g.name, by: null });
  }
  return out;
}

export function periodChanges(
  impl: Implementation,
  issues: readonly JiraIssue[],
  gates: readonly GateView[],
  p: StatusPeriod,
  config: RunwayConfig,
): PeriodChange[] {
  const histories = historiesByKey(issues);
  const approved = nameSet(config.approvedStatuses);
  const out: PeriodChange[] = [];
  for (const c of impl.children) {
    const h = histories.get(c.key) ?? [];
    if (c.kind === 'milestone' && c.done && inPeriod(c.resolved, p))
      out.push({
        type: 'milestoneDone',
        date: c.resolved,
        issue: c.key,
        summary: c.summary,
        dueDate: c.dueDate,
      });
    out.push(...dueMoves(c, h, p));
    if (RAID_KINDS.has(c.kind)) {
      const base = { issue: c.key, summary: c.summary, kind: c.kind };
      if (inPeriod(c.created, p)) out.push({ type: 'raidOpened', date: c.created, ...base });
      if (c.done && inPeriod(c.resolved, p)) out.push({ type: 'raidClosed', date: c.resolved, ...base });
      const r = rescored(c, h, p, config);
      if (r) out.push(r);
    }
    if (c.kind === 'changeRequest' && changeOutcome(c, config) === 'Approved') {
      const on = movedInto(h, approved, p) ?? (inPeriod(c.resolved, p) ? c.resolved : null);
      if (on !== null) out.push({ type: 'changeApproved', date: on, issue: c.key, summary: c.summary });
    }
  }
  out.push(...gateChanges(impl, gates, histories, p, config));
  const order = (x: PeriodChange) => ('issue' in x && x.issue !== null ? x.issue : '');
  return out.sort(
    (a, b) => a.date.localeCompare(b.date) || order(a).localeCompare(order(b), 'en', { numeric: true }),
  );
}
