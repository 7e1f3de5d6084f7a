/**
 * Reads the implementation model (implementation.ts) from Jira JSON, as data-model.md says: which
 * issues are implementations, their lifecycle dates (with the derivation rules), and their children
 * classified by kind, all as of `asOf`. Pure: issues + names + config + asOf in, model + warnings out.
 */
import { CHILD_KINDS, type ChildKind, type RunwayConfig } from './config';
import { calendarDate, instant, type IsoDate } from './dates';
import { NameLookup, hasLabel, nameLookup, resolveFieldIds, type FieldIds, type KpiWarning } from './fields';
import { scanHistory, type ScanOptions, type StatusChange } from './history';
import { ownValue } from './own';
import { holdSpells } from './kpis/on-hold';
import type {
  DateSource,
  Implementation,
  ImplementationChild,
  ImplementationModel,
  ImplementationScan,
  LifecycleDate,
  LifecycleDates,
  ModelOptions,
  TrackedIssue,
} from './implementation';
import {
  readHierarchyLevel,
  readIssueLinks,
  nameOf,
  readLabels,
  readNumber,
  readOptionValue,
  readUser,
  statusCategoryOf,
  isObject,
  type JiraHistory,
  type JiraIssue,
  type JiraIssueLink,
  type JiraNames,
} from './issue-json';

/** Done at asOf per kpis.md. `doneCategory` is config.doneStatusCategory. */
export function isDoneAt(issue: JiraIssue, asOf: IsoDate, doneCategory = 'done'): boolean {
  const resolved = calendarDate(issue.fields.resolutiondate);
  if (resolved !== null) return resolved <= asOf;
  if (issue.fields.resolutiondate !== null && issue.fields.resolutiondate !== undefined) return false;
  const cat = statusCategoryOf(issue.fields.status);
  return cat !== undefined && cat.toLowerCase() === doneCategory.toLowerCase();
}

/** Whether the issue existed at asOf: created by then, or with no readable creation date. */
export function existsAt(issue: JiraIssue, asOf: IsoDate): boolean {
  const created = calendarDate(issue.fields.created);
  return created === null || created <= asOf;
}

/** Everything computed once per call, shared by every issue. */
interface Context {
  asOf: IsoDate;
  config: RunwayConfig;
  ids: FieldIds;
  failed: NameLookup<true>;
  notStarted: NameLookup<true>;
  goLiveStatuses: NameLookup<true>;
  onHoldStatuses: NameLookup<true>;
  implementationTypes: NameLookup<true>;
  kindByType: NameLookup<ChildKind>;
  tiers: ReadonlyMap<string, string>;
  /** Changelog scans, built once: children, milestones (due date too), implementations (status changes too). */
  scanChild: ScanOptions;
  scanMilestone: ScanOptions;
  scanImplementation: ScanOptions;
}

function context(names: JiraNames, opts: ModelOptions): { ctx: Context; warnings: KpiWarning[] } {
  const { config } = opts;
  const { ids, warnings } = resolveFieldIds(names, config);
  const failed = nameLookup(config.failedStatuses);
  // the first kind that lists a type wins
  const kindByType = new NameLookup<ChildKind>(
    CHILD_KINDS.flatMap((kind) => config.issueTypes[kind].map((t) => [t, kind] as const)),
  );
  const ctx: Context = {
    asOf: opts.asOf,
    config,
    ids,
    failed,
    notStarted: nameLookup(config.notStartedStatuses),
    goLiveStatuses: nameLookup(config.goLiveStatuses),
    onHoldStatuses: nameLookup(config.onHoldStatuses),
    implementationTypes: nameLookup(config.implementationTypes),
    kindByType,
    tiers: new Map(config.complexityTiers.map((t) => [t.trim().toLowerCase(), t])),
    scanChild: { asOf: opts.asOf, failedStatuses: failed },
    scanMilestone: { asOf: opts.asOf, failedStatuses: failed, dueDate: true },
    scanImplementation: { asOf: opts.asOf, failedStatuses: failed, statusChanges: true },
  };
  return { ctx, warnings };
}

const NO_HISTORY: JiraHistory[] = [];
/** Own properties only: a field id `toString` must read as empty, not as Object.prototype's. */
const field = (issue: JiraIssue, id: string | null): unknown =>
  id === null ? undefined : ownValue(issue.fields, id);
const orNull = <T>(v: T | undefined): T | null => (v === undefined ? null : v);
const numberField = (issue: JiraIssue, id: string | null): number | null =>
  id === null ? null : orNull(readNumber(ownValue(issue.fields, id)));

