/**
 * The weekly status report of one implementation: health and its reasons, what changed in the
 * period (from the issue history), milestones due in the next 14 days, the top open risks,
 * decisions needed, KPIs against target (durations plain and active side by side) and the
 * forecast go-live. The same structured document as playbooks and the handover packet. Pure.
 */
import { addDays, calendarDaysBetween } from '../dates';
import { forecastGoLive } from '../forecast';
import { hasLabel } from '../fields';
import { implementationHealth } from '../health';
import type { Implementation, ImplementationChild } from '../implementation';
import type { JiraIssue } from '../issue-json';
import { IMPLEMENTATION_KPI_IDS, sideBySide } from '../kpis/definitions';
import { HIGH_SCORE, kpisTable, RAID_KIND_LABEL, type Bound } from '../playbooks/bindings';
import { changeOutcome, itemCell, ownerName, raidScore } from '../playbooks/columns';
import {
  issue,
  status,
  text,
  type Block,
  type Cell,
  type DocumentSection,
  type StructuredDocument,
  type TableBlock,
} from '../playbooks/document';
import { formatDate, NONE } from '../playbooks/format';
import { bind, type RenderContext } from '../playbooks/render';
import { periodChanges, type PeriodChange, type StatusPeriod } from './changes';
import { changesSummary, counted, NOTHING_CHANGED } from './words';

export const STATUS_ID = 'status';
export const STATUS_SECTIONS = [
  'health',
  'changes',
  'upcoming',
  'risks',
  'decisions',
  'kpis',
  'forecast',
] as const;
/** Milestones due within this many days of asOf are "coming up". */
export const UPCOMING_DAYS = 14;
/** How many open risks the report lists. */
export const TOP_RISKS = 5;

type SectionId = (typeof STATUS_SECTIONS)[number];
const section = (id: SectionId, title: string, blocks: Block[]): DocumentSection => ({ id, title, blocks });
const para = (t: string): Block => ({ type: 'paragraph', content: [text(t)] });
const days = (n: number) => counted(n, 'day');
const kindLabel = (k: string) => RAID_KIND_LABEL[k] ?? (k === 'milestone' ? 'Milestone' : k);

function healthSection(b: Bound): DocumentSection {
  const h = implementationHealth(b.impl, b.asOf, b.config);
  const tone = h.health === 'red' ? 'danger' : h.health === 'amber' ? 'warning' : 'success';
  const label = h.health === 'red' ? 'Red' : h.health === 'amber' ? 'Amber' : 'Green';
  const blocks: Block[] = [{ type: 'paragraph', content: [text('Health: ', true), status(label, tone)] }];
  blocks.push(
    h.reasons.length === 0
      ? para('No rule fires: no late milestone, no failed gate, no open risk scoring 15 or more.')
      : {
          type: 'list',
          items: h.reasons.map((r) => [
            status(r.level === 'red' ? 'Red' : 'Amber', r.level === 'red' ? 'danger' : 'warning'),
            text(' '),
            issue(r.issue),
            text(` ${r.message}`),
          ]),
        },
  );
  return section('health', 'Health', blocks);
}

const CHANGE_LABEL: Record<PeriodChange['type'], string> = {
  milestoneDone: 'Milestone done',
  dueMoved: 'Due date moved',
  raidOpened: 'RAID item opened',
  raidClosed: 'RAID item closed',
  raidRescored: 'RAID item rescored',
  gatePassed: 'Gate passed',
  gateRejected: 'Gate rejected',
  changeApproved: 'Change request approved',
};

function changeDetail(c: PeriodChange): string {
  switch (c.type) {
    case 'milestoneDone':
      return c.dueDate === null ? 'no due date' : `due ${c.dueDate}`;
    case 'dueMoved':
      return `${kindLabel(c.kind)}: ${formatDate(c.from)} → ${formatDate(c.to)}`;
    case 'raidOpened':
    case 'raidClosed':
      return kindLabel(c.kind);
    case 'raidRescored':
      return `score ${c.from ?? NONE} → ${c.to ?? NONE} (${c.detail})`;
    case 'gatePassed':
    case 'gateRejected':
      return `${c.gate}${c.by === null ? '' : `, by ${c.by}`}`;
    case 'changeApproved':
      return 'in scope';
  }
}

