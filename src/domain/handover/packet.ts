/**
 * The handover packet: what Customer Success and Support need from an implementation, assembled
 * from its issues, gates, RAID items and KPIs into the same structured document as playbooks.
 * Pure: the implementation model, asOf, config, gate views and reporters in; document out.
 */
import { addDays, calendarDaysBetween } from '../dates';
import { forecastGoLive } from '../forecast';
import type { Implementation, ImplementationChild, LifecycleDate } from '../implementation';
import { IMPLEMENTATION_KPI_IDS, sideBySide, type KpiId } from '../kpis/definitions';
import { daysOnHold } from '../kpis/on-hold';
import {
  checklistBlock,
  factsTable,
  gatesTable,
  hypercareEnd,
  itemsTable,
  kpisTable,
  lifecycleText,
  milestonesTable,
  owners,
  raidBlocks,
  type Bound,
} from '../playbooks/bindings';
import { ownerName } from '../playbooks/columns';
import {
  text,
  type Block,
  type Cell,
  type ChecklistItem,
  type DocumentSection,
  type StructuredDocument,
  type TableBlock,
} from '../playbooks/document';
import { formatKpiValue, NONE } from '../playbooks/format';
import { HANDOVER_ID } from '../playbooks/library';
import { bind, type RenderContext } from '../playbooks/render';
import { select, type Selector } from '../playbooks/select';

export const HANDOVER_SECTIONS = [
  'scope',
  'timeline',
  'decisions',
  'integrations',
  'migration',
  'open-items',
  'gates',
  'kpis',
  'contacts',
  'hypercare',
] as const;

const section = (
  id: (typeof HANDOVER_SECTIONS)[number],
  title: string,
  blocks: Block[],
): DocumentSection => ({ id, title, blocks });
const para = (t: string): Block => ({ type: 'paragraph', content: [text(t)] });

const DATE_SOURCE: Record<string, string> = {
  field: 'date field',
  'status-change': 'status change',
  'first-value-child': 'first-value item done',
  'go-live-milestone': 'go-live milestone done',
};

function lifecycleTable(b: Bound): TableBlock {
  const rows: Cell[][] = (
    [
      ['contractSigned', 'Contract signed'],
      ['kickoff', 'Kickoff'],
      ['firstValue', 'First value'],
      ['goLive', 'Go-live'],
    ] as [LifecycleDate, string][]
  ).map(([key, label]) => {
    const source = b.impl.dateSources[key];
    return [
      [text(label)],
      [text(b.impl.planned[key] ?? NONE)],
      [text(b.impl.dates[key] ?? NONE)],
      [text(source === undefined ? NONE : DATE_SOURCE[source])],
    ];
  });
  return {
    type: 'table',
    id: 'lifecycle',
    caption: 'Lifecycle dates',
    columns: ['Event', 'Planned', 'Actual', 'Read from'],
    rows,
    empty: 'No dates.',
  };
}

function scope(b: Bound): DocumentSection {
  return section('scope', 'Scope and outcomes', [
    para(
      `${b.impl.summary || b.impl.key} (${b.impl.key}), ${/^[aeiou]/i.test(b.impl.tier) ? 'an' : 'a'} ${b.impl.tier} implementation, handed over to Customer Success and Support as of ${b.asOf}.`,
    ),
    factsTable(b, 'facts'),
    itemsTable(b, 'deliverables', {
      select: { roles: ['deliverable'] },
      columns: ['key', 'summary', 'owner', 'status', 'resolved'],
      caption: 'Deliverables',
      empty: 'No deliverables recorded.',
    }),
    kpisTable(
      b,
      'outcomes',
      [
        'time_to_first_value_days',
        'active_time_to_first_value_days',
        'time_to_live_days',
        'active_time_to_live_days',
        'documentation_completeness',
        'csat',
        'stakeholder_confidence',
      ],
      'Outcomes',
    ),
  ]);
}

/**
 * Each duration plain and net of the days on hold, side by side: the customer's wait and the
 * team's working time (kpis.md, "Days on hold").
 */
function durationsTable(b: Bound): TableBlock {
  const { impl } = b;
  const kickoff = impl.dates.kickoff;
  const rows = (
    [
      ['Kickoff to first value', 'time_to_first_value_days', 'active_time_to_first_value_days', 'firstValue'],
      ['Kickoff to go-live', 'time_to_live_days', 'active_time_to_live_days', 'goLive'],
    ] as [string, KpiId, KpiId, LifecycleDate][]
  ).map(([label, plain, active, end]): Cell[] => {
    const to = impl.dates[end];
    const held =
      b.kpis[plain] === null || kickoff === null || to === null
        ? null
        : daysOnHold(impl.holdSpells, kickoff, to);
    return [
      [text(label)],
      [text(formatKpiValue(plain, b.kpis[plain]))],
      [text(held === null ? NONE : formatKpiValue(plain, held))],
      [text(formatKpiValue(active, b.kpis[active]))],
    ];
  });
  return {
    type: 'table',
    id: 'durations',
    caption: 'Durations: calendar and active (net of time on hold)',
    columns: ['Duration', 'Calendar', 'On hold', 'Active'],
    rows,
    empty: 'No durations.',
  };
}