function isImplementationIssue(issue: JiraIssue, ctx: Context): boolean {
  const type = issue.fields.issuetype;
  if (!isObject(type) || typeof type.name !== 'string') return false;
  if (ctx.implementationTypes.has(type.name)) return true;
  const level = readHierarchyLevel(type.hierarchyLevel);
  const level1 = level === 1 || (level === undefined && type.name.toLowerCase() === 'epic');
  return level1 && hasLabel(readLabels(issue.fields.labels), ctx.config.implementationLabel);
}

/** A date field: null when empty; a warning when it holds something that is not a date. */
function readDateField(
  issue: JiraIssue,
  id: string | null,
  label: string,
  warnings: KpiWarning[],
): IsoDate | null {
  const raw = field(issue, id);
  if (raw === null || raw === undefined || raw === '') return null;
  const date = calendarDate(raw);
  if (date === null)
    warnings.push({
      issue: issue.key,
      code: 'BAD_DATE',
      message: `${label} is not a date: ${JSON.stringify(raw).slice(0, 40)}`,
    });
  return date;
}

function readTracked(
  issue: JiraIssue,
  ctx: Context,
  warnings: KpiWarning[],
  scan: ScanOptions,
  issueType: string,
) {
  const f = issue.fields;
  const { asOf } = ctx;
  const facts = scanHistory(issue.changelog?.histories ?? NO_HISTORY, scan);
  if (facts.undated > 0)
    warnings.push({
      issue: issue.key,
      code: 'BAD_CHANGELOG',
      message: `${facts.undated} changelog entries without a readable date were ignored`,
    });
  const resolvedRaw = f.resolutiondate;
  const resolvedDate = calendarDate(resolvedRaw);
  if (resolvedDate === null && resolvedRaw !== null && resolvedRaw !== undefined) {
    warnings.push({ issue: issue.key, code: 'BAD_DATE', message: 'resolutiondate is not a timestamp' });
  }
  const resolvedByAsOf = resolvedDate !== null && resolvedDate <= asOf;
  const category = orNull(statusCategoryOf(f.status));
  const done =
    resolvedByAsOf ||
    (resolvedRaw == null &&
      category !== null &&
      category.toLowerCase() === ctx.config.doneStatusCategory.toLowerCase());
  const statusName = facts.statusAtAsOf !== undefined ? facts.statusAtAsOf : orNull(nameOf(f.status));
  const resolutionName =
    facts.resolutionAtAsOf !== undefined
      ? facts.resolutionAtAsOf
      : resolvedByAsOf || resolvedRaw == null
        ? orNull(nameOf(f.resolution))
        : null;
  const tracked: TrackedIssue = {
    key: issue.key,
    id: orNull(issue.id),
    summary: typeof f.summary === 'string' ? f.summary : '',
    issueType,
    project: isObject(f.project) && typeof f.project.key === 'string' ? f.project.key : null,
    status: statusName,
    statusCategory: category,
    resolution: resolutionName,
    labels: readLabels(f.labels),
    priority: orNull(nameOf(f.priority)),
    assignee: orNull(readUser(f.assignee)),
    created: calendarDate(f.created),
    resolved: resolvedByAsOf ? resolvedDate : null,
    resolvedAt: resolvedByAsOf && typeof resolvedRaw === 'string' ? resolvedRaw : null,
    done,
    everDone: done || facts.reopenCount > 0,
    reopenCount: facts.reopenCount,
    everFailed: facts.everFailed || ctx.failed.has(statusName),
    dueDate: calendarDate(f.duedate),
    originalEstimate: orNull(readNumber(f.timeoriginalestimate)),
    timeSpent: orNull(readNumber(f.timespent)),
  };
  return { tracked, facts };
}

