/**
 * Gate criteria computed from an implementation's issues: each gives pass, fail or not applicable,
 * a sentence saying why, the issues behind it (links in the panel) and, of those, the ones that
 * make it fail. Thresholds "at target" are the KPI targets of the config (per complexity tier).
 */
import type { RunwayConfig } from '../config';
import { calendarDaysBetween, type IsoDate } from '../dates';
import { hasLabel, nameSet } from '../fields';
import type { Implementation, ImplementationChild } from '../implementation';
import { KPI_DEFINITIONS, type KpiId } from '../kpis/definitions';
import type { KpiValues } from '../kpis/implementation-kpis';
import type { CriterionStatus, EvidenceEntry } from './audit';
import type { Criterion, Threshold } from './definitions';
import { confluencePageId } from './handover';

export interface CriterionResult {
  /** `<gateId>.<index>`: stable while the gate's criteria list is unchanged. */
  id: string;
  kind: Criterion['kind'];
  title: string;
  status: CriterionStatus;
  /** Why, in one sentence with the numbers. */
  detail: string;
  /** Every issue the criterion looked at. */
  issues: string[];
  /** Of those, the ones that make it fail. */
  failing: string[];
}

/** A remote link of the implementation (Jira's remote issue link, as far as criteria read it). */
export interface RemoteLinkRef {
  globalId?: string;
  relationship?: string;
  title: string;
  url: string;
}

/**
 * How Runway's published handover packet is linked from its implementation (domain/handover/link.ts):
 * relationship "Handover packet", global id `runway:handover-packet:<KEY>`. The link alone does not
 * make the criterion pass (anyone may add a link so named): the page it points to must be a
 * handover packet (./handover.ts).
 */
export const HANDOVER_PACKET_RELATIONSHIP = 'Handover packet';
export const HANDOVER_PACKET_GLOBAL_ID_PREFIX = 'runway:handover-packet';

/** Whether a remote link is named as Runway names its handover packet link (says nothing of the page). */
export function isHandoverPacketLink(link: RemoteLinkRef): boolean {
  return (
    link.relationship?.trim().toLowerCase() === HANDOVER_PACKET_RELATIONSHIP.toLowerCase() ||
    (link.globalId ?? '').startsWith(HANDOVER_PACKET_GLOBAL_ID_PREFIX)
  );
}

export interface CriterionContext {
  implementation: Implementation;
  kpis: KpiValues;
  config: RunwayConfig;
  asOf: IsoDate;
  /** Names of earlier gates that have not passed, by id (gatesPassed). */
  gateNames: ReadonlyMap<string, string>;
  passedGates: ReadonlySet<string>;
  /** Gate issues by gate id (gatesPassed lists them as the issues behind). */
  gateIssues: ReadonlyMap<string, string>;
  remoteLinks: readonly RemoteLinkRef[];
  /** This gate's evidence, and the ids whose page or issue is gone. */
  evidence: readonly EvidenceEntry[];
  missingEvidence: ReadonlySet<string>;
  /** Confluence page ids that are this implementation's handover packet (./handover.ts). */
  handoverPages: ReadonlySet<string>;
  /** Confluence page ids that could not be checked, with why (issue 10 item 6). */
  uncheckedPages: ReadonlyMap<string, string>;
}

const keys = (items: readonly ImplementationChild[]) => items.map((i) => i.key);
const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** A threshold with the value for this tier; null when the target has no value for it. */
export function thresholdFor(
  threshold: Threshold,
  tier: string,
): { op: Threshold['op']; value: number } | null {
  if (typeof threshold.value === 'number') return { op: threshold.op, value: threshold.value };
  const lc = tier.toLowerCase();
  for (const [k, v] of Object.entries(threshold.value))
    if (k.toLowerCase() === lc) return { op: threshold.op, value: v };
  return null;
}