/** The spells on hold (config.onHoldStatuses) by asOf; an open one runs to asOf. */
function holdSpellsTable(b: Bound): TableBlock {
  const rows = b.impl.holdSpells.map((s): Cell[] => [
    [text(s.start)],
    [text(s.end ?? `still on hold (${b.asOf})`)],
    [text(String(calendarDaysBetween(s.start, s.end ?? b.asOf)))],
  ]);
  return {
    type: 'table',
    id: 'on-hold',
    caption: `Time on hold (${b.config.onHoldStatuses.join(', ')})`,
    columns: ['On hold from', 'Until', 'Days'],
    rows,
    empty: 'Never put on hold.',
  };
}

/** The forecast go-live (src/domain/forecast) in words, against the baseline. */
function forecastParagraph(b: Bound): Block {
  const f = forecastGoLive(b.impl, b.config, b.asOf);
  if (f.date === null) return para(`Forecast go-live: ${f.explanation}`);
  const against =
    f.baseline === null
      ? ''
      : f.projectedLate
        ? ` Projected late: ${f.lateByDays} day${f.lateByDays === 1 ? '' : 's'} after the baseline go-live ${f.baseline}.`
        : f.basis === 'slip'
          ? ` On track against the baseline go-live ${f.baseline}.`
          : f.lateByDays > 0
            ? ` ${f.lateByDays} day${f.lateByDays === 1 ? '' : 's'} after the baseline go-live ${f.baseline}.`
            : '';
  return para(`Forecast go-live: ${f.date} (${f.explanation.replace(/\.$/, '')}).${against}`);
}

function timeline(b: Bound): DocumentSection {
  return section('timeline', 'Timeline: baseline and actual', [
    lifecycleTable(b),
    durationsTable(b),
    holdSpellsTable(b),
    forecastParagraph(b),
    milestonesTable(b, 'milestones', undefined, 'Milestones against their baseline'),
    kpisTable(b, 'timeline-kpis', ['on_time_milestone_rate'], undefined),
  ]);
}

function decisions(b: Bound): DocumentSection {
  return section('decisions', 'Key decisions', [
    {
      type: 'guidance',
      text: 'Change requests and their outcome: what was added to, or kept out of, the agreed scope.',
    },
    itemsTable(b, 'change-requests', {
      select: { kinds: ['changeRequest'] },
      columns: ['key', 'summary', 'reporter', 'status', 'outcome', 'resolved'],
      empty: 'No change requests: the scope stayed as agreed.',
    }),
  ]);
}

function integrations(b: Bound): DocumentSection {
  return section('integrations', 'Configuration and integrations', [
    itemsTable(b, 'integrations', {
      select: { roles: ['integration'] },
      columns: ['key', 'summary', 'owner', 'status', 'runs', 'failedRuns', 'successRate'],
      empty: 'No integrations in this implementation.',
    }),
    kpisTable(b, 'integration-kpi', ['integration_success_rate']),
  ]);
}

function migration(b: Bound): DocumentSection {
  return section('migration', 'Data migration', [
    itemsTable(b, 'migration', {
      select: { roles: ['migration'] },
      columns: ['key', 'summary', 'owner', 'status', 'recordsExpected', 'recordsReconciled', 'accuracy'],
      empty: 'No data migration in this implementation.',
    }),
    kpisTable(b, 'migration-kpi', ['reconciliation_accuracy']),
  ]);
}

function openItems(b: Bound): DocumentSection {
  return section('open-items', 'Open risks, issues and known defects', [
    ...raidBlocks(b, 'open-raid', {}),
    itemsTable(b, 'known-defects', {
      select: { kinds: ['defect'], open: true },
      columns: ['key', 'summary', 'priority', 'owner', 'reporter', 'status', 'created'],
      sort: 'priority',
      caption: 'Known defects (open)',
      empty: 'No open defects.',
    }),
  ]);
}

function gates(b: Bound): DocumentSection {
  return section('gates', 'Gate evidence and sign-offs', [gatesTable(b, 'gates', undefined, true)]);
}

function kpis(b: Bound): DocumentSection {
  // every KPI an implementation has (the portfolio-only ones are not), active next to plain
  return section('kpis', 'KPIs', [kpisTable(b, 'kpis', sideBySide(IMPLEMENTATION_KPI_IDS))]);
}

const uniq = (names: readonly string[]) => [...new Set(names)];

