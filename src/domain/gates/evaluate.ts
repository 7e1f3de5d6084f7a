/**
 * The gates of one implementation, evaluated: criteria from its issues, approvals, override and
 * evidence from the audit record, and what its Gate issue needs to match. Gates evaluate in the
 * configured order, so "earlier gates passed" reads the results above it.
 */
import type { RunwayConfig } from '../config';
import type { IsoDate } from '../dates';
import type { Implementation } from '../implementation';
import type { KpiValues } from '../kpis/implementation-kpis';
import {
  foldAudit,
  gateRecordState,
  isPassed,
  type AuditRecord,
  type CriterionSnapshot,
  type Decision,
  type EvidenceEntry,
  type GateStatus,
} from './audit';
import { evaluateCriterion, type CriterionResult, type RemoteLinkRef } from './criteria';
import { confluencePageId } from './handover';
import { BUILT_IN_GATE_IDS, type Approvers, type BuiltInGateId, type GateDefinition } from './definitions';

export interface GateInputs {
  implementation: Implementation;
  /** computeImplementationKpis(implementation, config, asOf).kpis */
  kpis: KpiValues;
  config: RunwayConfig;
  asOf: IsoDate;
  /** The implementation's audit record, oldest first. */
  audit: readonly AuditRecord[];
  remoteLinks?: readonly RemoteLinkRef[];
  /** Evidence ids whose Confluence page or Jira issue no longer exists (or the reader cannot see). */
  missingEvidence?: ReadonlySet<string>;
  /**
   * Confluence pages that are this implementation's handover packet, by page id: published by
   * Runway as its packet, or (looked up as the reader) titled or labelled as one. See handover.ts.
   */
  handoverPages?: ReadonlySet<string>;
  /**
   * Confluence pages that could not be checked, by page id, with why (a 403 or 404, no Confluence
   * on the site, a failure): "could not check this evidence", never a failure (issue 10 item 6).
   */
  uncheckedPages?: ReadonlyMap<string, string>;
}

export interface GateIssueRef {
  key: string;
  done: boolean;
  status: string | null;
}

export interface GateResult {
  id: string;
  name: string;
  status: GateStatus;
  passed: boolean;
  /** No criterion fails (not applicable ones do not block). */
  criteriaMet: boolean;
  criteria: CriterionResult[];
  approvers: Approvers;
  requiredApprovals: number;
  /** The approvals standing, each with its own text (one approver may have given several). */
  approvals: Decision[];
  /** Distinct approvers whose latest word is an approval. */
  approvalCount: number;
  rejections: Decision[];
  override: Decision | null;
  /** `unchecked`: why a page could not be checked (see GateInputs.uncheckedPages); else null. */
  evidence: Array<EvidenceEntry & { missing: boolean; unchecked: string | null }>;
  gateIssue: GateIssueRef | null;
  /** What the Gate issue needs to match the gate: resolve when passed and open, reopen when done and not passed. */
  gateIssueAction: 'resolve' | 'reopen' | null;
}

const BUILT_IN = new Set<string>(BUILT_IN_GATE_IDS);

/** The gate's name: its own, else the configured Gate Type value of a built-in gate. */
export function gateName(def: GateDefinition, config: RunwayConfig): string {
  if (def.name !== undefined) return def.name;
  return BUILT_IN.has(def.id) ? config.gateTypes[def.id as BuiltInGateId] : def.id;
}

function statusOf(
  criteriaMet: boolean,
  def: GateDefinition,
  approvals: number,
  rejections: number,
  overridden: boolean,
): GateStatus {
  if (overridden) return 'overridden';
  if (rejections > 0) return 'rejected';
  if (!criteriaMet) return 'notReady';
  return approvals >= def.requiredApprovals ? 'passed' : 'awaitingApproval';
}

export function evaluateGates(inputs: GateInputs): GateResult[] {
  const { implementation, config } = inputs;
  const states = foldAudit(inputs.audit);
  const missing = inputs.missingEvidence ?? new Set<string>();
  const uncheckedPages = inputs.uncheckedPages ?? new Map<string, string>();
  const uncheckedOf = (e: EvidenceEntry): string | null =>
    e.type === 'confluencePage' ? (uncheckedPages.get(confluencePageId(e.target) ?? '') ?? null) : null;
  const gateNames = new Map<string, string>();
  const gateIssues = new Map<string, string>();
  const passedGates = new Set<string>();
  const results: GateResult[] = [];
  for (const def of config.gates) {
    const name = gateName(def, config);
    gateNames.set(def.id, name);
    const wanted = name.trim().toLowerCase();
    const issue = implementation.children.find(
      (c) => c.kind === 'gate' && c.gateType !== null && c.gateType.trim().toLowerCase() === wanted,
    );
    if (issue) gateIssues.set(def.id, issue.key);
    const record = gateRecordState(states, def.id);
    const criteria = def.criteria.map((c, i) =>
      evaluateCriterion(c, `${def.id}.${i}`, {
        implementation,
        kpis: inputs.kpis,
        config,
        asOf: inputs.asOf,
        gateNames,
        passedGates,
        gateIssues,
        remoteLinks: inputs.remoteLinks ?? [],
        evidence: record.evidence,
        missingEvidence: missing,
        handoverPages: inputs.handoverPages ?? new Set<string>(),
        uncheckedPages,
      }),
    );
    // "Could not check" is not a failure (issue 10 item 6).
    const criteriaMet = criteria.every((c) => c.status !== 'fail');
    const status = statusOf(
      criteriaMet,
      def,
      record.approvalCount,
      record.rejections.length,
      record.override !== null,
    );
    const passed = isPassed(status);
    if (passed) passedGates.add(def.id);
    const gateIssue = issue ? { key: issue.key, done: issue.done, status: issue.status } : null;
    results.push({
      id: def.id,
      name,
      status,
      passed,
      criteriaMet,
      criteria,
      approvers: def.approvers,
      requiredApprovals: def.requiredApprovals,
      approvals: record.approvals,
      approvalCount: record.approvalCount,
      rejections: record.rejections,
      override: record.override,
      evidence: record.evidence.map((e) => ({ ...e, missing: missing.has(e.id), unchecked: uncheckedOf(e) })),
      gateIssue,
      gateIssueAction: gateIssue === null || gateIssue.done === passed ? null : passed ? 'resolve' : 'reopen',
    });
  }
  return results;
}

/** The criteria as someone saw them when acting, for the audit record. */
export function criteriaSnapshot(gate: GateResult): CriterionSnapshot[] {
  return gate.criteria.map((c) => ({ title: c.title, status: c.status, detail: c.detail, issues: c.issues }));
}
