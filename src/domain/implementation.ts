/**
 * The implementation model of shared/spec/data-model.md: an implementation, its lifecycle dates and
 * where each came from, and its children classified by kind, all as of `asOf`. Types only:
 * read-implementations.ts reads them from Jira JSON.
 */
import type { ChildKind, RunwayConfig } from './config';
import type { IsoDate } from './dates';
import type { KpiWarning } from './fields';
import type { JiraIssue, JiraIssueLink, JiraUser } from './issue-json';
import type { HoldSpell } from './kpis/on-hold';

export type { ChildKind, KpiWarning };

export interface LifecycleDates {
  contractSigned: IsoDate | null;
  kickoff: IsoDate | null;
  firstValue: IsoDate | null;
  goLive: IsoDate | null;
}
export type LifecycleDate = keyof LifecycleDates;
/** Where a lifecycle date came from (data-model.md, "Derived dates"). */
export type DateSource = 'field' | 'status-change' | 'first-value-child' | 'go-live-milestone';

/** What every issue read by the engine carries, as of asOf. */
export interface TrackedIssue {
  key: string;
  id: string | null;
  summary: string;
  issueType: string;
  project: string | null;
  /** Status at asOf (reconstructed from the changelog when it changed after asOf). */
  status: string | null;
  /** Current `statusCategory.key` (new / indeterminate / done). */
  statusCategory: string | null;
  /** Resolution name at asOf. */
  resolution: string | null;
  labels: readonly string[];
  priority: string | null;
  assignee: JiraUser | null;
  created: IsoDate | null;
  /** Calendar date of the resolution if it happened by asOf. */
  resolved: IsoDate | null;
  /** The raw resolution timestamp when resolved by asOf (ordering). */
  resolvedAt: string | null;
  /** Done at asOf: resolved by asOf, or no resolution date and status category done. */
  done: boolean;
  /**
   * Done at asOf, or reopened by asOf (a reopen means it was done once). A resolution that a
   * later reopen (after asOf) removed does not count: done is judged by resolutiondate.
   */
  everDone: boolean;
  reopenCount: number;
  /** Moved into a failed status (config.failedStatuses) by asOf. */
  everFailed: boolean;
  dueDate: IsoDate | null;
  originalEstimate: number | null;
  timeSpent: number | null;
}

export interface ImplementationChild extends TrackedIssue {
  kind: ChildKind;
  /** Milestones: Baseline Due → first due date in the changelog → current due date. */
  baselineDue: IsoDate | null;
  /** Risks, assumptions, RAID issues (and any child that has them). */
  probability: number | null;
  impact: number | null;
  /** Gates: the Gate Type select value. */
  gateType: string | null;
  /** Work items: numbers read from custom fields. */
  integrationRuns: number | null;
  failedRuns: number | null;
  recordsExpected: number | null;
  recordsReconciled: number | null;
  /** Dependencies: issue links. Empty for other kinds. */
  links: readonly JiraIssueLink[];
}

export interface Implementation extends TrackedIssue {
  /** The Complexity select value, as in Jira (null when empty). */
  complexity: string | null;
  /** The complexity tier targets use: a configured tier, else the default tier. */
  tier: string;
  segment: string | null;
  csat: number | null;
  /** Stakeholder Confidence (1–5): the internal rating by Customer Success, Sales and Support. */
  stakeholderConfidence: number | null;
  /** Spells in an on-hold status (config.onHoldStatuses) by asOf, oldest first. */
  holdSpells: HoldSpell[];
  dates: LifecycleDates;
  dateSources: Readonly<Partial<Record<LifecycleDate, DateSource>>>;
  /** Lifecycle date fields set after asOf: plans, not facts. */
  planned: Readonly<Partial<Record<LifecycleDate, IsoDate>>>;
  children: ImplementationChild[];
  warnings: KpiWarning[];
}

export interface ImplementationModel {
  asOf: IsoDate;
  implementations: Implementation[];
  /** The issues the KPIs read, in export order: the first copy of each key, created by asOf. */
  inScope: JiraIssue[];
  /** About the export as a whole (duplicates, unreadable issues, ambiguous fields). */
  warnings: KpiWarning[];
}

/**
 * An export's implementations before they are read: `read` yields each with its children, in
 * export order, so a caller that keeps only what it computes from one (the KPI report) never
 * holds the children of a 100k-issue export at once.
 */
export interface ImplementationScan extends Omit<ImplementationModel, 'implementations'> {
  read(): Generator<Implementation>;
}

export interface ModelOptions {
  asOf: IsoDate;
  config: RunwayConfig;
}