export function meetsThreshold(value: number, t: { op: Threshold['op']; value: number }): boolean {
  return t.op === '<=' ? value <= t.value : t.op === '>=' ? value >= t.value : value === t.value;
}

export function formatKpiValue(kpi: KpiId, value: number): string {
  const unit = KPI_DEFINITIONS[kpi].unit;
  if (unit === 'rate') return `${Number((value * 100).toFixed(1))}%`;
  if (unit === 'ratio') return `${value >= 0 ? '+' : ''}${Number((value * 100).toFixed(1))}%`;
  return String(Number(value.toFixed(2)));
}

const OP_TEXT = { '<=': '≤', '>=': '≥', '=': '=' } as const;
const formatThreshold = (kpi: KpiId, t: { op: Threshold['op']; value: number }) =>
  `${OP_TEXT[t.op]} ${formatKpiValue(kpi, t.value)}`;

function labelled(impl: Implementation, label: string, also?: string): ImplementationChild[] {
  return impl.children.filter(
    (c) => hasLabel(c.labels, label) && (also === undefined || hasLabel(c.labels, also)),
  );
}

type Outcome = Omit<CriterionResult, 'id' | 'kind' | 'title'>;
const na = (detail: string, issues: string[] = []): Outcome => ({
  status: 'notApplicable',
  detail,
  issues,
  failing: [],
});
const judged = (failing: string[], issues: string[], passDetail: string, failDetail: string): Outcome =>
  failing.length === 0
    ? { status: 'pass', detail: passDetail, issues, failing }
    : { status: 'fail', detail: failDetail, issues, failing };

function itemsDone(c: Extract<Criterion, { kind: 'itemsDone' }>, ctx: CriterionContext): Outcome {
  const label = ctx.config.labels[c.label];
  const name = c.alsoLabel ? `${label} + ${c.alsoLabel}` : label;
  const items = labelled(ctx.implementation, label, c.alsoLabel);
  if (items.length === 0) {
    return c.whenNone === 'fail'
      ? { status: 'fail', detail: `No ${name} items yet`, issues: [], failing: [] }
      : na(`No ${name} items`);
  }
  const open = items.filter((i) => !i.done);
  return judged(
    keys(open),
    keys(items),
    `All ${plural(items.length, `${name} item`)} done`,
    `${open.length} of ${plural(items.length, `${name} item`)} not done`,
  );
}

function itemsAssigned(c: Extract<Criterion, { kind: 'itemsAssigned' }>, ctx: CriterionContext): Outcome {
  const label = ctx.config.labels[c.label];
  const items = labelled(ctx.implementation, label);
  if (items.length === 0) {
    return c.whenNone === 'fail'
      ? { status: 'fail', detail: `No ${label} items yet`, issues: [], failing: [] }
      : na(`No ${label} items`);
  }
  const unassigned = items.filter((i) => i.assignee === null || i.assignee.accountId === undefined);
  return judged(
    keys(unassigned),
    keys(items),
    `All ${plural(items.length, `${label} item`)} assigned`,
    `${unassigned.length} of ${plural(items.length, `${label} item`)} unassigned`,
  );
}

/** The work items behind a KPI value, and those pulling it down, for the KPIs gates use. */
function kpiIssues(kpi: KpiId, ctx: CriterionContext): { issues: string[]; failing: string[] } {
  const { implementation: impl, config } = ctx;
  const work = impl.children.filter((c) => c.kind === 'workItem');
  const pick = (label: string, bad: (i: ImplementationChild) => boolean) => {
    const items = work.filter((i) => hasLabel(i.labels, label));
    return { issues: keys(items), failing: keys(items.filter(bad)) };
  };
  switch (kpi) {
    case 'uat_first_pass_rate': {
      const r = pick(config.labels.uat, (i) => i.everFailed || i.reopenCount > 0);
      const done = new Set(keys(work.filter((i) => i.done)));
      return { issues: r.issues.filter((k) => done.has(k)), failing: r.failing.filter((k) => done.has(k)) };
    }
    case 'integration_success_rate':
      return pick(config.labels.integration, (i) => (i.failedRuns ?? 0) > 0);
    case 'reconciliation_accuracy':
      return pick(
        config.labels.migration,
        (i) => i.recordsExpected !== null && (i.recordsReconciled ?? 0) < i.recordsExpected,
      );
    case 'documentation_completeness':
      return pick(config.labels.deliverable, (i) => !i.done);
    case 'rework_rate':
      return {
        issues: keys(work.filter((i) => i.everDone)),
        failing: keys(work.filter((i) => i.reopenCount > 0)),
      };
    default:
      return { issues: [impl.key], failing: [] };
  }
}

