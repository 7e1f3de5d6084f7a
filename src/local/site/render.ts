// Site data → the JSON Jira Cloud answers with (shapes per jira-cloud-platform.openapi.json).

import type {
  HistoryJson,
  SiteField,
  SiteIssue,
  SiteIssueType,
  SiteNamedThing,
  SiteProject,
  SiteState,
  SiteStatus,
  SiteUser,
  StatusCategoryKey,
} from './model';
import {
  fieldById,
  issueById,
  issueTypeById,
  priorityById,
  projectById,
  resolutionById,
  statusById,
  findUser,
} from './lookup';

export const ISSUE_EXPAND = 'operations,versionedRepresentations,editmeta,changelog,renderedFields';

/** Jira embeds at most this many histories (the most recent) in a search result's changelog. */
export const SEARCH_CHANGELOG_LIMIT = 40;
/** ... and at most this many in a single issue's changelog. */
export const ISSUE_CHANGELOG_LIMIT = 100;

const CATEGORIES: Record<StatusCategoryKey, { id: number; colorName: string; name: string }> = {
  new: { id: 2, colorName: 'blue-gray', name: 'To Do' },
  indeterminate: { id: 4, colorName: 'yellow', name: 'In Progress' },
  done: { id: 3, colorName: 'green', name: 'Done' },
};

export function statusCategoryJson(state: SiteState, key: StatusCategoryKey) {
  const c = CATEGORIES[key];
  return {
    self: `${state.baseUrl}/rest/api/3/statuscategory/${c.id}`,
    id: c.id,
    key,
    colorName: c.colorName,
    name: c.name,
  };
}

// Rendered JSON of configuration objects is shared by every issue that shows them (they are
// only ever serialised), so a 100k-issue export does not build 100k copies.
const rendered = new WeakMap<object, Record<string, unknown>>();

function cached<T extends object, J extends Record<string, unknown>>(key: T, build: () => J): J {
  let json = rendered.get(key);
  if (!json) {
    json = build();
    rendered.set(key, json);
  }
  return json as J;
}

export function statusJson(state: SiteState, status: SiteStatus) {
  return cached(status, () => ({
    self: `${state.baseUrl}/rest/api/3/status/${status.id}`,
    description: status.description,
    iconUrl: `${state.baseUrl}/images/icons/status_generic.gif`,
    name: status.name,
    untranslatedName: status.name,
    id: status.id,
    statusCategory: statusCategoryJson(state, status.category),
  }));
}

export function issueTypeJson(state: SiteState, type: SiteIssueType) {
  return cached(type, () => ({
    self: `${state.baseUrl}/rest/api/3/issuetype/${type.id}`,
    id: type.id,
    description: type.description,
    iconUrl: `${state.baseUrl}/rest/api/2/universal_avatar/view/type/issuetype/avatar/${type.avatarId}?size=medium`,
    name: type.name,
    subtask: type.subtask,
    avatarId: type.avatarId,
    hierarchyLevel: type.hierarchyLevel,
  }));
}

export function priorityJson(state: SiteState, priority: SiteNamedThing) {
  return cached(priority, () => ({
    self: `${state.baseUrl}/rest/api/3/priority/${priority.id}`,
    iconUrl: `${state.baseUrl}/images/icons/priorities/${priority.name.toLowerCase()}.svg`,
    name: priority.name,
    id: priority.id,
  }));
}

export function resolutionJson(state: SiteState, resolution: SiteNamedThing) {
  return cached(resolution, () => ({
    self: `${state.baseUrl}/rest/api/3/resolution/${resolution.id}`,
    id: resolution.id,
    description: resolution.description,
    name: resolution.name,
  }));
}

export function avatarUrls(seed: string) {
  const base = `https://avatar-management--avatars.us-west-2.prod.public.atl-paas.net/initials/${seed}`;
  return {
    '16x16': `${base}-16.png`,
    '24x24': `${base}-24.png`,
    '32x32': `${base}-32.png`,
    '48x48': `${base}-48.png`,
  };
}

