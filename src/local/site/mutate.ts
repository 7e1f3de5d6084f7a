// Writes to issues as Jira makes them: an edit, a transition (with its screen's fields) and a
// create, each recorded as one history (changelog.ts); the fields are validated by planEdit.

import { appendHistory, item } from './changelog';
import { parentProblem, planEdit } from './edit-plan';
import { cannotSet } from './field-changes';
import { FieldErrors } from './field-errors';
import { isRecord } from './http';
import { byName, findIssue, issueTypeById, resolutionById, statusById } from './lookup';
import type { ChangeItemJson, SiteIssue, SiteState, SiteUser } from './model';
import { formatJiraTimestamp } from './time';

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