function kpiAtTarget(c: Extract<Criterion, { kind: 'kpiAtTarget' }>, ctx: CriterionContext): Outcome {
  const def = KPI_DEFINITIONS[c.kpi];
  const target = c.threshold ?? ctx.config.targets[c.kpi];
  const t = target === null ? null : thresholdFor(target, ctx.implementation.tier);
  const { issues, failing } = kpiIssues(c.kpi, ctx);
  if (t === null)
    return na(
      `${def.label} has no target${target === null ? '' : ` for ${ctx.implementation.tier}`}`,
      issues,
    );
  const value = ctx.kpis[c.kpi];
  if (value === null) return na(`${def.label}: no data yet (target ${formatThreshold(c.kpi, t)})`, issues);
  const text = `${def.label} ${formatKpiValue(c.kpi, value)}, target ${formatThreshold(c.kpi, t)}`;
  return meetsThreshold(value, t)
    ? { status: 'pass', detail: text, issues, failing: [] }
    : { status: 'fail', detail: text, issues, failing };
}

/** One item's own ratio, or why it has none. */
function itemRatio(
  kpi: 'reconciliation_accuracy' | 'integration_success_rate',
  i: ImplementationChild,
): number | string {
  if (kpi === 'reconciliation_accuracy') {
    const expected = i.recordsExpected;
    const reconciled = i.recordsReconciled ?? 0;
    if (expected === null) return 'no Records Expected';
    if (expected < 0 || reconciled < 0 || reconciled > expected)
      return `Records Reconciled ${reconciled} and Records Expected ${expected} contradict`;
    return expected === 0 ? 1 : reconciled / expected;
  }
  const runs = i.integrationRuns;
  const failed = i.failedRuns ?? 0;
  if (runs === null || runs === 0) return 'not run yet';
  if (runs < 0 || failed < 0 || failed > runs)
    return `Failed Runs ${failed} and Integration Runs ${runs} contradict`;
  return 1 - failed / runs;
}

function eachItemAtTarget(
  c: Extract<Criterion, { kind: 'eachItemAtTarget' }>,
  ctx: CriterionContext,
): Outcome {
  const def = KPI_DEFINITIONS[c.kpi];
  const label =
    c.kpi === 'reconciliation_accuracy' ? ctx.config.labels.migration : ctx.config.labels.integration;
  const items = labelled(ctx.implementation, label).filter((i) => i.kind === 'workItem');
  const target = c.threshold ?? ctx.config.targets[c.kpi];
  const t = target === null ? null : thresholdFor(target, ctx.implementation.tier);
  if (t === null) return na(`${def.label} has no target`, keys(items));
  if (items.length === 0) return na(`No ${label} items`);
  const below: string[] = [];
  const reasons: string[] = [];
  for (const i of items) {
    const r = itemRatio(c.kpi, i);
    if (typeof r === 'number' && meetsThreshold(r, t)) continue;
    below.push(i.key);
    reasons.push(`${i.key} ${typeof r === 'number' ? formatKpiValue(c.kpi, r) : r}`);
  }
  const all = `${plural(items.length, `${label} item`)}`;
  return judged(
    below,
    keys(items),
    `All ${all} ${formatThreshold(c.kpi, t)}`,
    `${below.length} of ${all} below ${formatThreshold(c.kpi, t)}: ${reasons.join('; ')}`,
  );
}

