/**
 * What documents show of a stage gate: its state, its criteria, its sign-offs and evidence.
 * The gate model (criteria evaluated from the data, approvals from app storage) supplies these;
 * without it, the Gate issues of the implementation say as much as Jira knows (passed when the
 * Gate issue is done), which is what the command line shows for an export.
 */
import type { RunwayConfig } from '../config';
import type { IsoDate } from '../dates';
import type { Implementation } from '../implementation';
import { GATE_KEYS, type GateKey } from './select';

export type GateState = 'passed' | 'overridden' | 'open' | 'rejected' | 'not-started';

export interface GateCriterionView {
  label: string;
  result: 'pass' | 'fail' | 'not-applicable';
  /** Issue keys behind the result. */
  issues: string[];
}

export interface GateSignOffView {
  by: string;
  at: IsoDate;
  decision: 'approved' | 'rejected' | 'overridden';
  comment?: string;
}

export interface GateEvidenceView {
  title: string;
  /** A URL (http/https), a Confluence page or Jira issue URL. */
  url?: string;
  issueKey?: string;
  comment?: string;
}

export interface GateView {
  key: GateKey;
  /** The site's name of the gate type (RunwayConfig.gateTypes). */
  name: string;
  state: GateState;
  /** The Gate issue of this type, when the implementation has one. */
  issueKey: string | null;
  criteria: GateCriterionView[];
  signOffs: GateSignOffView[];
  evidence: GateEvidenceView[];
}

/** The gate views Jira alone gives: one per configured gate type, from the Gate issues. */
export function gatesFromIssues(impl: Implementation, config: RunwayConfig): GateView[] {
  return GATE_KEYS.map((key) => {
    const name = config.gateTypes[key];
    const lc = name.trim().toLowerCase();
    const gate = impl.children.find((c) => c.kind === 'gate' && c.gateType !== null && c.gateType.trim().toLowerCase() === lc);
    let state: GateState = 'not-started';
    if (gate) state = gate.done ? 'passed' : gate.everFailed ? 'rejected' : 'open';
    return { key, name, state, issueKey: gate?.key ?? null, criteria: [], signOffs: [], evidence: [] };
  });
}

export function gateStateLabel(state: GateState): string {
  switch (state) {
    case 'passed':
      return 'Passed';
    case 'overridden':
      return 'Overridden';
    case 'open':
      return 'Open';
    case 'rejected':
      return 'Rejected';
    case 'not-started':
      return 'Not started';
  }
}
