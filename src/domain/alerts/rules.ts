/**
 * The alert rules of shared/spec/alerts.md, as of a date: who hears about which issue of which
 * open implementation. Pure: the implementation model (data-model.md), the gates as evaluated
 * from app data, the configuration and asOf in; alerts out, in the spec's order.
 */
import { ALERT_RULES, type AlertRule, type RunwayConfig } from '../config';
import { businessDaysBetween, calendarDaysBetween, type IsoDate } from '../dates';
import type { Implementation, ImplementationChild } from '../implementation';

export { ALERT_RULES, type AlertRule };

/** One alert as `runway alerts --format json` prints it. */
export interface Alert {
  rule: AlertRule;
  issue: string;
  implementation: string;
  /** Atlassian account id, or null when nobody can be named (listed, nobody notified). */
  recipient: string | null;
}

/** An alert with what a person reads and what "once per state" compares. */
export interface FiredAlert extends Alert {
  summary: string;
  implementationSummary: string;
  /** Why it fires, in words: "due 2026-06-20, 10 days ago". */
  detail: string;
  /**
   * What makes this firing this firing: it changes when the alert fires anew (the due date
   * moved, the item was done and reopened, the gate became ready again), so a delivery kept per
   * `(rule, issue, recipient)` is sent again only then.
   */
  state: string;
}

/** A gate of an implementation, as the gate rules read it (from src/domain/gates' evaluation). */
export interface GateAlertFacts {
  implementation: string;
  gateId: string;
  gateName: string;
  /** The gate's Gate issue, else the implementation itself. */
  issue: string;
  /** Criteria all pass or are n/a, not passed, fewer approvals than it needs. */
  ready: boolean;
  /** Approvers (groups expanded to members) who have neither approved nor rejected it. */
  waitingOn: readonly string[];
  /** The first day it was seen ready in this spell (kept by the daily run), else null. */
  readySince: IsoDate | null;
  /** Ready, and no approver can be named (none configured, or only empty groups). */
  noApprover?: boolean;
}

export interface AlertOptions {
  asOf: IsoDate;
  config: RunwayConfig;
  /** The gates of the implementations (app data); absent for an export (`runway alerts`). */
  gates?: readonly GateAlertFacts[];
}

const RAID_KINDS = new Set(['risk', 'assumption', 'issue', 'dependency']);

const accountOf = (issue: { assignee: { accountId?: string } | null }): string | null =>
  issue.assignee?.accountId ?? null;

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

function ago(date: IsoDate, asOf: IsoDate): string {
  const days = calendarDaysBetween(date, asOf);
  return days === 0 ? 'today' : days > 0 ? `${plural(days, 'day')} ago` : `in ${plural(-days, 'day')}`;
}

function childAlert(
  rule: AlertRule,
  impl: Implementation,
  child: ImplementationChild,
  recipient: string | null,
  detail: string,
  state: string,
): FiredAlert {
  return {
    rule,
    issue: child.key,
    implementation: impl.key,
    recipient,
    summary: child.summary,
    implementationSummary: impl.summary,
    detail,
    state: `${state};reopened=${child.reopenCount}`,
  };
}

function childAlerts(impl: Implementation, options: AlertOptions, out: FiredAlert[]): void {
  const { asOf, config } = options;
  const on = config.alerts.rules;
  const owner = accountOf(impl);
  for (const child of impl.children) {
    if (child.done) continue;
    const assignee = accountOf(child) ?? owner;
    if (RAID_KINDS.has(child.kind)) {
      if (on.raid_overdue && child.dueDate !== null && child.dueDate < asOf)
        out.push(
          childAlert(
            'raid_overdue',
            impl,
            child,
            assignee,
            `${child.issueType} due ${child.dueDate}, ${ago(child.dueDate, asOf)}`,
            `due=${child.dueDate}`,
          ),
        );
      continue;
    }
    if (child.kind !== 'milestone') continue;
    const late = child.baselineDue !== null && child.baselineDue < asOf;
    if (late && child.baselineDue !== null) {
      if (on.milestone_late)
        out.push(
          childAlert(
            'milestone_late',
            impl,
            child,
            owner,
            `milestone baseline due ${child.baselineDue}, ${ago(child.baselineDue, asOf)}`,
            `baseline=${child.baselineDue}`,
          ),
        );
      continue;
    }
    const due = child.dueDate;
    if (!on.milestone_due_soon || due === null || due < asOf) continue;
    const left = businessDaysBetween(asOf, due, config.holidays);
    if (left <= config.alerts.dueSoonBusinessDays)
      out.push(
        childAlert(
          'milestone_due_soon',
          impl,
          child,
          assignee,
          `milestone due ${due}, ${left === 0 ? 'today' : `in ${plural(left, 'business day')}`}`,
          `due=${due}`,
        ),
      );
  }
}

