/**
 * Template blocks bound to an implementation's data: each builder turns one block of a template
 * into document blocks (tables, checklists…) from the implementation model, its KPIs and its
 * gates. Every rule a reader might question is in here, in one place: slip, RAID score,
 * "high", RACI, and when a checklist item is ticked.
 */
import type { RunwayConfig } from '../config';
import { addDays, calendarDaysBetween, type IsoDate } from '../dates';
import type { Implementation, ImplementationChild, LifecycleDate } from '../implementation';
import { KPI_DEFINITIONS, type KpiId } from '../kpis/definitions';
import type { KpiValues } from '../kpis/implementation-kpis';
import {
  COLUMN_LABELS,
  columnCell,
  itemCell,
  ownerName,
  raidScore,
  sortItems,
  statusCell,
  type Reporters,
} from './columns';
import {
  issue,
  status,
  text,
  type Block,
  type Cell,
  type ChecklistItem,
  type Inline,
  type TableBlock,
  type Tone,
} from './document';
import { formatDate, formatKpiValue, formatSlip, formatTarget, NONE, targetFor, targetMet } from './format';
import { gateStateLabel, isGatePassed, type GateState, type GateView } from './gates';
import { select, type Selector } from './select';
import type { Check, ItemColumn, TemplateBlock } from './template';

/** Everything a block may read, computed once per document. */
export interface Bound {
  impl: Implementation;
  asOf: IsoDate;
  config: RunwayConfig;
  kpis: KpiValues;
  gates: readonly GateView[];
  reporters: Reporters;
}

export const RAID_KIND_LABEL: Record<string, string> = {
  risk: 'Risk',
  assumption: 'Assumption',
  issue: 'Issue',
  dependency: 'Dependency',
};
/** Probability × impact at or above this is a high RAID item (the Go-Live gate's threshold). */
export const HIGH_SCORE = 15;

const table = (id: string, columns: string[], rows: Cell[][], empty: string, caption?: string): TableBlock =>
  caption === undefined
    ? { type: 'table', id, columns, rows, empty }
    : { type: 'table', id, caption, columns, rows, empty };

const LIFECYCLE: { key: LifecycleDate; label: string }[] = [
  { key: 'contractSigned', label: 'Contract signed' },
  { key: 'kickoff', label: 'Kickoff' },
  { key: 'firstValue', label: 'First value' },
  { key: 'goLive', label: 'Go-live' },
];

/** A lifecycle date as a fact, or as a plan when the field holds a date after asOf. */
export function lifecycleText(impl: Implementation, key: LifecycleDate): string {
  const fact = impl.dates[key];
  if (fact !== null) return fact;
  const plan = impl.planned[key];
  return plan !== undefined ? `planned ${plan}` : 'not yet';
}

export function factsTable(b: Bound, id: string, caption?: string): TableBlock {
  const { impl } = b;
  const rows: Cell[][] = [
    [[text('Implementation')], [issue(impl.key), ...(impl.summary === '' ? [] : [text(` ${impl.summary}`)])]],
    [[text('Status')], [statusCell(impl, b.config)]],
    [
      [text('Complexity tier')],
      [text(impl.complexity === null ? `${impl.tier} (Complexity not set)` : impl.tier)],
    ],
    [[text('Segment')], [text(impl.segment ?? NONE)]],
    [[text('Owner')], [text(ownerName(impl) ?? 'Unassigned')]],
    ...LIFECYCLE.map(({ key, label }): Cell[] => [[text(label)], [text(lifecycleText(impl, key))]]),
  ];
  if (impl.csat !== null) rows.push([[text('CSAT')], [text(String(impl.csat))]]);
  if (impl.stakeholderConfidence !== null)
    rows.push([[text('Stakeholder confidence')], [text(String(impl.stakeholderConfidence))]]);
  return table(id, ['Fact', 'Value'], rows, 'No facts.', caption);
}

// ---- milestones ------------------------------------------------------------------------------

export interface MilestoneSlip {
  /** Days from the baseline to done (done), or to the later of due date and asOf (open). */
  slip: number | null;
  state: string;
  tone: Tone;
}