export function projectRefJson(state: SiteState, project: SiteProject) {
  return cached(project, () => ({
    self: `${state.baseUrl}/rest/api/3/project/${project.id}`,
    id: project.id,
    key: project.key,
    name: project.name,
    projectTypeKey: project.projectTypeKey,
    simplified: false,
    avatarUrls: avatarUrls(project.key),
  }));
}

/** The full User bean (myself, user, user search). */
export function userBeanJson(state: SiteState, user: SiteUser, expandGroups = false) {
  const bean: Record<string, unknown> = {
    self: user.json.self,
    accountId: user.accountId,
    accountType: user.accountType,
    emailAddress: user.emailAddress,
    avatarUrls: user.json.avatarUrls,
    displayName: user.displayName,
    active: user.active,
    timeZone: user.timeZone,
    locale: user.locale,
    groups: {
      size: user.groups.length,
      items: expandGroups ? user.groups.map((name) => groupNameJson(state, name)) : [],
    },
    applicationRoles: { size: 1, items: [] },
    expand: 'groups,applicationRoles',
  };
  return bean;
}

export function groupNameJson(state: SiteState, name: string) {
  const group = state.groups.find((g) => g.name === name);
  return {
    name,
    groupId: group?.groupId ?? null,
    self: `${state.baseUrl}/rest/api/3/group?groupId=${group?.groupId ?? ''}`,
  };
}

function userRef(state: SiteState, accountId: string | null) {
  if (accountId === null) return null;
  return findUser(state, accountId)?.json ?? null;
}

function secondsToDuration(seconds: number): string {
  const parts: string[] = [];
  let rest = Math.round(seconds / 60);
  const units: Array<[string, number]> = [
    ['w', 5 * 8 * 60],
    ['d', 8 * 60],
    ['h', 60],
    ['m', 1],
  ];
  for (const [unit, size] of units) {
    const n = Math.floor(rest / size);
    if (n > 0) parts.push(`${n}${unit}`);
    rest -= n * size;
  }
  return parts.length ? parts.join(' ') : '0m';
}

function issueSummaryRef(state: SiteState, issue: SiteIssue) {
  return {
    id: issue.id,
    key: issue.key,
    self: `${state.baseUrl}/rest/api/3/issue/${issue.id}`,
    fields: {
      summary: issue.summary,
      status: statusJson(state, statusById(state, issue.statusId)),
      priority: issue.priorityId ? priorityJsonOrNull(state, issue.priorityId) : null,
      issuetype: issueTypeJson(state, issueTypeById(state, issue.issueTypeId)),
    },
  };
}

function priorityJsonOrNull(state: SiteState, id: string) {
  const p = priorityById(state, id);
  return p ? priorityJson(state, p) : null;
}

// Inverse issue links (links stored on the other issue), cached per state until a link is added.
const inwardCache = new WeakMap<
  SiteState,
  {
    version: number;
    count: number;
    map: Map<string, Array<{ linkId: string; typeId: string; fromId: string }>>;
  }
>();

function inwardLinks(state: SiteState, issueId: string) {
  let cached = inwardCache.get(state);
  if (!cached || cached.version !== state.counters.issueLinkId || cached.count !== state.issues.length) {
    const map = new Map<string, Array<{ linkId: string; typeId: string; fromId: string }>>();
    for (const issue of state.issues) {
      for (const link of issue.links) {
        const list = map.get(link.outwardIssueId) ?? [];
        list.push({ linkId: link.id, typeId: link.typeId, fromId: issue.id });
        map.set(link.outwardIssueId, list);
      }
    }
    cached = { version: state.counters.issueLinkId, count: state.issues.length, map };
    inwardCache.set(state, cached);
  }
  return cached.map.get(issueId) ?? [];
}

