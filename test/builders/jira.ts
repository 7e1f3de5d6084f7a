/**
 * Test builders for Jira search JSON: `anIssue({...})` for one issue, `anImplementation({...})`
 * for an implementation with its children. Every field has a plain default; a test states only
 * what its rule is about. Custom fields are given by name and land in `fields` under the ids of
 * TEST_NAMES, exactly as `expand=names` would report them.
 */
import type { JiraChangelogItem, JiraHistory, JiraIssue, JiraNames } from '../../src/domain';

export const TEST_NAMES: JiraNames = {
  customfield_10001: 'Contract Signed',
  customfield_10002: 'Kickoff Date',
  customfield_10003: 'First Value Date',
  customfield_10004: 'Go-Live Date',
  customfield_10005: 'Complexity',
  customfield_10006: 'Segment',
  customfield_10007: 'CSAT',
  customfield_10008: 'Probability',
  customfield_10009: 'Impact',
  customfield_10010: 'Baseline Due',
  customfield_10011: 'Gate Type',
  customfield_10012: 'Integration Runs',
  customfield_10013: 'Failed Runs',
  customfield_10014: 'Records Expected',
  customfield_10015: 'Records Reconciled',
  customfield_10016: 'Stakeholder Confidence',
};
const idOf = new Map(Object.entries(TEST_NAMES).map(([id, name]) => [name, id]));

export type CustomFieldName = (typeof TEST_NAMES)[keyof typeof TEST_NAMES];

export interface IssueSpec {
  key?: string;
  type?: string;
  hierarchyLevel?: number;
  summary?: string;
  labels?: string[];
  created?: string;
  status?: string;
  statusCategory?: 'new' | 'indeterminate' | 'done';
  resolution?: string | null;
  resolutiondate?: string | null;
  duedate?: string | null;
  priority?: string | null;
  parent?: string;
  originalEstimate?: number | null;
  timeSpent?: number | null;
  /** Custom fields by name (`{ 'Kickoff Date': '2026-01-10' }`); select values as plain strings. */
  custom?: Partial<Record<string, unknown>>;
  histories?: JiraHistory[];
  /** Raw fields, applied last (to write bad data on purpose). */
  fields?: Record<string, unknown>;
}

const SELECTS = new Set(['Complexity', 'Segment', 'Gate Type', 'Probability', 'Impact']);
let counter = 0;

/** A done issue: resolved at `at` (a Jira timestamp), status Done. */
export function done(
  at: string,
  resolution = 'Done',
): Pick<IssueSpec, 'status' | 'statusCategory' | 'resolution' | 'resolutiondate'> {
  return { status: 'Done', statusCategory: 'done', resolution, resolutiondate: at };
}

export function anIssue(spec: IssueSpec = {}): JiraIssue {
  const key = spec.key ?? `T-${++counter}`;
  const fields: Record<string, unknown> = {
    summary: spec.summary ?? `Issue ${key}`,
    created: spec.created ?? '2026-01-01T09:00:00.000+0000',
    labels: spec.labels ?? [],
    issuetype: { name: spec.type ?? 'Task', hierarchyLevel: spec.hierarchyLevel ?? 0 },
    project: { key: key.split('-')[0] },
    status: { name: spec.status ?? 'To Do', statusCategory: { key: spec.statusCategory ?? 'new' } },
    resolution: spec.resolution === undefined || spec.resolution === null ? null : { name: spec.resolution },
    resolutiondate: spec.resolutiondate ?? null,
    duedate: spec.duedate ?? null,
    priority: spec.priority === null ? null : { name: spec.priority ?? 'Medium' },
    timeoriginalestimate: spec.originalEstimate ?? null,
    timespent: spec.timeSpent ?? null,
  };
  if (spec.parent !== undefined) fields.parent = { key: spec.parent };
  for (const [name, value] of Object.entries(spec.custom ?? {})) {
    const id = idOf.get(name);
    if (id === undefined) throw new Error(`no test field named ${name}`);
    fields[id] = SELECTS.has(name) && typeof value === 'string' ? { value } : value;
  }
  Object.assign(fields, spec.fields ?? {});
  return { key, id: String(10000 + counter), fields, changelog: { histories: spec.histories ?? [] } };
}

export interface ImplementationSpec extends IssueSpec {
  children?: IssueSpec[];
}

/** An implementation (Epic labelled `implementation`) and its children, parent first. */
export function anImplementation(spec: ImplementationSpec = {}): JiraIssue[] {
  const { children = [], ...own } = spec;
  const root = anIssue({
    type: 'Epic',
    hierarchyLevel: 1,
    status: 'In Progress',
    statusCategory: 'indeterminate',
    ...own,
    labels: own.labels ?? ['implementation'],
  });
  return [root, ...children.map((c) => anIssue({ ...c, parent: root.key }))];
}

export function history(created: string, ...items: JiraChangelogItem[]): JiraHistory {
  return { id: String(++counter), created, items };
}

export function statusChange(from: string, to: string): JiraChangelogItem {
  return {
    field: 'status',
    fieldtype: 'jira',
    fieldId: 'status',
    from: '1',
    fromString: from,
    to: '2',
    toString: to,
  };
}

export function resolutionSet(name = 'Done'): JiraChangelogItem {
  return {
    field: 'resolution',
    fieldtype: 'jira',
    fieldId: 'resolution',
    from: null,
    fromString: null,
    to: '10000',
    toString: name,
  };
}

/** A reopen: the resolution goes from a value to empty. */
export function resolutionCleared(name = 'Done'): JiraChangelogItem {
  return {
    field: 'resolution',
    fieldtype: 'jira',
    fieldId: 'resolution',
    from: '10000',
    fromString: name,
    to: null,
    toString: null,
  };
}

export function dueDateChange(from: string | null, to: string | null): JiraChangelogItem {
  return {
    field: 'duedate',
    fieldtype: 'jira',
    fieldId: 'duedate',
    from,
    fromString: from === null ? null : `${from} 00:00:00.0`,
    to,
    toString: to === null ? null : `${to} 00:00:00.0`,
  };
}