export function milestoneSlip(m: ImplementationChild, asOf: IsoDate, toleranceDays: number): MilestoneSlip {
  if (m.baselineDue === null)
    return { slip: null, state: m.done ? 'Done' : 'No baseline', tone: m.done ? 'success' : 'neutral' };
  if (m.done) {
    if (m.resolved === null) return { slip: null, state: 'Done', tone: 'success' };
    const slip = calendarDaysBetween(m.baselineDue, m.resolved);
    return slip <= toleranceDays
      ? { slip, state: 'Done on time', tone: 'success' }
      : { slip, state: 'Done late', tone: 'warning' };
  }
  // Open: the forecast is the current due date, and never earlier than today once overdue.
  const forecast = m.dueDate ?? m.baselineDue;
  if (m.baselineDue < asOf) {
    return {
      slip: calendarDaysBetween(m.baselineDue, forecast > asOf ? forecast : asOf),
      state: 'Overdue',
      tone: 'danger',
    };
  }
  const slip = calendarDaysBetween(m.baselineDue, forecast);
  return slip > toleranceDays
    ? { slip, state: 'Slipping', tone: 'warning' }
    : { slip, state: 'Planned', tone: 'neutral' };
}

export function milestonesTable(
  b: Bound,
  id: string,
  selector: Selector | undefined,
  caption?: string,
): TableBlock {
  const ms = sortItems(select(b.impl.children, { ...selector, kinds: ['milestone'] }, b.config), 'key').sort(
    (x, y) => (x.baselineDue ?? x.dueDate ?? '9999').localeCompare(y.baselineDue ?? y.dueDate ?? '9999'),
  );
  const rows = ms.map((m): Cell[] => {
    const s = milestoneSlip(m, b.asOf, b.config.milestoneToleranceDays);
    return [
      itemCell(m),
      [text(ownerName(m) ?? 'Unassigned')],
      [text(formatDate(m.baselineDue))],
      [text(formatDate(m.dueDate))],
      [text(formatDate(m.resolved))],
      [text(formatSlip(s.slip))],
      [status(s.state, s.tone)],
    ];
  });
  return table(
    id,
    ['Milestone', 'Owner', 'Baseline', 'Due', 'Done', 'Slip', 'State'],
    rows,
    'No milestones yet.',
    caption,
  );
}

// ---- RAID ------------------------------------------------------------------------------------

export function raidBlocks(
  b: Bound,
  id: string,
  opts: { kinds?: readonly string[]; open?: boolean; minScore?: number; summary?: boolean; caption?: string },
): Block[] {
  const kinds = (opts.kinds ?? Object.keys(RAID_KIND_LABEL)) as ImplementationChild['kind'][];
  const all = b.impl.children.filter((c) => kinds.includes(c.kind));
  const out: Block[] = [];
  if (opts.summary ?? true) {
    const rows = kinds.map((k): Cell[] => {
      const of = all.filter((c) => c.kind === k);
      const open = of.filter((c) => !c.done);
      const high = open.filter((c) => (raidScore(c) ?? 0) >= HIGH_SCORE);
      const overdue = open.filter((c) => c.dueDate !== null && c.dueDate < b.asOf);
      return [
        [text(RAID_KIND_LABEL[k] ?? k)],
        [text(String(open.length))],
        [text(String(high.length))],
        [text(String(overdue.length))],
        [text(String(of.length - open.length))],
      ];
    });
    out.push(
      table(
        `${id}-summary`,
        ['Kind', 'Open', `High (score ≥ ${HIGH_SCORE})`, 'Overdue', 'Closed'],
        rows,
        'No RAID items.',
        'RAID summary',
      ),
    );
  }
  const onlyOpen = opts.open ?? true;
  const items = sortItems(
    all.filter(
      (c) => (!onlyOpen || !c.done) && (opts.minScore === undefined || (raidScore(c) ?? 0) >= opts.minScore),
    ),
    'score',
  );
  const rows = items.map((c): Cell[] => {
    const score = raidScore(c);
    const scoreCell: Inline =
      score === null
        ? text(NONE)
        : score >= HIGH_SCORE
          ? status(String(score), 'danger')
          : text(String(score));
    return [
      itemCell(c),
      [text(RAID_KIND_LABEL[c.kind] ?? c.kind)],
      [text(ownerName(c) ?? 'Unassigned')],
      [text(c.probability === null ? NONE : String(c.probability))],
      [text(c.impact === null ? NONE : String(c.impact))],
      [scoreCell],
      [text(formatDate(c.dueDate))],
      [statusCell(c, b.config)],
    ];
  });
  const what = onlyOpen ? 'open RAID items' : 'RAID items';
  out.push(
    table(
      id,
      ['Item', 'Kind', 'Owner', 'P', 'I', 'Score', 'Due', 'Status'],
      rows,
      opts.minScore === undefined ? `No ${what}.` : `No ${what} with a score of ${opts.minScore} or more.`,
      opts.caption ?? (onlyOpen ? 'Open RAID items, highest score first' : 'RAID items, highest score first'),
    ),
  );
  return out;
}

// ---- gates -----------------------------------------------------------------------------------