function linkTypeJson(state: SiteState, typeId: string) {
  const type = state.issueLinkTypes.find((t) => t.id === typeId);
  return {
    id: typeId,
    name: type?.name ?? 'Relates',
    inward: type?.inward ?? 'relates to',
    outward: type?.outward ?? 'relates to',
    self: `${state.baseUrl}/rest/api/3/issueLinkType/${typeId}`,
  };
}

function issueLinksJson(state: SiteState, issue: SiteIssue) {
  const out: unknown[] = [];
  for (const link of issue.links) {
    const other = issueById(state, link.outwardIssueId);
    if (!other) continue;
    out.push({
      id: link.id,
      self: `${state.baseUrl}/rest/api/3/issueLink/${link.id}`,
      type: linkTypeJson(state, link.typeId),
      outwardIssue: issueSummaryRef(state, other),
    });
  }
  for (const link of inwardLinks(state, issue.id)) {
    const other = issueById(state, link.fromId);
    if (!other) continue;
    out.push({
      id: link.linkId,
      self: `${state.baseUrl}/rest/api/3/issueLink/${link.linkId}`,
      type: linkTypeJson(state, link.typeId),
      inwardIssue: issueSummaryRef(state, other),
    });
  }
  return out;
}

/** The value of one field of an issue as Jira writes it; undefined = not a field of this site. */
export function fieldValue(state: SiteState, issue: SiteIssue, fieldId: string): unknown {
  switch (fieldId) {
    case 'summary':
      return issue.summary;
    case 'description':
      return issue.description ?? null;
    case 'created':
      return issue.created;
    case 'updated':
      return issue.updated;
    case 'labels':
      return issue.labels;
    case 'issuetype':
      return issueTypeJson(state, issueTypeById(state, issue.issueTypeId));
    case 'project':
      return projectRefJson(state, projectById(state, issue.projectId));
    case 'priority':
      return issue.priorityId ? priorityJsonOrNull(state, issue.priorityId) : null;
    case 'assignee':
      return userRef(state, issue.assigneeId);
    case 'reporter':
      return userRef(state, issue.reporterId);
    case 'creator':
      return userRef(state, issue.creatorId);
    case 'resolution': {
      const r = issue.resolutionId ? resolutionById(state, issue.resolutionId) : undefined;
      return r ? resolutionJson(state, r) : null;
    }
    case 'resolutiondate':
      return issue.resolutiondate;
    case 'duedate':
      return issue.duedate;
    case 'status':
      return statusJson(state, statusById(state, issue.statusId));
    case 'statusCategory':
      return statusCategoryJson(state, statusById(state, issue.statusId).category);
    case 'statuscategorychangedate':
      return issue.statuscategorychangedate;
    case 'timeoriginalestimate':
      return issue.timeoriginalestimate;
    case 'timeestimate':
      return issue.timeestimate;
    case 'timespent':
      return issue.timespent;
    case 'timetracking': {
      const t: Record<string, unknown> = {};
      if (issue.timeoriginalestimate !== null) {
        t.originalEstimate = secondsToDuration(issue.timeoriginalestimate);
        t.originalEstimateSeconds = issue.timeoriginalestimate;
      }
      if (issue.timeestimate !== null) {
        t.remainingEstimate = secondsToDuration(issue.timeestimate);
        t.remainingEstimateSeconds = issue.timeestimate;
      }
      if (issue.timespent !== null) {
        t.timeSpent = secondsToDuration(issue.timespent);
        t.timeSpentSeconds = issue.timespent;
      }
      return t;
    }
    case 'parent': {
      const parent = issue.parentId ? issueById(state, issue.parentId) : undefined;
      return parent ? issueSummaryRef(state, parent) : undefined;
    }
    case 'issuelinks':
      return issueLinksJson(state, issue);
    default: {
      const field = fieldById(state, fieldId);
      if (!field || !field.custom) return undefined;
      return issue.custom[fieldId] ?? null;
    }
  }
}