function changesSection(changes: readonly PeriodChange[], p: StatusPeriod): DocumentSection {
  const rows = changes.map((c): Cell[] => {
    let item: Cell;
    if ('gate' in c) item = c.issue === null ? [text(c.gate)] : [issue(c.issue), text(` ${c.gate}`)];
    else item = itemCell({ key: c.issue, summary: c.summary });
    const tone =
      c.type === 'gateRejected' || (c.type === 'raidRescored' && (c.to ?? 0) > (c.from ?? 0))
        ? 'danger'
        : c.type === 'dueMoved' || c.type === 'raidOpened'
          ? 'warning'
          : 'success';
    return [[text(c.date)], [status(CHANGE_LABEL[c.type], tone)], item, [text(changeDetail(c))]];
  });
  const summary = changesSummary(changes, p);
  const table: TableBlock = {
    type: 'table',
    id: 'changes',
    caption: `What changed, ${p.since} to ${p.asOf}`,
    columns: ['Date', 'Change', 'Item', 'Detail'],
    rows,
    empty: `${NOTHING_CHANGED}.`,
  };
  return section('changes', 'What changed', [para(summary), table]);
}

function upcomingSection(b: Bound): DocumentSection {
  const until = addDays(b.asOf, UPCOMING_DAYS);
  const due = b.impl.children
    .filter((c) => c.kind === 'milestone' && !c.done && c.dueDate !== null && c.dueDate >= b.asOf)
    .filter((c) => (c.dueDate as string) <= until)
    .sort((x, y) => (x.dueDate as string).localeCompare(y.dueDate as string) || x.key.localeCompare(y.key));
  const rows = due.map((c): Cell[] => {
    const moved = c.baselineDue !== null && c.dueDate !== null && c.dueDate > c.baselineDue;
    return [
      itemCell(c),
      [text(ownerName(c) ?? 'Unassigned')],
      [text(formatDate(c.dueDate))],
      [text(formatDate(c.baselineDue))],
      [
        moved
          ? status(
              `${days(calendarDaysBetween(c.baselineDue as string, c.dueDate as string))} after baseline`,
              'warning',
            )
          : status('On baseline', 'success'),
      ],
    ];
  });
  return section('upcoming', `Milestones due in the next ${UPCOMING_DAYS} days`, [
    {
      type: 'table',
      id: 'upcoming',
      caption: `Open milestones due ${b.asOf} to ${until}`,
      columns: ['Milestone', 'Owner', 'Due', 'Baseline', 'Against baseline'],
      rows,
      empty: `No milestone due by ${until}.`,
    },
  ]);
}

function risksSection(b: Bound): DocumentSection {
  const open = b.impl.children
    .filter((c) => c.kind === 'risk' && !c.done)
    .sort(
      (x, y) =>
        (raidScore(y) ?? -1) - (raidScore(x) ?? -1) || x.key.localeCompare(y.key, 'en', { numeric: true }),
    );
  const rows = open.slice(0, TOP_RISKS).map((c): Cell[] => {
    const score = raidScore(c);
    return [
      itemCell(c),
      [text(ownerName(c) ?? 'Unassigned')],
      [
        score === null
          ? text(NONE)
          : score >= HIGH_SCORE
            ? status(String(score), 'danger')
            : text(String(score)),
      ],
      [text(c.probability === null ? NONE : String(c.probability))],
      [text(c.impact === null ? NONE : String(c.impact))],
      [text(formatDate(c.dueDate))],
    ];
  });
  const more =
    open.length > TOP_RISKS ? [para(`${counted(open.length - TOP_RISKS, 'more open risk')} not shown.`)] : [];
  return section('risks', 'Top open risks', [
    {
      type: 'table',
      id: 'top-risks',
      caption: `Open risks, highest score first (top ${TOP_RISKS})`,
      columns: ['Risk', 'Owner', 'Score', 'P', 'I', 'Due'],
      rows,
      empty: 'No open risks.',
    },
    ...more,
  ]);
}

