/**
 * Who may do what to a gate, and whether an action makes sense now. The resolver asks Jira who
 * the caller is (groups, admin permissions) and asks this module; it writes only on `ok`.
 */
import { nameOf, type PeopleNames } from '../people';
import type { GateDefinition } from './definitions';
import type { GateResult } from './evaluate';

export interface Caller {
  accountId: string;
  /** The caller's Jira groups. */
  groups: readonly string[];
  /** ADMINISTER_PROJECTS in the implementation's project. */
  projectAdmin: boolean;
  /** Jira administrator (ADMINISTER). */
  siteAdmin: boolean;
}

/** A configured approver (by account or group); with nobody configured, the project's administrators. */
export function mayApprove(def: Pick<GateDefinition, 'approvers'>, caller: Caller): boolean {
  const { users, groups } = def.approvers;
  if (users.length === 0 && groups.length === 0) return caller.projectAdmin || caller.siteAdmin;
  if (users.includes(caller.accountId)) return true;
  const mine = new Set(caller.groups.map((g) => g.toLowerCase()));
  return groups.some((g) => mine.has(g.toLowerCase()));
}

export function mayOverride(caller: Caller): boolean {
  return caller.siteAdmin || caller.projectAdmin;
}

/**
 * What the caller may do to a gate now, for the panel's buttons (checkAction decides each write):
 * approve while it has not passed, reject (canSign) whenever they are an approver, override while
 * it has not passed.
 */
export function gatePowers(
  def: Pick<GateDefinition, 'approvers'>,
  gate: Pick<GateResult, 'passed'>,
  caller: Caller,
): { canSign: boolean; canApprove: boolean; canOverride: boolean } {
  const approver = mayApprove(def, caller);
  return {
    canSign: approver,
    canApprove: approver && !gate.passed,
    canOverride: mayOverride(caller) && !gate.passed,
  };
}

/** Evidence is removed by whoever added it, or by an administrator. */
export function mayRemoveEvidence(evidence: { addedBy: { accountId: string } }, caller: Caller): boolean {
  return evidence.addedBy.accountId === caller.accountId || mayOverride(caller);
}

export type GateAction =
  | { action: 'approve'; comment: string }
  | { action: 'reject'; comment: string }
  | { action: 'override'; comment: string }
  | { action: 'removeEvidence'; evidenceId: string; comment: string }
  | { action: 'addEvidence' };

/**
 * Whether `caller` may take `action` on `gate` now; the reason when not, in a sentence. `people`:
 * names looked up as the caller (without, nobody is named).
 */
export function checkAction(
  def: GateDefinition,
  gate: GateResult,
  caller: Caller,
  a: GateAction,
  people?: PeopleNames,
): { ok: true } | { ok: false; error: string } {
  switch (a.action) {
    case 'approve':
    case 'reject':
      if (!mayApprove(def, caller)) return { ok: false, error: `You are not an approver of ${gate.name}.` };
      if (a.action === 'reject' && a.comment.trim() === '')
        return { ok: false, error: 'A rejection needs a comment saying why.' };
      if (a.action === 'approve' && gate.passed)
        return { ok: false, error: `${gate.name} has already passed; there is nothing to approve.` };
      return { ok: true };
    case 'override':
      if (!mayOverride(caller))
        return { ok: false, error: `Only a Jira or project administrator can override ${gate.name}.` };
      if (a.comment.trim() === '') return { ok: false, error: 'An override needs a reason.' };
      if (gate.status === 'passed' || gate.status === 'overridden')
        return { ok: false, error: `${gate.name} has already passed; there is nothing to override.` };
      return { ok: true };
    case 'removeEvidence': {
      const evidence = gate.evidence.find((e) => e.id === a.evidenceId);
      if (!evidence)
        return {
          ok: false,
          error: `${gate.name} has no evidence ${a.evidenceId} (it may have been removed already).`,
        };
      if (!mayRemoveEvidence(evidence, caller))
        return {
          ok: false,
          error: `Only ${people ? nameOf(evidence.addedBy.accountId, people) : 'whoever added it'} or an administrator can remove this evidence.`,
        };
      return { ok: true };
    }
    case 'addEvidence':
      return { ok: true };
  }
}
