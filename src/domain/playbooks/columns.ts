/**
 * How one child issue reads in a table: its status tone, RAID score, change-request outcome and
 * the cell of each column a template may ask for.
 */
import type { RunwayConfig } from '../config';
import { nameSet } from '../fields';
import type { ImplementationChild, TrackedIssue } from '../implementation';
import { issue, status, text, type Cell, type Inline, type Tone } from './document';
import { formatDate, formatNumber, formatPercent, NONE } from './format';
import type { ItemColumn } from './template';

/** Display names of reporters by issue key (the model keeps assignees only). */
export type Reporters = ReadonlyMap<string, string>;

export const COLUMN_LABELS: Record<ItemColumn, string> = {
  key: 'Key',
  summary: 'Summary',
  type: 'Type',
  owner: 'Owner',
  reporter: 'Raised by',
  status: 'Status',
  priority: 'Priority',
  due: 'Due',
  resolved: 'Done',
  created: 'Created',
  probability: 'Probability',
  impact: 'Impact',
  score: 'Score',
  runs: 'Runs',
  failedRuns: 'Failed runs',
  successRate: 'Success rate',
  recordsExpected: 'Records expected',
  recordsReconciled: 'Records reconciled',
  accuracy: 'Accuracy',
  outcome: 'Outcome',
  labels: 'Labels',
};

export function statusTone(
  issue: Pick<TrackedIssue, 'done' | 'everFailed' | 'statusCategory' | 'status'>,
  config: RunwayConfig,
): Tone {
  if (issue.done) return 'success';
  if (issue.status !== null && nameSet(config.failedStatuses).has(issue.status.toLowerCase()))
    return 'danger';
  if (issue.statusCategory !== null && issue.statusCategory.toLowerCase() === 'indeterminate') return 'info';
  return 'neutral';
}

export function statusCell(
  issue: Pick<TrackedIssue, 'done' | 'everFailed' | 'statusCategory' | 'status'>,
  config: RunwayConfig,
): Inline {
  return status(issue.status ?? (issue.done ? 'Done' : 'Unknown'), statusTone(issue, config));
}

/** Probability × impact of risks and assumptions; null when either is missing. */
export function raidScore(c: Pick<ImplementationChild, 'probability' | 'impact'>): number | null {
  return c.probability === null || c.impact === null ? null : c.probability * c.impact;
}

export function ownerName(i: Pick<TrackedIssue, 'assignee'>): string | null {
  return i.assignee?.displayName ?? i.assignee?.accountId ?? null;
}

export type Outcome = 'Approved' | 'Rejected' | 'Closed' | 'Pending decision';

/** A change request's outcome: approved by status or resolution (kpis.md), rejected, or still open. */
export function changeOutcome(c: ImplementationChild, config: RunwayConfig): Outcome {
  const approved =
    (c.status !== null && nameSet(config.approvedStatuses).has(c.status.toLowerCase())) ||
    (c.resolution !== null && nameSet(config.approvedResolutions).has(c.resolution.toLowerCase()));
  if (approved) return 'Approved';
  const rejected = nameSet([...config.failedStatuses, 'Rejected', 'Declined', "Won't Do", "Won't Fix"]);
  if (
    (c.status !== null && rejected.has(c.status.toLowerCase())) ||
    (c.resolution !== null && rejected.has(c.resolution.toLowerCase()))
  )
    return 'Rejected';
  return c.done ? 'Closed' : 'Pending decision';
}

const OUTCOME_TONE: Record<Outcome, Tone> = {
  Approved: 'success',
  Rejected: 'danger',
  Closed: 'neutral',
  'Pending decision': 'warning',
};

const num = (n: number | null): Cell => [text(n === null ? NONE : formatNumber(n))];

export function integrationRate(c: ImplementationChild): number | null {
  if (c.integrationRuns === null || c.integrationRuns <= 0) return null;
  const failed = c.failedRuns ?? 0;
  return failed < 0 || failed > c.integrationRuns ? null : 1 - failed / c.integrationRuns;
}

