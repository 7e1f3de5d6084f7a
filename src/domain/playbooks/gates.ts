/**
 * What documents show of a stage gate: its state, its criteria, its sign-offs and evidence.
 * The gate model (src/domain/gates: criteria evaluated from the data, approvals and evidence from
 * the audit record) supplies these through `gateViewsFromResults`; without it (the command line
 * on an export), the Gate issues say as much as Jira knows: passed when the Gate issue is done.
 */
import type { RunwayConfig } from '../config';
import { calendarDate, type IsoDate } from '../dates';
import { evidenceUrl, type CriterionStatus, type GateStatus } from '../gates/audit';
import { seeEvidence, type Sightings } from '../gates/visibility';
import { gateName, type GateResult } from '../gates/evaluate';
import type { Implementation } from '../implementation';
import { nameOf, type PeopleNames } from '../people';
import { noApproverConfigured } from '../alerts/gates';

/** The gate model's statuses, plus what a Gate issue alone can say. */
export type GateState = GateStatus | 'open' | 'notStarted';

export interface GateCriterionView {
  label: string;
  result: CriterionStatus;
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
  /** An http(s) URL: a web page, a Confluence page. */
  url?: string;
  issueKey?: string;
  comment?: string;
}

export interface GateView {
  /** The gate's id in the configuration (`designSignOff`…). */
  key: string;
  name: string;
  state: GateState;
  /** The Gate issue of this type, when the implementation has one. */
  issueKey: string | null;
  criteria: GateCriterionView[];
  signOffs: GateSignOffView[];
  evidence: GateEvidenceView[];
  /** App data says no approver is configured (Jira alone cannot say: then absent). */
  noApprover?: boolean;
}

const gateIssueOf = (impl: Implementation, name: string) => {
  const lc = name.trim().toLowerCase();
  return impl.children.find(
    (c) => c.kind === 'gate' && c.gateType !== null && c.gateType.trim().toLowerCase() === lc,
  );
};

/** The gate views Jira alone gives: one per configured gate, from the Gate issues. */
export function gatesFromIssues(impl: Implementation, config: RunwayConfig): GateView[] {
  return config.gates.map((def) => {
    const name = gateName(def, config);
    const gate = gateIssueOf(impl, name);
    let state: GateState = 'notStarted';
    if (gate) state = gate.done ? 'passed' : gate.everFailed ? 'rejected' : 'open';
    return {
      key: def.id,
      name,
      state,
      issueKey: gate?.key ?? null,
      criteria: [],
      signOffs: [],
      evidence: [],
    };
  });
}

/**
 * The gate model's results as documents show them. `siteUrl` makes Confluence evidence a link.
 * `sightings` says what the reader sees of each evidence page and issue (looked up as them when the
 * document is read); a page or issue without a visible sighting shows as "an item you cannot see",
 * with no key, no title and no link — the record's own titles are never shown. Whoever signed is
 * named as `people` has them (looked up as the reader; an account it lacks is "a former user").
 */
export function gateViewsFromResults(
  results: readonly GateResult[],
  siteUrl: string | undefined,
  sightings: Sightings,
  people: PeopleNames,
): GateView[] {
  const day = (at: string) => calendarDate(at) ?? at.slice(0, 10);
  const withComment = (c: string) => (c.trim() === '' ? {} : { comment: c });
  return results.map((g) => ({
    key: g.id,
    name: g.name,
    state: g.status,
    issueKey: g.gateIssue?.key ?? null,
    ...(noApproverConfigured(g.approvers) ? { noApprover: true } : {}),
    criteria: g.criteria.map((c) => ({ label: c.title, result: c.status, issues: c.issues })),
    signOffs: [
      ...g.approvals.map((d) => ({
        by: nameOf(d.by.accountId, people),
        at: day(d.at),
        decision: 'approved' as const,
        ...withComment(d.comment),
      })),
      ...g.rejections.map((d) => ({
        by: nameOf(d.by.accountId, people),
        at: day(d.at),
        decision: 'rejected' as const,
        ...withComment(d.comment),
      })),
      ...(g.override
        ? [
            {
              by: nameOf(g.override.by.accountId, people),
              at: day(g.override.at),
              decision: 'overridden' as const,
              ...withComment(g.override.comment),
            },
          ]
        : []),
    ].sort((a, b) => a.at.localeCompare(b.at)),
    evidence: g.evidence.map((e): GateEvidenceView => {
      const seen = seeEvidence(e, sightings);
      const base = { title: seen.title, ...withComment(e.comment) };
      if (!seen.visible) return base;
      if (e.type === 'jiraIssue') return { ...base, issueKey: e.target };
      if (e.type === 'url') return { ...base, url: e.target };
      if (/^https?:\/\//i.test(e.target)) return { ...base, url: e.target };
      return siteUrl === undefined ? base : { ...base, url: evidenceUrl(e, siteUrl) };
    }),
  }));
}

export function gateStateLabel(state: GateState): string {
  switch (state) {
    case 'passed':
      return 'Passed';
    case 'overridden':
      return 'Overridden';
    case 'rejected':
      return 'Rejected';
    case 'awaitingApproval':
      return 'Awaiting approval';
    case 'notReady':
      return 'Not ready';
    case 'open':
      return 'Open';
    case 'notStarted':
      return 'Not started';
  }
}

export function isGatePassed(state: GateState): boolean {
  return state === 'passed' || state === 'overridden';
}
