// The Stage gates panel as the view shows it: each gate with its criteria, decisions, evidence and
// what the viewer may do (people named as the viewer's lookup has them, never by a stored name); the audit record newest first; and where a Gate issue disagrees with its
// gate, a hint saying so.
import type { AuditEntryView, DecisionView, GatesPanel, GateView } from '../../contracts/stage-gates';
import {
  evidenceUrl,
  gatePowers,
  mayRemoveEvidence,
  seeEvidence,
  withoutPageTitles,
  type Decision,
  type Evidence,
  statusesRequiring,
  type Caller,
  type IsoDate,
  type RunwayConfig,
} from '../../domain';
import { named, type PeopleNames } from '../../domain/people';
import type { JiraCaller } from '../../jira/gates';
import type { GateReport } from './report';

export const asCaller = (c: JiraCaller): Caller => ({
  accountId: c.accountId,
  groups: c.groups,
  projectAdmin: c.projectAdmin,
  siteAdmin: c.siteAdmin,
});

/** A decision as the viewer sees it: whoever made it named by the viewer's lookup. */
const decision = (d: Decision, people: PeopleNames): DecisionView => ({
  by: named(d.by, people),
  at: d.at,
  comment: d.comment,
});

function gateViews(
  report: GateReport,
  caller: JiraCaller,
  config: RunwayConfig,
  siteUrl: string,
): GateView[] {
  const people = report.evidence.people;
  return report.gates.map((g, i) => {
    const who = asCaller(caller);
    const { canSign, canApprove, canOverride } = gatePowers(config.gates[i], g, who);
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
      approvals: g.approvals.map((d) => decision(d, people)),
      approvalCount: g.approvalCount,
      rejections: g.rejections.map((d) => decision(d, people)),
      override: g.override === null ? null : decision(g.override, people),
      evidence: g.evidence.map((e) => {
        const seen = seeEvidence(e, report.evidence.sightings);
        return {
          id: e.id,
          type: e.type,
          target: seen.target,
          title: seen.title,
          url: seen.visible ? evidenceUrl(e, siteUrl) : null,
          comment: e.comment,
          addedBy: named(e.addedBy, people),
          addedAt: e.addedAt,
          missing: !seen.visible,
          unchecked: seen.unchecked,
          canRemove: caller.canEdit && mayRemoveEvidence(e, who),
        };
      }),
      gateIssue: g.gateIssue,
      requiredFor: statusesRequiring(g.id, config),
      canSign,
      canApprove,
      canOverride,
    };
  });
}

/**
 * The audit record, newest first, each entry with its gate's name. Evidence added or removed is
 * named as the viewer sees it now (a removal by the evidence it removed), never by a stored title.
 */
function auditViews(report: GateReport): AuditEntryView[] {
  const names = new Map(report.gates.map((g) => [g.id, g.name]));
  const added = new Map<string, Evidence>();
  for (const { entry } of report.records)
    if (entry.action === 'addEvidence') added.set(entry.evidence.id, entry.evidence);
  const evidenceSeen = (e: Evidence | undefined) => {
    if (!e) return null;
    const seen = seeEvidence(e, report.evidence.sightings);
    return { type: e.type, target: seen.target, title: seen.title, hidden: !seen.visible };
  };
  return report.records
    .map(({ seq, entry }) => ({
      seq,
      at: entry.at,
      by: named(entry.by, report.evidence.people),
      gateId: entry.gateId,
      gateName: names.get(entry.gateId) ?? entry.gateId,
      action: entry.action,
      comment: entry.action === 'addEvidence' ? entry.evidence.comment : entry.comment,
      evidence:
        entry.action === 'addEvidence'
          ? evidenceSeen(entry.evidence)
          : entry.action === 'removeEvidence'
            ? evidenceSeen(added.get(entry.evidenceId))
            : null,
      gateStatus: entry.gateStatus,
      criteria: entry.criteria.map(withoutPageTitles),
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