const GATE_TONE: Record<GateState, Tone> = {
  passed: 'success',
  overridden: 'warning',
  rejected: 'danger',
  awaitingApproval: 'info',
  notReady: 'warning',
  open: 'info',
  notStarted: 'neutral',
};

export function gateState(b: Bound, key: string): GateView | undefined {
  return b.gates.find((g) => g.key === key);
}

function criteriaCell(g: GateView): Cell {
  if (g.criteria.length === 0) return [text(g.issueKey === null ? NONE : 'from the Gate issue')];
  const applicable = g.criteria.filter((c) => c.result !== 'notApplicable');
  const pass = applicable.filter((c) => c.result === 'pass').length;
  const failing = applicable.filter((c) => c.result === 'fail').map((c) => c.label);
  const unchecked = applicable.filter((c) => c.result === 'unchecked').map((c) => c.label);
  if (applicable.length === 0) return [text('no criterion applies')];
  const summary = `${pass} of ${applicable.length} pass`;
  const notes = [
    ...(failing.length === 0 ? [] : [`failing: ${failing.join('; ')}`]),
    ...(unchecked.length === 0 ? [] : [`could not check: ${unchecked.join('; ')}`]),
  ];
  return [text([summary, ...notes].join('; '))];
}

function signOffCell(g: GateView): Cell {
  if (g.signOffs.length === 0) return [text('none')];
  return [
    text(
      g.signOffs.map((s) => `${s.by} ${s.decision} ${s.at}${s.comment ? `: “${s.comment}”` : ''}`).join('; '),
    ),
  ];
}

function evidenceCell(g: GateView): Cell {
  if (g.evidence.length === 0) return [text(NONE)];
  const out: Inline[] = [];
  g.evidence.forEach((e, i) => {
    if (i > 0) out.push(text('; '));
    if (e.issueKey !== undefined) out.push(issue(e.issueKey), text(` ${e.title}`));
    else if (e.url !== undefined) out.push({ type: 'link', text: e.title, href: e.url });
    else out.push(text(e.title));
    if (e.comment) out.push(text(` (${e.comment})`));
  });
  return out;
}

export function gatesTable(
  b: Bound,
  id: string,
  keys: readonly string[] | undefined,
  evidence: boolean,
  caption?: string,
): TableBlock {
  const gates =
    keys === undefined
      ? b.gates
      : keys.map((k) => gateState(b, k)).filter((g): g is GateView => g !== undefined);
  const rows = gates.map((g): Cell[] => {
    const cells: Cell[] = [
      g.issueKey === null ? [text(g.name)] : [text(g.name), text(' '), issue(g.issueKey)],
      [status(gateStateLabel(g.state), GATE_TONE[g.state])],
      criteriaCell(g),
      signOffCell(g),
    ];
    if (evidence) cells.push(evidenceCell(g));
    return cells;
  });
  return table(
    id,
    ['Gate', 'State', 'Criteria', 'Sign-offs', ...(evidence ? ['Evidence'] : [])],
    rows,
    'No gates configured.',
    caption,
  );
}

// ---- KPIs ------------------------------------------------------------------------------------

export function kpiMet(b: Bound, id: KpiId): boolean | null {
  return targetMet(b.kpis[id], targetFor(b.config.targets[id], b.impl.tier));
}

export function kpisTable(b: Bound, id: string, ids: readonly KpiId[], caption?: string): TableBlock {
  const rows = ids.map((k): Cell[] => {
    const target = targetFor(b.config.targets[k], b.impl.tier);
    const met = targetMet(b.kpis[k], target);
    const metCell =
      met === null
        ? status(target === null ? 'Tracked' : 'No data', 'neutral')
        : met
          ? status('Met', 'success')
          : status('Not met', 'danger');
    return [
      [text(KPI_DEFINITIONS[k].label)],
      [text(formatKpiValue(k, b.kpis[k]))],
      [text(formatTarget(k, target))],
      [metCell],
    ];
  });
  return table(id, ['KPI', 'Value', `Target (${b.impl.tier})`, 'Met'], rows, 'No KPIs.', caption);
}

// ---- RACI ------------------------------------------------------------------------------------

/** Distinct owners, most items first (then by name), "Unassigned" when nobody is. */
export function owners(items: readonly ImplementationChild[]): string[] {
  const count = new Map<string, number>();
  for (const c of items) {
    const name = ownerName(c);
    if (name !== null) count.set(name, (count.get(name) ?? 0) + 1);
  }
  return [...count.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([n]) => n);
}