function readChild(issue: JiraIssue, ctx: Context, warnings: KpiWarning[]): ImplementationChild {
  const typeName = nameOf(issue.fields.issuetype) ?? '';
  const kind: ChildKind = ctx.kindByType.get(typeName) ?? 'workItem';
  const milestone = kind === 'milestone';
  const { tracked, facts } = readTracked(
    issue,
    ctx,
    warnings,
    milestone ? ctx.scanMilestone : ctx.scanChild,
    typeName,
  );
  const { ids } = ctx;
  let baselineDue: IsoDate | null = null;
  if (milestone) {
    baselineDue =
      readDateField(issue, ids.baselineDue, 'Baseline Due', warnings) ??
      calendarDate(facts.firstDueDate) ??
      tracked.dueDate;
  }
  // One literal with every property (no spread): this runs for every child of a 100k export.
  return {
    key: tracked.key,
    id: tracked.id,
    summary: tracked.summary,
    issueType: tracked.issueType,
    project: tracked.project,
    status: tracked.status,
    statusCategory: tracked.statusCategory,
    resolution: tracked.resolution,
    labels: tracked.labels,
    priority: tracked.priority,
    assignee: tracked.assignee,
    created: tracked.created,
    resolved: tracked.resolved,
    resolvedAt: tracked.resolvedAt,
    done: tracked.done,
    everDone: tracked.everDone,
    reopenCount: tracked.reopenCount,
    everFailed: tracked.everFailed,
    dueDate: tracked.dueDate,
    originalEstimate: tracked.originalEstimate,
    timeSpent: tracked.timeSpent,
    kind,
    baselineDue,
    probability: numberField(issue, ids.probability),
    impact: numberField(issue, ids.impact),
    gateType: kind === 'gate' ? orNull(readOptionValue(field(issue, ids.gateType))) : null,
    integrationRuns: numberField(issue, ids.integrationRuns),
    failedRuns: numberField(issue, ids.failedRuns),
    recordsExpected: numberField(issue, ids.recordsExpected),
    recordsReconciled: numberField(issue, ids.recordsReconciled),
    links: kind === 'dependency' ? readIssueLinks(issue.fields.issuelinks) : NO_LINKS,
  };
}

const NO_LINKS: readonly JiraIssueLink[] = Object.freeze([]);

const LIFECYCLE_LABELS: Record<LifecycleDate, string> = {
  contractSigned: 'Contract Signed',
  kickoff: 'Kickoff Date',
  firstValue: 'First Value Date',
  goLive: 'Go-Live Date',
};

function firstStatusChange(
  changes: readonly StatusChange[],
  test: (c: StatusChange) => boolean,
): IsoDate | null {
  for (const c of changes) if (test(c)) return c.date;
  return null;
}

/** The earliest child (by resolution instant) that passes `test` and was resolved by asOf. */
function earliestResolved(
  children: readonly ImplementationChild[],
  test: (c: ImplementationChild) => boolean,
): IsoDate | null {
  let best: IsoDate | null = null;
  let bestAt = NaN;
  for (let i = 0; i < children.length; i++) {
    const c = children[i];
    if (c.resolved === null || !test(c)) continue;
    const at = instant(c.resolvedAt ?? '');
    const earlier =
      best === null || (!Number.isNaN(at) && !Number.isNaN(bestAt) ? at < bestAt : c.resolved < best);
    if (earlier) {
      best = c.resolved;
      bestAt = at;
    }
  }
  return best;
}

function readImplementation(issue: JiraIssue, children: ImplementationChild[], ctx: Context): Implementation {
  const warnings: KpiWarning[] = [];
  const { ids, config, asOf } = ctx;
  const { tracked, facts } = readTracked(
    issue,
    ctx,
    warnings,
    ctx.scanImplementation,
    nameOf(issue.fields.issuetype) ?? '',
  );
  const planned: Partial<Record<LifecycleDate, IsoDate>> = {};
  const sources: Partial<Record<LifecycleDate, DateSource>> = {};
  const fact = (d: LifecycleDate): IsoDate | null => {
    const value = readDateField(issue, ids[d], LIFECYCLE_LABELS[d], warnings);
    if (value !== null && value > asOf) {
      planned[d] = value; // a plan, not a fact: reads as empty
      return null;
    }
    if (value !== null) sources[d] = 'field';
    return value;
  };
  const derive = (d: LifecycleDate, value: IsoDate | null, source: DateSource): IsoDate | null => {
    if (value !== null) sources[d] = source;
    return value;
  };
  const changes = facts.statusChanges;
  const kickoff =
    fact('kickoff') ??
    derive(
      'kickoff',
      firstStatusChange(changes, (c) => ctx.notStarted.has(c.from)),
      'status-change',
    );
  const firstValue =
    fact('firstValue') ??
    derive(
      'firstValue',
      earliestResolved(children, (c) => hasLabel(c.labels, config.labels.firstValue)),
      'first-value-child',
    );
  const goLive =
    fact('goLive') ??
    derive(
      'goLive',
      earliestResolved(children, (c) => c.kind === 'milestone' && hasLabel(c.labels, config.labels.goLive)),
      'go-live-milestone',
    ) ??
    derive(
      'goLive',
      firstStatusChange(changes, (c) => ctx.goLiveStatuses.has(c.to)),
      'status-change',
    );
  const dates: LifecycleDates = { contractSigned: fact('contractSigned'), kickoff, firstValue, goLive };

  const complexity = orNull(readOptionValue(field(issue, ids.complexity)));
  let tier = ctx.tiers.get(config.defaultComplexity.trim().toLowerCase()) ?? config.defaultComplexity;
  if (complexity !== null) {
    const known = ctx.tiers.get(complexity.trim().toLowerCase());
    if (known !== undefined) tier = known;
    else
      warnings.push({
        issue: issue.key,
        code: 'UNKNOWN_COMPLEXITY',
        message: `Complexity "${complexity}" is not a configured tier; counted as ${tier}`,
      });
  }
  const score = (id: string | null, label: string, code: string): number | null => {
    const value = orNull(readNumber(field(issue, id)));
    if (value === null || (value >= 1 && value <= 5)) return value;
    warnings.push({ issue: issue.key, code, message: `${label} ${value} is outside 1–5` });
    return null;
  };
  const csat = score(ids.csat, 'CSAT', 'BAD_CSAT');
  const stakeholderConfidence = score(
    ids.stakeholderConfidence,
    config.fieldNames.stakeholderConfidence,
    'BAD_STAKEHOLDER_CONFIDENCE',
  );
  return {
    ...tracked,
    complexity,
    tier,
    segment: orNull(readOptionValue(field(issue, ids.segment))),
    csat,
    stakeholderConfidence,
    holdSpells: holdSpells(changes, ctx.onHoldStatuses),
    dates,
    dateSources: sources,
    planned,
    children,
    warnings,
  };
}

