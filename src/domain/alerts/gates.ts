/** The gate rules' reading of evaluated gates (src/domain/gates): ready, and who has not signed. */
import type { IsoDate } from '../dates';
import type { Approvers, GateResult } from '../gates';
import type { Implementation } from '../implementation';
import type { GateAlertFacts } from './rules';

/** Ready for approval: criteria all pass or are n/a, not passed, fewer approvals than it needs. */
export function isReadyForApproval(gate: GateResult): boolean {
  return gate.criteriaMet && !gate.passed && gate.approvals.length < gate.requiredApprovals;
}

/**
 * No approver is configured: no user and no group. The gate panel then lets the project's
 * administrators approve (src/domain/gates/actions.ts mayApprove), but alerts.md names nobody for
 * gate_ready_for_approval, so the rules tell the implementation's owner (see rules.ts).
 */
export const noApproverConfigured = (a: Approvers): boolean => a.users.length === 0 && a.groups.length === 0;

/**
 * The gate facts of one implementation. `members` gives a gate's approvers as account ids (its
 * users, and the members of its groups); `readySince` is the first day each gate id was seen
 * ready in its current spell (the daily run keeps it in app storage).
 */
export function gateAlertFacts(
  implementation: Implementation,
  gates: readonly GateResult[],
  members: (gate: GateResult) => readonly string[],
  readySince: ReadonlyMap<string, IsoDate>,
): GateAlertFacts[] {
  return gates.map((gate) => {
    const ready = isReadyForApproval(gate);
    const signed = new Set([...gate.approvals, ...gate.rejections].map((d) => d.by.accountId));
    return {
      implementation: implementation.key,
      gateId: gate.id,
      gateName: gate.name,
      issue: gate.gateIssue?.key ?? implementation.key,
      ready,
      waitingOn: ready ? members(gate).filter((id) => !signed.has(id)) : [],
      // Only groups, all empty, is the same: nobody would be told.
      noApprover:
        ready &&
        (noApproverConfigured(gate.approvers) ||
          (gate.approvers.users.length === 0 && members(gate).length === 0)),
      readySince: ready ? (readySince.get(gate.id) ?? null) : null,
    };
  });
}
