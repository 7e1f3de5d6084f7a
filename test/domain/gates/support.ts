// Builders for gate tests: evaluate the gates of built issues, and write audit records.
import {
  buildImplementations,
  computeImplementationKpis,
  evaluateGates,
  parseConfig,
  type AuditRecord,
  type GateResult,
  type JiraIssue,
  type RemoteLinkRef,
  type RunwayConfig,
  type RunwayConfigInput,
} from '../../../src/domain';
import { TEST_NAMES } from '../../builders/jira';
import { AS_OF } from '../../builders/report';

export function configOf(input: RunwayConfigInput = {}): RunwayConfig {
  const r = parseConfig(input);
  if (!r.ok) throw new Error(r.error);
  return r.value;
}

export interface GateOptions {
  asOf?: string;
  config?: RunwayConfigInput;
  audit?: AuditRecord[];
  remoteLinks?: RemoteLinkRef[];
  missingEvidence?: string[];
  handoverPages?: string[];
}

export function gatesOf(issues: readonly JiraIssue[], options: GateOptions = {}): GateResult[] {
  const config = configOf(options.config);
  const asOf = options.asOf ?? AS_OF;
  const [implementation] = buildImplementations(issues, TEST_NAMES, { asOf, config }).implementations;
  if (implementation === undefined) throw new Error('no implementation in the issues');
  const { kpis } = computeImplementationKpis(implementation, config, asOf);
  return evaluateGates({
    implementation,
    kpis,
    config,
    asOf,
    audit: options.audit ?? [],
    remoteLinks: options.remoteLinks,
    missingEvidence: new Set(options.missingEvidence ?? []),
    handoverPages: new Set(options.handoverPages ?? []),
  });
}

export function gate(gates: readonly GateResult[], id: string): GateResult {
  const g = gates.find((x) => x.id === id);
  if (!g) throw new Error(`no gate ${id}`);
  return g;
}

/** The one criterion of a gate whose title starts with `title`. */
export function criterion(gates: readonly GateResult[], id: string, title: string) {
  const c = gate(gates, id).criteria.find((x) => x.title.startsWith(title));
  if (!c) throw new Error(`gate ${id} has no criterion "${title}"`);
  return c;
}

let minute = 0;
const nextAt = () => new Date(Date.UTC(2026, 5, 1, 9, minute++)).toISOString();
/** Records keep account ids only. */
export const person = (accountId: string) => ({ accountId });
/** Names as a reader's lookup answers them: each id's name is the id in capitals. */
export const namesOf = (...accountIds: string[]): Map<string, string> =>
  new Map(accountIds.map((id) => [id, id.toUpperCase()]));

type RecordSpec =
  | { action: 'approve' | 'reject' | 'override'; gateId: string; by: string; comment?: string }
  | {
      action: 'addEvidence';
      gateId: string;
      by: string;
      evidence: {
        id: string;
        type: 'url' | 'confluencePage' | 'jiraIssue';
        target: string;
        title?: string;
        comment?: string;
      };
    }
  | { action: 'removeEvidence'; gateId: string; by: string; evidenceId: string };

export function record(spec: RecordSpec): AuditRecord {
  const base = {
    at: nextAt(),
    by: person(spec.by),
    gateId: spec.gateId,
    gateStatus: 'notReady' as const,
    criteria: [],
  };
  switch (spec.action) {
    case 'addEvidence':
      return { ...base, action: 'addEvidence', evidence: { title: '', comment: '', ...spec.evidence } };
    case 'removeEvidence':
      return { ...base, action: 'removeEvidence', evidenceId: spec.evidenceId, comment: '' };
    default:
      return {
        ...base,
        action: spec.action,
        comment: spec.comment ?? (spec.action === 'approve' ? '' : 'because'),
      };
  }
}