/**
 * Which fields a `fields` parameter asks for. `*all`, `*navigable`, ids, and `-id` exclusions;
 * unknown ids are ignored, as Jira does.
 */
export function selectFields(state: SiteState, requested: readonly string[]): SiteField[] {
  const wanted = new Set<string>();
  const excluded = new Set<string>();
  for (const raw of requested) {
    for (const part of raw.split(',')) {
      const name = part.trim();
      if (!name) continue;
      if (name === '*all') state.fields.forEach((f) => wanted.add(f.id));
      else if (name === '*navigable')
        state.fields.filter((f) => f.navigable).forEach((f) => wanted.add(f.id));
      else if (name.startsWith('-')) excluded.add(name.slice(1));
      else wanted.add(name);
    }
  }
  const out: SiteField[] = [];
  for (const id of wanted) {
    if (excluded.has(id)) continue;
    const field = fieldById(state, id) ?? state.fields.find((f) => f.key === id);
    if (field) out.push(field);
  }
  return out;
}

export function changelogPage(histories: readonly HistoryJson[], limit: number) {
  const total = histories.length;
  const shown: HistoryJson[] = [];
  for (let i = total - 1; i >= 0 && shown.length < limit; i--) shown.push(histories[i]);
  return { startAt: 0, maxResults: total > limit ? limit : shown.length, total, histories: shown };
}

export interface RenderOptions {
  fields: readonly SiteField[];
  expand: ReadonlySet<string>;
  /** How many histories to embed with expand=changelog. */
  changelogLimit: number;
  properties?: readonly string[];
}

export function renderIssue(
  state: SiteState,
  issue: SiteIssue,
  options: RenderOptions,
): Record<string, unknown> {
  const json: Record<string, unknown> = {
    expand: ISSUE_EXPAND,
    id: issue.id,
    self: `${state.baseUrl}/rest/api/3/issue/${issue.id}`,
    key: issue.key,
  };
  if (options.fields.length > 0) {
    const fields: Record<string, unknown> = {};
    for (const field of options.fields) {
      const value = fieldValue(state, issue, field.id);
      if (value !== undefined) fields[field.id] = value;
    }
    json.fields = fields;
  }
  if (options.properties && options.properties.length > 0) {
    const props: Record<string, unknown> = {};
    const all = options.properties.includes('*all');
    for (const key of all ? Object.keys(issue.properties) : options.properties) {
      if (key in issue.properties) props[key] = issue.properties[key];
    }
    json.properties = props;
  }
  if (options.expand.has('changelog'))
    json.changelog = changelogPage(issue.histories, options.changelogLimit);
  if (options.expand.has('renderedFields')) json.renderedFields = {};
  return json;
}

/** `names` for the fields shown: id → display name. */
export function namesOf(fields: readonly SiteField[]): Record<string, string> {
  const names: Record<string, string> = {};
  for (const field of fields) names[field.id] = field.name;
  return names;
}

export function schemaOf(fields: readonly SiteField[]): Record<string, unknown> {
  const schema: Record<string, unknown> = {};
  for (const field of fields) if (field.schema) schema[field.id] = field.schema;
  return schema;
}

export function fieldDetailsJson(field: SiteField) {
  const json: Record<string, unknown> = {
    id: field.id,
    key: field.key,
    name: field.name,
    custom: field.custom,
    orderable: field.orderable,
    navigable: field.navigable,
    searchable: field.searchable,
    clauseNames: field.clauseNames,
  };
  if (field.schema) json.schema = field.schema;
  return json;
}

/** With Jira's `scope` for a team-managed project's own type. */
export function issueTypeDetailsJson(state: SiteState, type: SiteIssueType) {
  return type.scopeProjectId === undefined
    ? { ...issueTypeJson(state, type) }
    : { ...issueTypeJson(state, type), scope: { type: 'PROJECT', project: { id: type.scopeProjectId } } };
}