function noOpenDefects(c: Extract<Criterion, { kind: 'noOpenDefects' }>, ctx: CriterionContext): Outcome {
  const priorities = nameSet(c.priorities.flatMap((p) => ctx.config.priorities[p]));
  const label = c.label === undefined ? undefined : ctx.config.labels[c.label];
  const open = ctx.implementation.children.filter(
    (d) =>
      d.kind === 'defect' &&
      !d.done &&
      d.priority !== null &&
      priorities.has(d.priority.toLowerCase()) &&
      (label === undefined || hasLabel(d.labels, label)),
  );
  const what = `${[...c.priorities.flatMap((p) => ctx.config.priorities[p])].join('/')}${label ? ` ${label}` : ''} defect`;
  return judged(keys(open), keys(open), `No open ${what}`, `${plural(open.length, `open ${what}`)}`);
}

function noUnmitigatedRisks(
  c: Extract<Criterion, { kind: 'noUnmitigatedRisks' }>,
  ctx: CriterionContext,
): Outcome {
  const mitigated = nameSet(c.mitigatedStatuses);
  const high = ctx.implementation.children.filter(
    (r) =>
      r.kind === 'risk' &&
      !r.done &&
      r.probability !== null &&
      r.impact !== null &&
      r.probability * r.impact >= c.minScore,
  );
  const bare = high.filter((r) => r.status === null || !mitigated.has(r.status.toLowerCase()));
  return judged(
    keys(bare),
    keys(high),
    high.length === 0
      ? `No open risk scores ${c.minScore} or more`
      : `${plural(high.length, 'open risk')} scoring ${c.minScore}+, all mitigated`,
    `${bare.length} of ${plural(high.length, 'open risk')} scoring ${c.minScore}+ without a mitigation`,
  );
}

function gatesPassed(c: Extract<Criterion, { kind: 'gatesPassed' }>, ctx: CriterionContext): Outcome {
  const notPassed = c.gates.filter((g) => !ctx.passedGates.has(g));
  const issueOf = (ids: readonly string[]) =>
    ids.flatMap((g) => (ctx.gateIssues.has(g) ? [ctx.gateIssues.get(g) as string] : []));
  const names = (ids: readonly string[]) => ids.map((g) => ctx.gateNames.get(g) ?? g).join(', ');
  return notPassed.length === 0
    ? { status: 'pass', detail: `${names(c.gates)} passed`, issues: issueOf(c.gates), failing: [] }
    : {
        status: 'fail',
        detail: `Not passed yet: ${names(notPassed)}`,
        issues: issueOf(c.gates),
        failing: issueOf(notPassed),
      };
}

/** Pass on a handover packet page linked from the implementation or attached as the gate's evidence. */
function handoverPacketLinked(ctx: CriterionContext): Outcome {
  const isPacket = (target: string) => {
    const id = confluencePageId(target);
    return id !== null && ctx.handoverPages.has(id);
  };
  // Details name no page: the criterion is kept in audit records that others read.
  if (ctx.remoteLinks.some((l) => isPacket(l.url)))
    return {
      status: 'pass',
      detail: 'A handover packet is linked from the implementation',
      issues: [],
      failing: [],
    };
  const pages = ctx.evidence.filter((e) => e.type === 'confluencePage');
  if (pages.some((e) => !ctx.missingEvidence.has(e.id) && isPacket(e.target)))
    return { status: 'pass', detail: 'A handover packet is attached as evidence', issues: [], failing: [] };
  // Issue 10 item 6: a page Runway could not check (Confluence answered 403 or 404 — it answers
  // alike for a deleted page and one hidden from the reader —, failed, or the site has no
  // Confluence) is "could not check this evidence": shown, never a failure, so it never blocks a
  // transition for what Runway cannot see. It stands in for the packet when someone said it is
  // one: attached to this gate, or linked from the implementation as Runway links its packet. A
  // page merely linked from the implementation was never said to be the packet: it does not count.
  const claimed = [
    ...pages.map((e) => e.target),
    ...ctx.remoteLinks.filter(isHandoverPacketLink).map((l) => l.url),
  ];
  const reasons = claimed.flatMap((target) => {
    const reason = ctx.uncheckedPages.get(confluencePageId(target) ?? '');
    return reason === undefined ? [] : [reason];
  });
  if (reasons.length > 0)
    return {
      status: 'unchecked',
      detail: `Could not check this evidence: ${[...new Set(reasons)].join('; ')}; not held against the gate`,
      issues: [],
      failing: [],
    };
  return {
    status: 'fail',
    detail:
      'No handover packet linked: publish it from the Handover packet macro, or link or attach a Confluence page titled or labelled “handover packet”',
    issues: [],
    failing: [],
  };
}