export function reconciliationRate(c: ImplementationChild): number | null {
  if (c.recordsExpected === null || c.recordsExpected <= 0) return null;
  const reconciled = c.recordsReconciled ?? 0;
  return reconciled < 0 || reconciled > c.recordsExpected ? null : reconciled / c.recordsExpected;
}

export function columnCell(
  column: ItemColumn,
  c: ImplementationChild,
  config: RunwayConfig,
  reporters: Reporters,
): Cell {
  switch (column) {
    case 'key':
      return [issue(c.key)];
    case 'summary':
      return c.summary === '' ? [] : [text(c.summary)];
    case 'type':
      return [text(c.issueType || NONE)];
    case 'owner':
      return [text(ownerName(c) ?? 'Unassigned')];
    case 'reporter':
      return [text(reporters.get(c.key) ?? NONE)];
    case 'status':
      return [statusCell(c, config)];
    case 'priority':
      return [text(c.priority ?? NONE)];
    case 'due':
      return [text(formatDate(c.dueDate))];
    case 'resolved':
      return [text(formatDate(c.resolved))];
    case 'created':
      return [text(formatDate(c.created))];
    case 'probability':
      return num(c.probability);
    case 'impact':
      return num(c.impact);
    case 'score':
      return num(raidScore(c));
    case 'runs':
      return num(c.integrationRuns);
    case 'failedRuns':
      return num(c.failedRuns);
    case 'successRate':
      return [text(formatPercent(integrationRate(c)))];
    case 'recordsExpected':
      return num(c.recordsExpected);
    case 'recordsReconciled':
      return num(c.recordsReconciled);
    case 'accuracy':
      return [text(formatPercent(reconciliationRate(c)))];
    case 'outcome': {
      const o = changeOutcome(c, config);
      return [status(o, OUTCOME_TONE[o])];
    }
    case 'labels':
      return [text(c.labels.length === 0 ? NONE : c.labels.join(', '))];
  }
}

/** Key and summary in one cell: the first column of milestone and RAID tables. */
export function itemCell(c: Pick<TrackedIssue, 'key' | 'summary'>): Cell {
  return c.summary === '' ? [issue(c.key)] : [issue(c.key), text(` ${c.summary}`)];
}

const PRIORITY_ORDER = ['highest', 'high', 'medium', 'low', 'lowest'];

export type ItemSort = 'key' | 'due' | 'score' | 'priority' | 'status';

/** Issue keys in natural order: IMP-2 before IMP-10. */
export function compareKeys(a: string, b: string): number {
  return a.localeCompare(b, 'en', { numeric: true });
}

export function sortItems(items: ImplementationChild[], sort: ItemSort): ImplementationChild[] {
  const byKey = (a: ImplementationChild, b: ImplementationChild) => compareKeys(a.key, b.key);
  const nullsLast = <T>(a: T | null, b: T | null, cmp: (x: T, y: T) => number) =>
    a === null ? (b === null ? 0 : 1) : b === null ? -1 : cmp(a, b);
  const cmp: Record<ItemSort, (a: ImplementationChild, b: ImplementationChild) => number> = {
    key: byKey,
    due: (a, b) => nullsLast(a.dueDate, b.dueDate, (x, y) => x.localeCompare(y)) || byKey(a, b),
    score: (a, b) =>
      nullsLast(raidScore(a), raidScore(b), (x, y) => y - x) ||
      nullsLast(a.dueDate, b.dueDate, (x, y) => x.localeCompare(y)) ||
      byKey(a, b),
    priority: (a, b) => {
      const rank = (c: ImplementationChild) => {
        const i = c.priority === null ? -1 : PRIORITY_ORDER.indexOf(c.priority.toLowerCase());
        return i < 0 ? PRIORITY_ORDER.length : i;
      };
      return rank(a) - rank(b) || byKey(a, b);
    },
    status: (a, b) => Number(a.done) - Number(b.done) || byKey(a, b),
  };
  return [...items].sort(cmp[sort]);
}