/** An export with issues but no implementation would give an empty report: say why instead. */
export function noImplementationWarning(read: number, config: RunwayConfig): KpiWarning {
  return {
    issue: '',
    code: 'NO_IMPLEMENTATION',
    message: `${read} issue${read === 1 ? '' : 's'} read, none is an implementation (an Epic labelled ${config.implementationLabel}, or an issue of type ${config.implementationTypes.join(' or ')})`,
  };
}

/**
 * The implementations of an export, in export order, with their children. Issues created after
 * asOf are ignored; a key seen twice keeps its first occurrence.
 */
export function buildImplementations(
  issues: readonly JiraIssue[],
  names: JiraNames,
  opts: ModelOptions,
): ImplementationModel {
  const { read, ...scan } = scanImplementations(issues, names, opts);
  return { ...scan, implementations: [...read()] };
}

/** buildImplementations, with each implementation read only when `read` reaches it. */
export function scanImplementations(
  issues: readonly JiraIssue[],
  names: JiraNames,
  opts: ModelOptions,
): ImplementationScan {
  const { ctx, warnings } = context(names, opts);
  const seen = new Set<string>();
  const roots: JiraIssue[] = [];
  const inScope: JiraIssue[] = [];
  const byParent = new Map<string, JiraIssue[]>();
  // Implementations created after asOf count: the export is not empty, it is early.
  let anyImplementation = false;
  // Indexed loops on the hot path: until V8 optimises a for-of, each step allocates an iterator
  // result, and one `runway kpis` run is mostly code that has not been optimised yet.
  for (let i = 0; i < issues.length; i++) {
    const issue = issues[i];
    if (seen.has(issue.key)) {
      warnings.push({
        issue: issue.key,
        code: 'DUPLICATE_ISSUE',
        message: 'the export holds this issue more than once; the first copy is used',
      });
      continue;
    }
    seen.add(issue.key);
    const implementation = isImplementationIssue(issue, ctx);
    anyImplementation ||= implementation;
    if (!existsAt(issue, ctx.asOf)) continue;
    inScope.push(issue);
    if (implementation) roots.push(issue);
    const parent = issue.fields.parent;
    if (!isObject(parent) || typeof parent.key !== 'string') continue;
    const list = byParent.get(parent.key);
    if (list) list.push(issue);
    else byParent.set(parent.key, [issue]);
  }
  function* read(): Generator<Implementation> {
    for (const root of roots) {
      const childWarnings: KpiWarning[] = [];
      const children = (byParent.get(root.key) ?? []).map((c) => readChild(c, ctx, childWarnings));
      const implementation = readImplementation(root, children, ctx);
      implementation.warnings.push(...childWarnings);
      yield implementation;
    }
  }
  if (issues.length > 0 && !anyImplementation)
    warnings.push(noImplementationWarning(issues.length, ctx.config));
  const missing = (Object.keys(ctx.ids) as (keyof FieldIds)[]).filter((f) => ctx.ids[f] === null);
  if (roots.length > 0 && missing.length > 0) {
    warnings.push({
      issue: '',
      code: 'FIELD_NOT_FOUND',
      message: `no field named ${missing.map((f) => `"${ctx.config.fieldNames[f]}"`).join(', ')} in the export's names (search with expand=names, or set fieldIds in the config); they read as empty`,
    });
  }
  return { asOf: ctx.asOf, inScope, warnings, read };
}
