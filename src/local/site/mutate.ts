// Changes to issues, recorded the way Jira records them: one history per request, one change
// item per field with field / fieldId / from / fromString / to / toString.

import type { ChangeItemJson, SiteField, SiteIssue, SiteState, SiteUser } from './model';
import {
  byName,
  fieldById,
  findIssue,
  issueTypeById,
  priorityById,
  resolutionById,
  statusById,
  findUser,
} from './lookup';
import { changelogDateString, formatJiraTimestamp, parseDate } from './time';

export class FieldErrors extends Error {
  constructor(
    public readonly errors: Record<string, string>,
    public readonly errorMessages: string[] = [],
  ) {
    super([...errorMessages, ...Object.entries(errors).map(([k, v]) => `${k}: ${v}`)].join('; '));
    this.name = 'FieldErrors';
  }
}

/** The instant of a new change: now, but never before the latest change on the site. */
export function changeInstant(state: SiteState, nowMs: number): number {
  const at = Math.max(nowMs, state.lastChangeMs + 1);
  state.lastChangeMs = at;
  return at;
}

export function appendHistory(
  state: SiteState,
  issue: SiteIssue,
  actor: SiteUser,
  atMs: number,
  items: ChangeItemJson[],
): void {
  if (items.length === 0) return;
  const created = formatJiraTimestamp(atMs, actor.utcOffsetMinutes);
  issue.histories.push({ id: String(state.counters.historyId++), author: actor.json, created, items });
  issue.updated = created;
}