function daysSinceGoLive(c: Extract<Criterion, { kind: 'daysSinceGoLive' }>, ctx: CriterionContext): Outcome {
  const goLive = ctx.implementation.dates.goLive;
  if (goLive === null)
    return { status: 'fail', detail: 'Not live yet (no go-live date)', issues: [], failing: [] };
  const days = calendarDaysBetween(goLive, ctx.asOf);
  const text = `${plural(days, 'day')} since go-live on ${goLive}`;
  return days >= c.days
    ? { status: 'pass', detail: text, issues: [], failing: [] }
    : { status: 'fail', detail: `${text}; ${c.days} needed`, issues: [], failing: [] };
}

/** The title a criterion shows when the config gives none. */
export function defaultTitle(c: Criterion, config: RunwayConfig): string {
  switch (c.kind) {
    case 'itemsDone':
      return `Every ${config.labels[c.label]}${c.alsoLabel ? ` + ${c.alsoLabel}` : ''} item done`;
    case 'itemsAssigned':
      return `${config.labels[c.label]} items exist and are assigned`;
    case 'kpiAtTarget':
    case 'eachItemAtTarget':
      return `${KPI_DEFINITIONS[c.kpi].label} at target${c.kind === 'eachItemAtTarget' ? ' on every item' : ''}`;
    case 'noOpenDefects':
      return `No open ${c.priorities.flatMap((p) => config.priorities[p]).join('/')}${c.label ? ` ${config.labels[c.label]}` : ''} defect`;
    case 'noUnmitigatedRisks':
      return `No open risk scoring ${c.minScore} or more without a mitigation`;
    case 'gatesPassed':
      return 'Earlier gates passed';
    case 'handoverPacketLinked':
      return 'Handover packet linked';
    case 'daysSinceGoLive':
      return `${c.days} days since go-live`;
  }
}

export function evaluateCriterion(c: Criterion, id: string, ctx: CriterionContext): CriterionResult {
  let outcome: Outcome;
  switch (c.kind) {
    case 'itemsDone':
      outcome = itemsDone(c, ctx);
      break;
    case 'itemsAssigned':
      outcome = itemsAssigned(c, ctx);
      break;
    case 'kpiAtTarget':
      outcome = kpiAtTarget(c, ctx);
      break;
    case 'eachItemAtTarget':
      outcome = eachItemAtTarget(c, ctx);
      break;
    case 'noOpenDefects':
      outcome = noOpenDefects(c, ctx);
      break;
    case 'noUnmitigatedRisks':
      outcome = noUnmitigatedRisks(c, ctx);
      break;
    case 'gatesPassed':
      outcome = gatesPassed(c, ctx);
      break;
    case 'handoverPacketLinked':
      outcome = handoverPacketLinked(ctx);
      break;
    case 'daysSinceGoLive':
      outcome = daysSinceGoLive(c, ctx);
      break;
  }
  return { id, kind: c.kind, title: c.title ?? defaultTitle(c, ctx.config), ...outcome };
}
