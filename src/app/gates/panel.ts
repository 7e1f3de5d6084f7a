// The Stage gates panel as the view shows it: each gate with its criteria, decisions, evidence and
// what the viewer may do; the audit record newest first; and where a Gate issue disagrees with its
// gate, a hint saying so.
import type { AuditEntryView, GatesPanel, GateView } from '../../contracts/stage-gates';
import {
  evidenceUrl,
  gatePowers,
  statusesRequiring,
  type Caller,
  type IsoDate,
  type RunwayConfig,
} from '../../domain';
import type { JiraCaller } from '../../jira/gates';
import type { GateReport } from './report';

export const asCaller = (c: JiraCaller): Caller => ({
  accountId: c.accountId,
  groups: c.groups,
  projectAdmin: c.projectAdmin,
  siteAdmin: c.siteAdmin,
});

function gateViews(
  report: GateReport,
  caller: JiraCaller,
  config: RunwayConfig,
  siteUrl: string,
): GateView[] {
  return report.gates.map((g, i) => {
    const { canSign, canOverride } = gatePowers(config.gates[i], g, asCaller(caller));
    return {
      id: g.id,
      name: g.name,
      status: g.status,
      criteria: g.criteria.map((c) => ({
        id: c.id,
        title: c.title,
        status: c.status,
        detail: c.detail,
        issues: c.issues,
        failing: c.failing,
      })),
      approvers: { users: g.approvers.users, groups: g.approvers.groups },
      requiredApprovals: g.requiredApprovals,
      approvals: g.approvals,
      rejections: g.rejections,
      override: g.override,
      evidence: g.evidence.map((e) => ({
        id: e.id,
        type: e.type,
        target: e.target,
        title: report.evidence.titles.get(e.id) ?? e.title,
        url: e.missing ? null : evidenceUrl(e, siteUrl),
        comment: e.comment,
        addedBy: e.addedBy,
        addedAt: e.addedAt,
        missing: e.missing,
      })),
      gateIssue: g.gateIssue,
      requiredFor: statusesRequiring(g.id, config),
      canSign,
      canOverride,
    };
  });
}

/** The audit record, newest first, each entry with its gate's name. */
function auditViews(report: GateReport): AuditEntryView[] {
  const names = new Map(report.gates.map((g) => [g.id, g.name]));
  return report.records
    .map(({ seq, entry }) => ({
      seq,
      at: entry.at,
      by: entry.by,
      gateId: entry.gateId,
      gateName: names.get(entry.gateId) ?? entry.gateId,
      action: entry.action,
      comment: entry.action === 'addEvidence' ? entry.evidence.comment : entry.comment,
      evidence:
        entry.action === 'addEvidence'
          ? { type: entry.evidence.type, target: entry.evidence.target, title: entry.evidence.title }
          : null,
      gateStatus: entry.gateStatus,
      criteria: entry.criteria,
    }))
    .reverse();
}

/** Gate issues whose Jira status disagrees with their gate (the sync could not fix them). */
function syncHints(report: GateReport): string[] {
  return report.gates.flatMap((g) =>
    g.gateIssueAction === 'reopen'
      ? [`${g.gateIssue?.key} (${g.name}) is done in Jira, but the gate has not passed in Runway.`]
      : g.gateIssueAction === 'resolve'
        ? [`${g.gateIssue?.key} (${g.name}) is still open in Jira, though the gate has passed.`]
        : [],
  );
}

export function panelOf(
  report: GateReport,
  caller: JiraCaller,
  config: RunwayConfig,
  asOf: IsoDate,
  siteUrl: string,
): GatesPanel {
  return {
    asOf,
    implementation: { key: report.loaded.implementation.key, summary: report.loaded.implementation.summary },
    gates: gateViews(report, caller, config, siteUrl),
    audit: auditViews(report),
    viewer: { accountId: caller.accountId, canEditEvidence: caller.canEdit },
    warnings: [...syncHints(report), ...report.evidence.warnings, ...report.loaded.warnings],
  };
}

/** The panel on an issue that is not an implementation. */
export const emptyPanel = (asOf: IsoDate, caller: JiraCaller): GatesPanel => ({
  asOf,
  implementation: null,
  gates: [],
  audit: [],
  viewer: { accountId: caller.accountId, canEditEvidence: false },
  warnings: [],
});