function contacts(b: Bound): DocumentSection {
  const { impl, config, reporters } = b;
  const pick = (s: Selector) => select(impl.children, s, config);
  const raisedBy = (items: readonly ImplementationChild[]) =>
    uniq(items.map((c) => reporters.get(c.key)).filter((n): n is string => n !== undefined));
  const raid = pick({ kinds: ['risk', 'assumption', 'issue', 'dependency'] });
  const defects = pick({ kinds: ['defect'] });
  const escalations = pick({ roles: ['escalation'] });
  const roles: [string, string[], string][] = [
    [
      'Implementation owner',
      ownerName(impl) === null ? [] : [ownerName(impl) as string],
      'assignee of the implementation',
    ],
    [
      'Requested by',
      reporters.has(impl.key) ? [reporters.get(impl.key) as string] : [],
      'reporter of the implementation',
    ],
    ['Milestone owners', owners(pick({ kinds: ['milestone'] })), 'assignees of milestones'],
    ['Integration owners', owners(pick({ roles: ['integration'] })), 'assignees of integration items'],
    ['Data migration owners', owners(pick({ roles: ['migration'] })), 'assignees of migration items'],
    ['UAT owners', owners(pick({ roles: ['uat'] })), 'assignees of UAT items'],
    ['Documentation owners', owners(pick({ roles: ['deliverable'] })), 'assignees of deliverables'],
    ['RAID owners', owners(raid), 'assignees of risks, assumptions, issues and dependencies'],
    ['Defect owners', owners(defects), 'assignees of defects'],
    ['Raised defects and RAID items', raisedBy([...defects, ...raid]), 'reporters of defects and RAID items'],
    ['Escalation owners', owners(escalations), 'assignees of items labelled escalation'],
  ];
  const rows = roles.map(([role, people, from]): Cell[] => [
    [text(role)],
    [text(people.length === 0 ? NONE : people.join(', '))],
    [text(from)],
  ]);
  const owner = ownerName(impl) ?? 'the implementation owner (unassigned)';
  const escalationOwners = owners(escalations);
  return section('contacts', 'Contacts and escalation paths', [
    { type: 'table', id: 'contacts', columns: ['Role', 'People', 'From'], rows, empty: 'No contacts.' },
    {
      type: 'list',
      ordered: true,
      items: [
        [text('The owner of the item or area concerned (table above).')],
        [text(`The implementation owner: ${owner}.`)],
        [
          text(
            `${escalationOwners.length === 0 ? 'No escalation owner recorded: the professional-services lead.' : `Escalation owners: ${escalationOwners.join(', ')}.`}`,
          ),
        ],
      ],
    },
    itemsTable(b, 'escalations', {
      select: { roles: ['escalation'] },
      columns: ['key', 'summary', 'owner', 'reporter', 'status', 'created'],
      caption: 'Escalations',
      empty: 'No escalations.',
    }),
  ]);
}

function hypercare(b: Bound): DocumentSection {
  const { impl, config, asOf } = b;
  const goLive = impl.dates.goLive;
  const end = hypercareEnd(impl, config);
  const window = config.postGoLiveWindowDays;
  const intro =
    goLive === null
      ? `Not live yet (go-live: ${lifecycleText(impl, 'goLive')}). Hypercare runs for ${window} days from go-live${end === null ? '' : `, until ${end}`}.`
      : `Live since ${goLive}. Hypercare runs for ${window} days, until ${end ?? NONE}; then Support owns incidents and Customer Success owns the relationship.`;
  const checklist = checklistBlock(
    b,
    'hypercare-exit',
    [
      {
        text: 'No open P1 defect',
        check: { type: 'noneOpen', select: { kinds: ['defect'], severities: ['p1'] } },
      },
      {
        text: 'No open P2 defect',
        check: { type: 'noneOpen', select: { kinds: ['defect'], severities: ['p2'] } },
      },
      { text: 'Handover gate passed', check: { type: 'gatePassed', gate: 'handover' } },
      { text: 'Hypercare Exit gate passed', check: { type: 'gatePassed', gate: 'hypercareExit' } },
    ],
    (s) => s,
    'Hypercare exit criteria',
  );
  const windowOver = goLive !== null && addDays(goLive, window) <= asOf;
  const item: ChecklistItem = {
    content: [text(`${window} days since go-live`)],
    done: windowOver,
    detail:
      goLive === null
        ? 'not live yet'
        : windowOver
          ? `since ${addDays(goLive, window)}`
          : `from ${addDays(goLive, window)}`,
  };
  if (checklist.type === 'checklist') {
    checklist.items.push(item);
    checklist.total++;
    if (item.done) checklist.done++;
  }
  return section('hypercare', 'Hypercare plan', [
    para(intro),
    checklist,
    kpisTable(
      b,
      'hypercare-kpis',
      ['defect_escape_count', 'post_golive_p1_count', 'post_golive_p2_count'],
      'Post-go-live defects',
    ),
  ]);
}

export function assembleHandoverPacket(impl: Implementation, ctx: RenderContext): StructuredDocument {
  const b = bind(impl, ctx);
  return {
    kind: 'handover',
    templateId: HANDOVER_ID,
    title: `Handover packet: ${impl.key}${impl.summary === '' ? '' : ` ${impl.summary}`}`,
    implementation: { key: impl.key, summary: impl.summary, tier: impl.tier },
    asOf: ctx.asOf,
    sections: [
      scope(b),
      timeline(b),
      decisions(b),
      integrations(b),
      migration(b),
      openItems(b),
      gates(b),
      kpis(b),
      contacts(b),
      hypercare(b),
    ],
  };
}