export function raciTable(
  b: Bound,
  id: string,
  workstreams: readonly { name: string; select: Selector; consulted?: string; informed?: string }[],
  caption?: string,
): TableBlock {
  const accountable = ownerName(b.impl) ?? 'Unassigned';
  const rows = workstreams.map((w): Cell[] => {
    const items = select(b.impl.children, w.select, b.config);
    const r = owners(items);
    const responsible = items.length === 0 ? 'No items yet' : r.length === 0 ? 'Unassigned' : r.join(', ');
    return [
      [text(w.name)],
      [text(responsible)],
      [text(accountable)],
      [text(w.consulted ?? NONE)],
      [text(w.informed ?? NONE)],
    ];
  });
  return table(
    id,
    ['Workstream', 'Responsible', 'Accountable', 'Consulted', 'Informed'],
    rows,
    'No workstreams.',
    caption,
  );
}

// ---- checklists ------------------------------------------------------------------------------

export function evaluateCheck(b: Bound, check: Check): { done: boolean; detail: string } {
  const pick = (s: Selector) => select(b.impl.children, s, b.config);
  switch (check.type) {
    case 'allDone': {
      const items = pick(check.select);
      const done = items.filter((c) => c.done).length;
      return {
        done: items.length > 0 && done === items.length,
        detail: items.length === 0 ? 'no items yet' : `${done} of ${items.length} done`,
      };
    }
    case 'noneOpen': {
      const open = pick(check.select).filter((c) => !c.done);
      return {
        done: open.length === 0,
        detail:
          open.length === 0
            ? 'none open'
            : `${open.length} open: ${open
                .slice(0, 5)
                .map((c) => c.key)
                .join(', ')}${open.length > 5 ? '…' : ''}`,
      };
    }
    case 'exists': {
      const n = pick(check.select).length;
      return { done: n > 0, detail: n === 0 ? 'none yet' : `${n} found` };
    }
    case 'assigned': {
      const items = pick(check.select);
      const assigned = items.filter((c) => c.assignee !== null).length;
      return {
        done: items.length > 0 && assigned === items.length,
        detail: items.length === 0 ? 'no items yet' : `${assigned} of ${items.length} assigned`,
      };
    }
    case 'kpiMet': {
      const target = targetFor(b.config.targets[check.kpi], b.impl.tier);
      const met = targetMet(b.kpis[check.kpi], target);
      return {
        done: met === true,
        detail: `${formatKpiValue(check.kpi, b.kpis[check.kpi])}, target ${formatTarget(check.kpi, target)}`,
      };
    }
    case 'gatePassed': {
      const g = gateState(b, check.gate);
      return {
        done: g !== undefined && isGatePassed(g.state),
        detail: g === undefined ? 'no such gate' : gateStateLabel(g.state).toLowerCase(),
      };
    }
    case 'dateSet': {
      const d = b.impl.dates[check.date];
      return { done: d !== null, detail: lifecycleText(b.impl, check.date) };
    }
    case 'manual':
      return { done: false, detail: 'to confirm' };
  }
}

export function checklistBlock(
  b: Bound,
  id: string,
  items: readonly { text: string; check: Check }[],
  fill: (s: string) => string,
  caption?: string,
): Block {
  const out: ChecklistItem[] = items.map((i) => {
    const r = evaluateCheck(b, i.check);
    return { content: [text(fill(i.text))], done: r.done, detail: r.detail };
  });
  const done = out.filter((i) => i.done).length;
  const block: Block = { type: 'checklist', id, items: out, done, total: out.length };
  return caption === undefined ? block : { ...block, caption };
}

// ---- item tables -----------------------------------------------------------------------------

export function itemsTable(
  b: Bound,
  id: string,
  block: {
    select: Selector;
    columns: readonly ItemColumn[];
    sort?: 'key' | 'due' | 'score' | 'priority' | 'status';
    empty?: string;
    limit?: number;
    caption?: string;
  },
): TableBlock {
  const items = sortItems(select(b.impl.children, block.select, b.config), block.sort ?? 'key');
  const shown = block.limit === undefined ? items : items.slice(0, block.limit);
  const rows = shown.map((c) => block.columns.map((col) => columnCell(col, c, b.config, b.reporters)));
  const caption =
    block.limit !== undefined && items.length > block.limit
      ? `${block.caption ?? 'Items'} (first ${block.limit} of ${items.length})`
      : block.caption;
  return table(
    id,
    block.columns.map((c) => COLUMN_LABELS[c]),
    rows,
    block.empty ?? 'No matching items.',
    caption,
  );
}

/** The end of the hypercare window: go-live (actual, else planned) + the post-go-live window. */
export function hypercareEnd(impl: Implementation, config: RunwayConfig): IsoDate | null {
  const goLive = impl.dates.goLive ?? impl.planned.goLive ?? null;
  return goLive === null ? null : addDays(goLive, config.postGoLiveWindowDays);
}

export type { TemplateBlock };
