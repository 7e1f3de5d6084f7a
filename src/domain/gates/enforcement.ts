/**
 * Gate enforcement (the workflow validator): a transition into a configured status is refused
 * while a gate that status requires has not passed, with a message that names each such gate and
 * what stands in its way.
 */
import type { RunwayConfig } from '../config';
import { nameOf, type PeopleNames } from '../people';
import type { GateResult } from './evaluate';

export type TransitionVerdict =
  { allowed: true } | { allowed: false; blocking: GateResult[]; message: string };

/** The gates a transition into `status` requires (case-insensitive status match), in gate order. */
export function requiredGatesFor(status: string, config: RunwayConfig): string[] {
  const lc = status.trim().toLowerCase();
  const ids = new Set(
    config.enforcement.filter((r) => r.status.trim().toLowerCase() === lc).flatMap((r) => r.requiredGates),
  );
  return config.gates.filter((g) => ids.has(g.id)).map((g) => g.id);
}

/** The statuses a move into which needs `gateId` passed. */
export function statusesRequiring(gateId: string, config: RunwayConfig): string[] {
  return config.enforcement.filter((r) => r.requiredGates.includes(gateId)).map((r) => r.status);
}

const MAX_KEYS = 5;

function keyList(keys: readonly string[]): string {
  if (keys.length === 0) return '';
  const shown = keys.slice(0, MAX_KEYS).join(', ');
  return keys.length > MAX_KEYS ? `${shown} and ${keys.length - MAX_KEYS} more` : shown;
}

/**
 * Why a gate has not passed, in a phrase: its failing criteria, a rejection, or missing approvals.
 * Rejecting approvers are named as `people` (looked up as the reader) has them, else not named.
 */
export function whyNotPassed(gate: GateResult, people?: PeopleNames): string {
  const reasons: string[] = [];
  if (gate.status === 'rejected') {
    reasons.push(
      gate.rejections
        .map((r) => `rejected by ${people ? nameOf(r.by.accountId, people) : 'an approver'} ("${r.comment}")`)
        .join(', '),
    );
  }
  for (const c of gate.criteria) {
    if (c.status !== 'fail') continue;
    const keys = keyList(c.failing);
    reasons.push(`${c.title}: ${c.detail}${keys && !c.detail.includes(c.failing[0]) ? ` (${keys})` : ''}`);
  }
  if (gate.status === 'awaitingApproval') {
    const missing = gate.requiredApprovals - gate.approvalCount;
    reasons.push(`awaiting ${missing} approval${missing === 1 ? '' : 's'}`);
  }
  return reasons.join('; ');
}

/**
 * What the evaluated gates could not check (issue 10 item 6): each criterion left "could not check
 * this evidence", as `<gate>: <criterion> — <why>`. Never a reason to refuse; a refusal names them.
 */
export function uncheckedCriteria(gates: readonly GateResult[]): string[] {
  return gates.flatMap((g) =>
    g.criteria.filter((c) => c.status === 'unchecked').map((c) => `${g.name}: ${c.title} — ${c.detail}`),
  );
}

export function checkTransition(
  implementationKey: string,
  toStatus: string,
  gates: readonly GateResult[],
  config: RunwayConfig,
  people?: PeopleNames,
): TransitionVerdict {
  const required = new Set(requiredGatesFor(toStatus, config));
  const blocking = gates.filter((g) => required.has(g.id) && !g.passed);
  if (blocking.length === 0) return { allowed: true };
  const parts = blocking.map((g) => `${g.name} has not passed — ${whyNotPassed(g, people)}`);
  const unchecked = uncheckedCriteria(gates.filter((g) => required.has(g.id)));
  const note = unchecked.length === 0 ? '' : ` Also: ${unchecked.join('; ')}.`;
  return {
    allowed: false,
    blocking,
    message: `${implementationKey} cannot move to ${toStatus}: ${parts.join('. ')}.${note}`,
  };
}