function decisionsSection(b: Bound): DocumentSection {
  const rows: Cell[][] = [];
  for (const g of b.gates)
    if (g.state === 'awaitingApproval') {
      const so = `${counted(g.signOffs.filter((s) => s.decision === 'approved').length, 'approval')} so far`;
      // Nobody is named to approve it (alerts tell the implementation's owner): say who can.
      rows.push([
        g.issueKey === null ? [text(g.name)] : [issue(g.issueKey), text(` ${g.name}`)],
        g.noApprover === true
          ? [status('No approvers configured', 'danger'), text(' Gate waiting for approval')]
          : [text('Gate waiting for approval')],
        [
          text(
            g.noApprover === true
              ? `${so}; nobody is set to approve it: a project administrator may, or set its approvers in Runway's settings`
              : so,
          ),
        ],
      ]);
    }
  const escalated = (c: ImplementationChild) => !c.done && hasLabel(c.labels, b.config.labels.escalation);
  for (const c of b.impl.children.filter(escalated))
    rows.push([
      itemCell(c),
      [text(`Escalated ${kindLabel(c.kind).toLowerCase()}`)],
      [text(ownerName(c) ?? 'Unassigned')],
    ]);
  for (const c of b.impl.children)
    if (c.kind === 'changeRequest' && changeOutcome(c, b.config) === 'Pending decision')
      rows.push([
        itemCell(c),
        [text('Change request pending decision')],
        [text(ownerName(c) ?? 'Unassigned')],
      ]);
  return section('decisions', 'Decisions needed', [
    {
      type: 'table',
      id: 'decisions',
      columns: ['Item', 'Decision', 'Detail'],
      rows,
      empty: 'No decision waiting: no gate awaiting approval, no escalation, no pending change request.',
    },
  ]);
}

function forecastSection(b: Bound): DocumentSection {
  const f = forecastGoLive(b.impl, b.config, b.asOf);
  const rows: Cell[][] = [
    [[text('Forecast go-live')], [text(f.date ?? NONE)]],
    [[text('Baseline go-live')], [text(f.baseline ?? NONE)]],
    [
      [text('Against baseline')],
      [
        f.baseline === null || f.date === null
          ? text(NONE)
          : f.projectedLate
            ? status(`Projected late by ${days(f.lateByDays)}`, 'danger')
            : f.lateByDays > 0
              ? status(`${days(f.lateByDays)} after baseline`, 'warning')
              : status('On track', 'success'),
      ],
    ],
    [[text('Why')], [text(f.explanation)]],
  ];
  return section('forecast', 'Forecast go-live', [
    { type: 'table', id: 'forecast', columns: ['', 'Value'], rows, empty: 'No forecast.' },
  ]);
}

export interface StatusInput extends RenderContext {
  /** The implementation's issues as read from Jira, with their changelogs. */
  issues: readonly JiraIssue[];
  since: StatusPeriod['since'];
}

/** The status report of one implementation for the period `since`..`asOf` (both included). */
export function assembleStatusReport(impl: Implementation, input: StatusInput): StructuredDocument {
  const b = bind(impl, input);
  const period = { since: input.since, asOf: input.asOf };
  const changes = periodChanges(impl, input.issues, b.gates, period, input.config);
  return {
    kind: 'status',
    templateId: STATUS_ID,
    title: `Status report: ${impl.key}${impl.summary === '' ? '' : ` ${impl.summary}`} (${input.since} to ${input.asOf})`,
    implementation: { key: impl.key, summary: impl.summary, tier: impl.tier },
    asOf: input.asOf,
    sections: [
      healthSection(b),
      changesSection(changes, period),
      upcomingSection(b),
      risksSection(b),
      decisionsSection(b),
      section('kpis', 'KPIs against target', [
        kpisTable(
          b,
          'kpis',
          sideBySide(IMPLEMENTATION_KPI_IDS),
          'KPIs (durations calendar and active, net of time on hold)',
        ),
      ]),
      forecastSection(b),
    ],
  };
}