export function item(
  field: string,
  fieldId: string | undefined,
  from: string | null,
  fromString: string | null,
  to: string | null,
  toString: string | null,
  fieldtype: 'jira' | 'custom' = 'jira',
): ChangeItemJson {
  const change: ChangeItemJson = { field, fieldtype, from, fromString, to, toString };
  if (fieldId !== undefined) change.fieldId = fieldId;
  return change;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** How Jira writes a custom date field's value in changelog strings: 3/Mar/26. */
export function customDateString(date: string | null): string | null {
  if (date === null) return null;
  const [y, m, d] = date.split('-');
  return `${Number(d)}/${MONTHS[Number(m) - 1]}/${y.slice(2)}`;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function adfText(node: unknown): string {
  if (!isRecord(node)) return '';
  if (typeof node.text === 'string') return node.text;
  return Array.isArray(node.content) ? node.content.map(adfText).join(node.type === 'doc' ? '\n' : '') : '';
}

function parseDuration(value: unknown): number | null {
  if (typeof value === 'number') return value;
  if (typeof value !== 'string') return null;
  const sizes: Record<string, number> = { w: 5 * 8 * 3600, d: 8 * 3600, h: 3600, m: 60 };
  const parts = value.trim().split(/\s+/);
  let total = 0;
  for (const part of parts) {
    const m = /^(\d+(?:\.\d+)?)([wdhm])$/.exec(part);
    if (!m) return null;
    total += Number(m[1]) * sizes[m[2]];
  }
  return Math.round(total);
}

function cannotSet(id: string): string {
  return `Field '${id}' cannot be set. It is not on the appropriate screen, or unknown.`;
}

/** A pending change: what to do to the issue and the changelog item it produces. */
interface Change {
  apply: () => void;
  items: ChangeItemJson[];
}

function selectOption(field: SiteField, value: unknown) {
  if (value === null) return null;
  if (!isRecord(value)) return undefined;
  const options = (field.contexts ?? []).flatMap((c) => c.options).filter((o) => !o.disabled);
  const option =
    typeof value.id === 'string'
      ? options.find((o) => o.id === value.id)
      : typeof value.value === 'string'
        ? options.find((o) => o.value === value.value)
        : undefined;
  return option;
}

/** The stored JSON of a select option, as Jira writes it in fields. */
export function optionJson(state: SiteState, option: { id: string; value: string }) {
  return {
    self: `${state.baseUrl}/rest/api/3/customFieldOption/${option.id}`,
    value: option.value,
    id: option.id,
  };
}

function customChange(state: SiteState, issue: SiteIssue, field: SiteField, value: unknown): Change | string {
  const id = field.id;
  const before = issue.custom[id] ?? null;
  const set = (next: unknown) => () => {
    if (next === null) delete issue.custom[id];
    else issue.custom[id] = next;
  };
  switch (field.kind) {
    case 'select': {
      const option = selectOption(field, value);
      if (option === undefined) return `Specify a valid 'id' or 'name' for ${field.name}`;
      const prev = isRecord(before) ? before : null;
      if ((prev?.id ?? null) === (option?.id ?? null)) return { apply: () => undefined, items: [] };
      return {
        apply: set(option ? optionJson(state, option) : null),
        items: [
          item(
            field.name,
            id,
            prev ? String(prev.id) : null,
            prev ? String(prev.value) : null,
            option?.id ?? null,
            option?.value ?? null,
            'custom',
          ),
        ],
      };
    }
    case 'date': {
      if (value !== null && (typeof value !== 'string' || Number.isNaN(parseDate(value))))
        return `Error parsing date string: ${String(value)}`;
      const next = value as string | null;
      if (before === next) return { apply: () => undefined, items: [] };
      const prev = typeof before === 'string' ? before : null;
      return {
        apply: set(next),
        items: [item(field.name, id, prev, customDateString(prev), next, customDateString(next), 'custom')],
      };
    }
    case 'number': {
      if (value !== null && (typeof value !== 'number' || !Number.isFinite(value)))
        return 'Operation value must be a number';
      const next = value as number | null;
      if (before === next) return { apply: () => undefined, items: [] };
      return {
        apply: set(next),
        items: [
          item(
            field.name,
            id,
            null,
            before === null ? null : String(before),
            null,
            next === null ? null : String(next),
            'custom',
          ),
        ],
      };
    }
    default: {
      if (value !== null && typeof value !== 'string') return `Operation value must be a string`;
      const next = value as string | null;
      if (before === next) return { apply: () => undefined, items: [] };
      return {
        apply: set(next),
        items: [item(field.name, id, null, typeof before === 'string' ? before : null, null, next, 'custom')],
      };
    }
  }
}

function userChange(
  state: SiteState,
  issue: SiteIssue,
  key: 'assigneeId' | 'reporterId',
  fieldId: string,
  value: unknown,
): Change | string {
  let nextId: string | null;
  if (value === null) nextId = null;
  else if (isRecord(value) && typeof value.accountId === 'string') {
    if (!findUser(state, value.accountId)) return `User '${value.accountId}' does not exist.`;
    nextId = value.accountId;
  } else if (isRecord(value) && value.accountId === null) nextId = null;
  else return `Specify a valid value for ${fieldId}`;
  const prevId = issue[key];
  if (prevId === nextId) return { apply: () => undefined, items: [] };
  const prevName = prevId ? (findUser(state, prevId)?.displayName ?? null) : null;
  const nextName = nextId ? (findUser(state, nextId)?.displayName ?? null) : null;
  return {
    apply: () => {
      issue[key] = nextId;
    },
    items: [item(fieldId, fieldId, prevId, prevName, nextId, nextName)],
  };
}

function labelsAfter(current: string[], value: unknown, operations: unknown): string[] | string {
  let labels = [...current];
  if (value !== undefined) {
    if (!Array.isArray(value) || value.some((l) => typeof l !== 'string'))
      return 'Labels must be a list of strings';
    labels = [...(value as string[])];
  }
  if (operations !== undefined) {
    if (!Array.isArray(operations)) return 'Labels update must be a list of operations';
    for (const op of operations) {
      if (!isRecord(op)) return 'Labels update must be a list of operations';
      if (typeof op.add === 'string' && !labels.includes(op.add)) labels.push(op.add);
      if (typeof op.remove === 'string') labels = labels.filter((l) => l !== op.remove);
      if (Array.isArray(op.set)) labels = op.set.filter((l): l is string => typeof l === 'string');
    }
  }
  if (labels.some((l) => /\s/.test(l) || l.length === 0 || l.length > 255))
    return 'The label contains spaces or is empty or too long.';
  return [...new Set(labels)];
}

/**
 * Validates every field (throws FieldErrors naming each wrong one) and returns the changes,
 * not yet applied. `fields` are `set`s; `update` supports labels add/remove/set and `set`.
 */
function planEdit(
  state: SiteState,
  issue: SiteIssue,
  fields: Record<string, unknown>,
  update: Record<string, unknown>,
): Change[] {
  const errors: Record<string, string> = {};
  const changes: Change[] = [];
  const merged: Record<string, unknown> = { ...fields };
  for (const [id, ops] of Object.entries(update)) {
    if (id === 'labels') continue;
    if (Array.isArray(ops) && ops.length === 1 && isRecord(ops[0]) && 'set' in ops[0])
      merged[id] = ops[0].set;
    else errors[id] = `Field '${id}' only supports the set operation here.`;
  }
  if ('labels' in merged || 'labels' in update) {
    const next = labelsAfter(issue.labels, merged.labels, update.labels);
    if (typeof next === 'string') errors.labels = next;
    else if (next.join(' ') !== issue.labels.join(' ')) {
      const prev = issue.labels.join(' ');
      changes.push({
        apply: () => {
          issue.labels = next;
        },
        items: [item('labels', 'labels', null, prev, null, next.join(' '))],
      });
    }
    delete merged.labels;
  }
  for (const [id, value] of Object.entries(merged)) {
    let change: Change | string;
    switch (id) {
      case 'summary':
        if (typeof value !== 'string' || value.trim() === '')
          change = 'You must specify a summary of the issue.';
        else if (value.length > 255) change = 'Summary must be less than 255 characters.';
        else if (value === issue.summary) change = { apply: () => undefined, items: [] };
        else {
          const prev = issue.summary;
          change = {
            apply: () => {
              issue.summary = value;
            },
            items: [item('summary', 'summary', null, prev, null, value)],
          };
        }
        break;
      case 'description':
        if (value !== null && (!isRecord(value) || value.type !== 'doc'))
          change = 'Operation value must be an Atlassian Document (see the Atlassian Document Format).';
        else {
          const prev = adfText(issue.description);
          change = {
            apply: () => {
              issue.description = value;
            },
            items: [item('description', 'description', null, prev || null, null, adfText(value) || null)],
          };
        }
        break;
      case 'duedate': {
        if (value !== null && (typeof value !== 'string' || Number.isNaN(parseDate(value)))) {
          change = `Error parsing date string: ${String(value)}`;
          break;
        }
        const next = value as string | null;
        const prev = issue.duedate;
        change =
          prev === next
            ? { apply: () => undefined, items: [] }
            : {
                apply: () => {
                  issue.duedate = next;
                },
                items: [
                  item(
                    'duedate',
                    'duedate',
                    prev,
                    changelogDateString(prev),
                    next,
                    changelogDateString(next),
                  ),
                ],
              };
        break;
      }
      case 'priority': {
        const wanted = isRecord(value)
          ? typeof value.id === 'string'
            ? priorityById(state, value.id)
            : typeof value.name === 'string'
              ? byName(state.priorities, value.name)
              : undefined
          : undefined;
        if (!wanted) {
          change = 'Specify a valid priority.';
          break;
        }
        const prev = issue.priorityId ? priorityById(state, issue.priorityId) : undefined;
        change =
          prev?.id === wanted.id
            ? { apply: () => undefined, items: [] }
            : {
                apply: () => {
                  issue.priorityId = wanted.id;
                },
                items: [
                  item('priority', 'priority', prev?.id ?? null, prev?.name ?? null, wanted.id, wanted.name),
                ],
              };
        break;
      }
      case 'assignee':
        change = userChange(state, issue, 'assigneeId', 'assignee', value);
        break;
      case 'reporter':
        change = userChange(state, issue, 'reporterId', 'reporter', value);
        break;
      case 'parent': {
        const ref = isRecord(value)
          ? typeof value.key === 'string'
            ? value.key
            : typeof value.id === 'string'
              ? value.id
              : null
          : null;
        const parent = ref ? findIssue(state, ref) : undefined;
        if (value !== null && !parent) {
          change = 'Could not find issue by id or key.';
          break;
        }
        if (parent) {
          const problem = parentProblem(state, issue.issueTypeId, parent);
          if (problem) {
            change = problem;
            break;
          }
        }
        const prevParent = issue.parentId ? findIssue(state, issue.parentId) : undefined;
        change =
          (prevParent?.id ?? null) === (parent?.id ?? null)
            ? { apply: () => undefined, items: [] }
            : {
                apply: () => {
                  issue.parentId = parent?.id ?? null;
                },
                items: [
                  item(
                    'IssueParentAssociation',
                    undefined,
                    prevParent?.id ?? null,
                    prevParent?.key ?? null,
                    parent?.id ?? null,
                    parent?.key ?? null,
                  ),
                ],
              };
        break;
      }
      case 'timetracking': {
        if (!isRecord(value)) {
          change = 'Time tracking must be an object.';
          break;
        }
        const original =
          value.originalEstimate === undefined ? undefined : parseDuration(value.originalEstimate);
        const remaining =
          value.remainingEstimate === undefined ? undefined : parseDuration(value.remainingEstimate);
        if (original === null || remaining === null) {
          change = 'The format of the time estimate is not valid. Use formats like 4d, 5h 30m, or 60m.';
          break;
        }
        const items: ChangeItemJson[] = [];
        const prevOriginal = issue.timeoriginalestimate;
        const prevRemaining = issue.timeestimate;
        const nextRemaining =
          remaining ?? (prevRemaining === null && original !== undefined ? original : prevRemaining);
        if (original !== undefined && original !== prevOriginal) {
          items.push(
            item(
              'timeoriginalestimate',
              'timeoriginalestimate',
              str(prevOriginal),
              str(prevOriginal),
              str(original),
              str(original),
            ),
          );
        }
        if (nextRemaining !== prevRemaining) {
          items.push(
            item(
              'timeestimate',
              'timeestimate',
              str(prevRemaining),
              str(prevRemaining),
              str(nextRemaining),
              str(nextRemaining),
            ),
          );
        }
        change = {
          apply: () => {
            if (original !== undefined) issue.timeoriginalestimate = original;
            issue.timeestimate = nextRemaining;
          },
          items,
        };
        break;
      }
      default: {
        const field = fieldById(state, id);
        change = field?.custom ? customChange(state, issue, field, value) : cannotSet(id);
      }
    }
    if (typeof change === 'string') errors[id] = change;
    else changes.push(change);
  }
  if (Object.keys(errors).length > 0) throw new FieldErrors(errors);
  return changes;
}

/** Applies an edit as one history; nothing changes when any field is wrong. */
export function editIssue(
  state: SiteState,
  issue: SiteIssue,
  actor: SiteUser,
  nowMs: number,
  fields: Record<string, unknown>,
  update: Record<string, unknown> = {},
): void {
  const changes = planEdit(state, issue, fields, update);
  for (const c of changes) c.apply();
  appendHistory(
    state,
    issue,
    actor,
    nowMs,
    changes.flatMap((c) => c.items),
  );
}

function str(n: number | null): string | null {
  return n === null ? null : String(n);
}

/** Why `parent` cannot be the parent of an issue of this type, or null when it can. */
export function parentProblem(state: SiteState, issueTypeId: string, parent: SiteIssue): string | null {
  const childLevel = issueTypeById(state, issueTypeId).hierarchyLevel;
  const parentLevel = issueTypeById(state, parent.issueTypeId).hierarchyLevel;
  return parentLevel === childLevel + 1
    ? null
    : 'Given parent work item does not belong to appropriate hierarchy.';
}

/** Transition ids are per workflow position, as Jira numbers them: 11, 21, 31, ... */
export function transitionsOf(state: SiteState, issue: SiteIssue) {
  const type = issueTypeById(state, issue.issueTypeId);
  return type.workflow
    .map((statusId, index) => ({ id: String(index * 10 + 11), status: statusById(state, statusId) }))
    .filter((t) => t.status.id !== issue.statusId);
}

export function transitionIssue(
  state: SiteState,
  issue: SiteIssue,
  actor: SiteUser,
  nowMs: number,
  transitionId: string,
  fields: Record<string, unknown> = {},
): void {
  const transition = transitionsOf(state, issue).find((t) => t.id === transitionId);
  if (!transition) {
    throw new FieldErrors({}, [`Transition id '${transitionId}' is not valid for this issue.`]);
  }
  const { resolution, ...otherFields } = fields;
  const from = statusById(state, issue.statusId);
  const to = transition.status;
  const items: ChangeItemJson[] = [item('status', 'status', from.id, from.name, to.id, to.name)];
  const prevResolution = issue.resolutionId ? resolutionById(state, issue.resolutionId) : undefined;
  let nextResolution: typeof prevResolution;
  if (to.category === 'done') {
    if (resolution !== undefined) {
      const r = isRecord(resolution)
        ? typeof resolution.id === 'string'
          ? resolutionById(state, resolution.id)
          : typeof resolution.name === 'string'
            ? byName(state.resolutions, resolution.name)
            : undefined
        : undefined;
      if (!r) throw new FieldErrors({ resolution: 'Specify a valid resolution.' });
      nextResolution = r;
    } else
      nextResolution =
        prevResolution ?? byName(state.resolutions, to.resolution ?? 'Done') ?? state.resolutions[0];
  } else {
    if (resolution !== undefined) throw new FieldErrors({ resolution: cannotSet('resolution') });
    nextResolution = undefined;
  }
  if ((prevResolution?.id ?? null) !== (nextResolution?.id ?? null)) {
    items.push(
      item(
        'resolution',
        'resolution',
        prevResolution?.id ?? null,
        prevResolution?.name ?? null,
        nextResolution?.id ?? null,
        nextResolution?.name ?? null,
      ),
    );
  }
  // Fields on the transition screen are validated before anything moves, and share its history.
  const edits = planEdit(state, issue, otherFields, {});
  const created = formatJiraTimestamp(nowMs, actor.utcOffsetMinutes);
  issue.statusId = to.id;
  if (from.category !== to.category) issue.statuscategorychangedate = created;
  issue.resolutionId = nextResolution?.id ?? null;
  if (!prevResolution && nextResolution) issue.resolutiondate = created;
  if (!nextResolution) issue.resolutiondate = null;
  for (const c of edits) c.apply();
  appendHistory(state, issue, actor, nowMs, [...items, ...edits.flatMap((c) => c.items)]);
}

function refOf(value: unknown): string | null {
  if (!isRecord(value)) return null;
  if (typeof value.id === 'string') return value.id;
  if (typeof value.key === 'string') return value.key;
  if (typeof value.name === 'string') return value.name;
  return null;
}

/**
 * Creates an issue from a POST /issue body's `fields`. `canCreateIn` says whether the actor
 * may create issues in a project; a project they cannot browse reads as unknown.
 */
export function createIssue(
  state: SiteState,
  actor: SiteUser,
  nowMs: number,
  fields: Record<string, unknown>,
  canSeeProject: (projectId: string) => boolean,
): SiteIssue {
  const errors: Record<string, string> = {};
  const { project: projectRef, issuetype: typeRef, summary, parent: parentRef, ...rest } = fields;
  const projectKey = refOf(projectRef);
  const project = projectKey
    ? state.projects.find((p) => p.id === projectKey || p.key === projectKey.toUpperCase())
    : undefined;
  if (!project || !canSeeProject(project.id)) errors.project = 'valid project is required';
  const typeKey = refOf(typeRef);
  const type = typeKey
    ? state.issueTypes.find((t) => t.id === typeKey || t.name.toLowerCase() === typeKey.toLowerCase())
    : undefined;
  if (!type) errors.issuetype = typeKey ? 'The issue type selected is invalid.' : 'Specify an issue type';
  if (typeof summary !== 'string' || summary.trim() === '')
    errors.summary = 'You must specify a summary of the issue.';
  let parentId: string | null = null;
  if (parentRef !== undefined && parentRef !== null) {
    const ref = refOf(parentRef);
    const parent = ref ? findIssue(state, ref) : undefined;
    if (!parent || !canSeeProject(parent.projectId)) errors.parent = 'Could not find issue by id or key.';
    else if (type) {
      const problem = parentProblem(state, type.id, parent);
      if (problem) errors.parent = problem;
      else parentId = parent.id;
    }
  } else if (type?.subtask)
    errors.parent = 'Given parent work item does not belong to appropriate hierarchy.';
  if (Object.keys(errors).length > 0 || !project || !type) throw new FieldErrors(errors);

  const created = formatJiraTimestamp(nowMs, actor.utcOffsetMinutes);
  const number = (state.counters.issueNumber[project.key] ?? 0) + 1;
  const medium = byName(state.priorities, 'Medium');
  const issue: SiteIssue = {
    id: String(state.counters.issueId),
    key: `${project.key}-${number}`,
    projectId: project.id,
    issueTypeId: type.id,
    statusId: type.workflow[0],
    priorityId: medium?.id ?? null,
    resolutionId: null,
    assigneeId: null,
    reporterId: actor.accountId,
    creatorId: actor.accountId,
    parentId,
    summary: summary as string,
    description: null,
    created,
    updated: created,
    resolutiondate: null,
    statuscategorychangedate: created,
    duedate: null,
    labels: [],
    timeoriginalestimate: null,
    timeestimate: null,
    timespent: null,
    custom: {},
    links: [],
    histories: [],
    properties: {},
    remoteLinks: [],
  };
  const changes = planEdit(state, issue, rest, {});
  for (const c of changes) c.apply();
  state.counters.issueId++;
  state.counters.issueNumber[project.key] = number;
  state.issues.push(issue);
  return issue;
}