function gateAlerts(
  impl: Implementation,
  gates: readonly GateAlertFacts[],
  options: AlertOptions,
): FiredAlert[] {
  const { asOf, config } = options;
  const on = config.alerts.rules;
  const out: FiredAlert[] = [];
  for (const gate of gates) {
    if (!gate.ready) continue;
    const since = gate.readySince ?? asOf;
    const base = {
      issue: gate.issue,
      implementation: impl.key,
      summary: gate.gateName,
      implementationSummary: impl.summary,
    };
    // alerts.md names "each approver who has not signed it" and is silent on a gate with no
    // approver: then the implementation's owner is told, so a ready gate never waits unseen (and
    // null, listed but unsent, when the implementation has no owner either).
    if (on.gate_ready_for_approval && gate.noApprover === true)
      out.push({
        ...base,
        rule: 'gate_ready_for_approval',
        recipient: accountOf(impl),
        detail: `${gate.gateName} is ready for approval but has no approvers configured (since ${since}): a project administrator may approve it, or set its approvers in Runway's settings`,
        state: `ready=${since};noApprover`,
      });
    else if (on.gate_ready_for_approval)
      for (const approver of new Set(gate.waitingOn))
        out.push({
          ...base,
          rule: 'gate_ready_for_approval',
          recipient: approver,
          detail: `${gate.gateName} is ready for your approval (since ${since})`,
          state: `ready=${since}`,
        });
    const waited = calendarDaysBetween(since, asOf);
    if (on.gate_waiting && waited > config.alerts.gateWaitingDays)
      out.push({
        ...base,
        rule: 'gate_waiting',
        recipient: accountOf(impl),
        detail: `${gate.gateName} has waited ${plural(waited, 'day')} for approval (ready since ${since})`,
        state: `ready=${since}`,
      });
  }
  return out;
}

/** `IMP-7` before `IMP-12`, projects alphabetically. */
export function compareIssueKeys(a: string, b: string): number {
  const da = a.lastIndexOf('-');
  const db = b.lastIndexOf('-');
  const pa = da < 0 ? a : a.slice(0, da);
  const pb = db < 0 ? b : b.slice(0, db);
  if (pa !== pb) return pa < pb ? -1 : 1;
  const na = Number(a.slice(da + 1));
  const nb = Number(b.slice(db + 1));
  if (na !== nb && Number.isFinite(na) && Number.isFinite(nb)) return na - nb;
  return a < b ? -1 : a > b ? 1 : 0;
}

const RULE_ORDER = new Map<string, number>(ALERT_RULES.map((r, i) => [r, i]));

/** alerts.md's order: rule (table order), implementation key, issue key, then recipient. */
export function compareAlerts(a: Alert, b: Alert): number {
  return (
    (RULE_ORDER.get(a.rule) ?? 0) - (RULE_ORDER.get(b.rule) ?? 0) ||
    compareIssueKeys(a.implementation, b.implementation) ||
    compareIssueKeys(a.issue, b.issue) ||
    (a.recipient ?? '').localeCompare(b.recipient ?? '')
  );
}

/**
 * Every alert of the open implementations at asOf (a done implementation and its children raise
 * none; issues created after asOf are already absent from the model), sorted.
 */
export function computeAlerts(
  implementations: readonly Implementation[],
  options: AlertOptions,
): FiredAlert[] {
  const byImplementation = new Map<string, GateAlertFacts[]>();
  for (const g of options.gates ?? []) {
    const list = byImplementation.get(g.implementation);
    if (list) list.push(g);
    else byImplementation.set(g.implementation, [g]);
  }
  const out: FiredAlert[] = [];
  for (const impl of implementations) {
    if (impl.done) continue;
    childAlerts(impl, options, out);
    const gates = byImplementation.get(impl.key);
    if (gates) for (const a of gateAlerts(impl, gates, options)) out.push(a);
  }
  return out.sort(compareAlerts);
}
