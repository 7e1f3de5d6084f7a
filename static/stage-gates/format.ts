// Words and colours for gate and criterion states, and timestamps as people read them.
import { formatDateTime } from '../shared/dates';
import type { CriterionView, GateStatusView } from '../../src/contracts/stage-gates';

type Appearance = 'success' | 'removed' | 'moved' | 'inprogress' | 'default' | 'new';

export const GATE_STATUS: Record<GateStatusView, { text: string; appearance: Appearance }> = {
  passed: { text: 'Passed', appearance: 'success' },
  overridden: { text: 'Overridden', appearance: 'moved' },
  rejected: { text: 'Rejected', appearance: 'removed' },
  awaitingApproval: { text: 'Awaiting approval', appearance: 'inprogress' },
  notReady: { text: 'Not ready', appearance: 'default' },
};

export const CRITERION_STATUS: Record<CriterionView['status'], { text: string; appearance: Appearance }> = {
  pass: { text: 'Pass', appearance: 'success' },
  fail: { text: 'Fail', appearance: 'removed' },
  notApplicable: { text: 'N/A', appearance: 'default' },
  unchecked: { text: 'Could not check', appearance: 'moved' },
};

export const ACTION_TEXT = {
  approve: 'approved',
  reject: 'rejected',
  override: 'overrode',
  addEvidence: 'added evidence to',
  removeEvidence: 'removed evidence from',
} as const;

/** `2026-11-23T13:05:00.000Z` → `Nov 23, 2026, 2:05 PM GMT+1`: the viewer's locale and time zone. */
export function when(iso: string): string {
  return formatDateTime(iso);
}

export const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
