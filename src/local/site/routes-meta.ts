// Site configuration and identity: fields (with contexts and options), issue types, projects,
// statuses, priorities, resolutions, link types, users, groups and permissions.

import type { ProjectPermissionKey, SiteField, SiteIssueType, SiteProject, SiteUser } from './model';
import { CUSTOM_FIELD_TYPES, newCustomField } from './custom-fields';
import {
  INVALID_PAYLOAD,
  ISSUE_NOT_FOUND,
  intParam,
  isRecord,
  jiraError,
  json,
  listParam,
  type Route,
  type RouteContext,
} from './http';
import { byName, fieldById, findIssue, findProject, findUser, statusById } from './lookup';
import { changeInstant } from './changelog';
import { canBrowseIssue, hasGlobalPermission, hasProjectPermission, isAdmin } from './permissions';
import {
  avatarUrls,
  fieldDetailsJson,
  groupNameJson,
  issueTypeDetailsJson,
  priorityJson,
  resolutionJson,
  statusCategoryJson,
  statusJson,
  userBeanJson,
} from './render';
import { formatIsoInstant } from './time';

const ADMIN_ONLY = 'You are not authorized to perform this action. Administrator privileges are required.';
const USER_NOT_FOUND = 'Specified user does not exist or you do not have required permissions';

const projectNotFound = (key: string) => jiraError(404, `No project could be found with key '${key}'.`);

// ---- fields -------------------------------------------------------------------------------

function getFields(ctx: RouteContext) {
  return json(200, ctx.state.fields.map(fieldDetailsJson));
}

function postField(ctx: RouteContext) {
  if (!isAdmin(ctx.state, ctx.user)) return jiraError(403, ADMIN_ONLY);
  const body = ctx.body;
  if (!isRecord(body)) return jiraError(400, INVALID_PAYLOAD);
  const errors: Record<string, string> = {};
  if (typeof body.name !== 'string' || body.name.trim() === '')
    errors.name = 'The custom field name is required.';
  if (typeof body.type !== 'string' || !CUSTOM_FIELD_TYPES.includes(body.type))
    errors.type = `The custom field type '${String(body.type)}' is not valid.`;
  if (Object.keys(errors).length > 0) return jiraError(400, [], errors);
  // Jira allows several custom fields with the same name; callers must check before creating.
  changeInstant(ctx.state, ctx.nowMs);
  const field = newCustomField(
    ctx.state.counters,
    (body.name as string).trim(),
    body.type as string,
    typeof body.description === 'string' ? body.description : undefined,
  );
  ctx.state.fields.push(field);
  return json(201, fieldDetailsJson(field));
}

function customField(ctx: RouteContext): SiteField | ReturnType<typeof jiraError> {
  if (!isAdmin(ctx.state, ctx.user)) return jiraError(403, ADMIN_ONLY);
  const field = fieldById(ctx.state, ctx.params.fieldId);
  if (!field || !field.custom || !field.contexts) return jiraError(404, 'The custom field was not found.');
  return field;
}

function isField(value: SiteField | ReturnType<typeof jiraError>): value is SiteField {
  return 'clauseNames' in value;
}

function page<T>(ctx: RouteContext, all: T[], defaultMax: number, selfPath: string) {
  const startAt = Math.max(intParam(ctx.query, 'startAt', 0) ?? 0, 0);
  const maxResults = Math.min(
    Math.max(intParam(ctx.query, 'maxResults', defaultMax) ?? defaultMax, 1),
    defaultMax,
  );
  const values = all.slice(startAt, startAt + maxResults);
  const isLast = startAt + values.length >= all.length;
  const sep = selfPath.includes('?') ? '&' : '?';
  const body: Record<string, unknown> = {
    self: `${ctx.state.baseUrl}${selfPath}${sep}startAt=${startAt}&maxResults=${maxResults}`,
    maxResults,
    startAt,
    total: all.length,
    isLast,
    values,
  };
  if (!isLast)
    body.nextPage = `${ctx.state.baseUrl}${selfPath}${sep}startAt=${startAt + values.length}&maxResults=${maxResults}`;
  return json(200, body);
}

function getFieldContexts(ctx: RouteContext) {
  const field = customField(ctx);
  if (!isField(field)) return field;
  const contexts = (field.contexts ?? []).map(
    ({ id, name, description, isGlobalContext, isAnyIssueType }) => ({
      id,
      name,
      description,
      isGlobalContext,
      isAnyIssueType,
    }),
  );
  return page(ctx, contexts, 100, `/rest/api/3/field/${field.id}/context`);
}

function postFieldContext(ctx: RouteContext) {
  const field = customField(ctx);
  if (!isField(field)) return field;
  const body = ctx.body;
  if (!isRecord(body) || typeof body.name !== 'string' || body.name.trim() === '')
    return jiraError(400, [], { name: 'The context name is required.' });
  const projectIds = Array.isArray(body.projectIds)
    ? body.projectIds.filter((p): p is string => typeof p === 'string')
    : [];
  const issueTypeIds = Array.isArray(body.issueTypeIds)
    ? body.issueTypeIds.filter((p): p is string => typeof p === 'string')
    : [];
  const context = {
    id: String(ctx.state.counters.contextId++),
    name: body.name,
    description: typeof body.description === 'string' ? body.description : '',
    isGlobalContext: projectIds.length === 0,
    isAnyIssueType: issueTypeIds.length === 0,
    options: [],
  };
  field.contexts?.push(context);
  return json(201, {
    id: context.id,
    name: context.name,
    description: context.description,
    projectIds,
    issueTypeIds,
  });
}

function fieldContext(ctx: RouteContext) {
  const field = customField(ctx);
  if (!isField(field)) return field;
  const context = field.contexts?.find((c) => c.id === ctx.params.contextId);
  if (!context) return jiraError(404, 'The context was not found.');
  return context;
}

function getOptions(ctx: RouteContext) {
  const context = fieldContext(ctx);
  if (!('options' in context)) return context;
  return page(
    ctx,
    context.options.map((o) => ({ id: o.id, value: o.value, disabled: o.disabled })),
    100,
    `/rest/api/3/field/${ctx.params.fieldId}/context/${context.id}/option`,
  );
}

function postOptions(ctx: RouteContext) {
  const context = fieldContext(ctx);
  if (!('options' in context)) return context;
  const body = ctx.body;
  if (!isRecord(body) || !Array.isArray(body.options) || body.options.length === 0)
    return jiraError(400, INVALID_PAYLOAD);
  const values: string[] = [];
  for (const option of body.options) {
    if (!isRecord(option) || typeof option.value !== 'string' || option.value.trim() === '')
      return jiraError(400, 'Option value must not be empty.');
    values.push(option.value);
  }
  const existing = new Set(context.options.map((o) => o.value.toLowerCase()));
  for (const value of values) {
    if (existing.has(value.toLowerCase()))
      return jiraError(400, `The option '${value}' already exists in this context.`);
    existing.add(value.toLowerCase());
  }
  const created = values.map((value) => ({
    id: String(ctx.state.counters.optionId++),
    value,
    disabled: false,
  }));
  context.options.push(...created);
  return json(200, { options: created });
}

// ---- issue types, statuses, priorities, resolutions, link types ----------------------------

function getIssueTypes(ctx: RouteContext) {
  return json(
    200,
    ctx.state.issueTypes.map((t) => issueTypeDetailsJson(ctx.state, t)),
  );
}

function getIssueType(ctx: RouteContext) {
  const type = ctx.state.issueTypes.find((t) => t.id === ctx.params.id);
  return type
    ? json(200, issueTypeDetailsJson(ctx.state, type))
    : jiraError(404, 'The issue type was not found.');
}

function defaultWorkflow(ctx: RouteContext): string[] {
  const ids = ['To Do', 'In Progress', 'Done']
    .map((name) => byName(ctx.state.statuses, name)?.id)
    .filter((id): id is string => !!id);
  return ids.length > 0 ? ids : [ctx.state.statuses[0].id];
}

function postIssueType(ctx: RouteContext) {
  if (!isAdmin(ctx.state, ctx.user)) return jiraError(403, ADMIN_ONLY);
  const body = ctx.body;
  if (!isRecord(body)) return jiraError(400, INVALID_PAYLOAD);
  const name = typeof body.name === 'string' ? body.name.trim() : '';
  if (name === '') return jiraError(400, [], { name: 'The issue type name must not be empty.' });
  if (name.length > 60)
    return jiraError(400, [], { name: 'The issue type name must not be longer than 60 characters.' });
  let level = 0;
  if (body.hierarchyLevel !== undefined) {
    if (body.hierarchyLevel !== 0 && body.hierarchyLevel !== -1)
      return jiraError(400, [], { hierarchyLevel: 'The hierarchy level must be 0 or -1.' });
    level = body.hierarchyLevel;
  } else if (body.type === 'subtask') level = -1;
  if (byName(ctx.state.issueTypes, name))
    return jiraError(409, 'An issue type with this name already exists.');
  changeInstant(ctx.state, ctx.nowMs);
  const type: SiteIssueType = {
    id: String(ctx.state.counters.issueTypeId++),
    name,
    description: typeof body.description === 'string' ? body.description : '',
    hierarchyLevel: level,
    subtask: level === -1,
    avatarId: level === -1 ? 10316 : 10318,
    workflow: defaultWorkflow(ctx),
  };
  ctx.state.issueTypes.push(type);
  return json(201, issueTypeDetailsJson(ctx.state, type));
}

const getStatuses = (ctx: RouteContext) =>
  json(
    200,
    ctx.state.statuses.map((s) => statusJson(ctx.state, s)),
  );
const getStatusCategories = (ctx: RouteContext) =>
  json(
    200,
    (['new', 'indeterminate', 'done'] as const).map((k) => statusCategoryJson(ctx.state, k)),
  );
const getPriorities = (ctx: RouteContext) =>
  json(
    200,
    ctx.state.priorities.map((p) => ({
      ...priorityJson(ctx.state, p),
      description: p.description,
      isDefault: p.name === 'Medium',
    })),
  );
const getResolutions = (ctx: RouteContext) =>
  json(
    200,
    ctx.state.resolutions.map((r) => resolutionJson(ctx.state, r)),
  );
const getLinkTypes = (ctx: RouteContext) =>
  json(200, {
    issueLinkTypes: ctx.state.issueLinkTypes.map((t) => ({
      ...t,
      self: `${ctx.state.baseUrl}/rest/api/3/issueLinkType/${t.id}`,
    })),
  });

// ---- projects -------------------------------------------------------------------------------

function projectJson(ctx: RouteContext, project: SiteProject, full: boolean) {
  const base: Record<string, unknown> = {
    expand: 'description,lead,issueTypes,url,projectKeys,permissions,insight',
    self: `${ctx.state.baseUrl}/rest/api/3/project/${project.id}`,
    id: project.id,
    key: project.key,
    name: project.name,
    avatarUrls: avatarUrls(project.key),
    projectTypeKey: project.projectTypeKey,
    simplified: false,
    style: 'classic',
    isPrivate: false,
    properties: {},
  };
  if (!full) return base;
  const lead = findUser(ctx.state, project.leadAccountId);
  return {
    ...base,
    description: project.description,
    lead: lead ? userBeanJson(ctx.state, lead) : undefined,
    components: [],
    issueTypes: ctx.state.issueTypes.map((t) => issueTypeDetailsJson(ctx.state, t)),
    assigneeType: 'UNASSIGNED',
    versions: [],
    roles: {},
  };
}

function visibleProject(ctx: RouteContext, key: string): SiteProject | undefined {
  const project = findProject(ctx.state, key);
  return project && hasProjectPermission(project, ctx.user, 'BROWSE_PROJECTS') ? project : undefined;
}

function getProject(ctx: RouteContext) {
  const project = visibleProject(ctx, ctx.params.projectIdOrKey);
  return project ? json(200, projectJson(ctx, project, true)) : projectNotFound(ctx.params.projectIdOrKey);
}

function getProjectStatuses(ctx: RouteContext) {
  const project = visibleProject(ctx, ctx.params.projectIdOrKey);
  if (!project) return projectNotFound(ctx.params.projectIdOrKey);
  return json(
    200,
    ctx.state.issueTypes.map((t) => ({
      self: `${ctx.state.baseUrl}/rest/api/3/issuetype/${t.id}`,
      id: t.id,
      name: t.name,
      subtask: t.subtask,
      statuses: t.workflow.map((id) => statusJson(ctx.state, statusById(ctx.state, id))),
    })),
  );
}

function searchProjects(ctx: RouteContext) {
  const keys = new Set(listParam(ctx.query, 'keys').map((k) => k.toUpperCase()));
  const ids = new Set(listParam(ctx.query, 'id'));
  const q = (ctx.query.get('query') ?? '').toLowerCase();
  const found = ctx.state.projects
    .filter((p) => hasProjectPermission(p, ctx.user, 'BROWSE_PROJECTS'))
    .filter((p) => (keys.size === 0 && ids.size === 0) || keys.has(p.key) || ids.has(p.id))
    .filter((p) => q === '' || p.key.toLowerCase().includes(q) || p.name.toLowerCase().includes(q))
    .map((p) => projectJson(ctx, p, listParam(ctx.query, 'expand').length > 0));
  return page(ctx, found, 50, '/rest/api/3/project/search');
}

function listProjects(ctx: RouteContext) {
  return json(
    200,
    ctx.state.projects
      .filter((p) => hasProjectPermission(p, ctx.user, 'BROWSE_PROJECTS'))
      .map((p) => projectJson(ctx, p, false)),
  );
}

// ---- users, groups, permissions ---------------------------------------------------------------

const myself = (ctx: RouteContext) =>
  json(200, userBeanJson(ctx.state, ctx.user, listParam(ctx.query, 'expand').includes('groups')));

function allUsers(ctx: RouteContext): SiteUser[] {
  return ctx.state.users.filter((u) => u.active);
}

function getUser(ctx: RouteContext) {
  const accountId = ctx.query.get('accountId');
  if (!accountId) return jiraError(400, 'The accountId query parameter needs to be provided.');
  const user = findUser(ctx.state, accountId);
  if (!user) return jiraError(404, USER_NOT_FOUND);
  return json(200, userBeanJson(ctx.state, user, listParam(ctx.query, 'expand').includes('groups')));
}

function matchesQuery(user: SiteUser, query: string): boolean {
  const q = query.toLowerCase();
  return (
    user.displayName
      .toLowerCase()
      .split(/\s+/)
      .some((w) => w.startsWith(q)) ||
    user.displayName.toLowerCase().startsWith(q) ||
    user.emailAddress.toLowerCase().startsWith(q)
  );
}

function searchUsers(ctx: RouteContext) {
  const query = ctx.query.get('query') ?? '';
  const accountId = ctx.query.get('accountId');
  if (!query && !accountId)
    return jiraError(400, 'One of the query parameters query or accountId must be provided.');
  const found = allUsers(ctx).filter((u) => (accountId ? u.accountId === accountId : matchesQuery(u, query)));
  const maxResults = Math.min(intParam(ctx.query, 'maxResults', 50) ?? 50, 1000);
  return json(
    200,
    found.slice(0, maxResults).map((u) => userBeanJson(ctx.state, u)),
  );
}

function userGroups(ctx: RouteContext) {
  const accountId = ctx.query.get('accountId');
  const user = accountId ? findUser(ctx.state, accountId) : undefined;
  if (!user) return jiraError(404, USER_NOT_FOUND);
  return json(
    200,
    user.groups.map((name) => groupNameJson(ctx.state, name)),
  );
}

function groupMembers(ctx: RouteContext) {
  const groupId = ctx.query.get('groupId');
  const groupName = ctx.query.get('groupname');
  const group = ctx.state.groups.find((g) => g.groupId === groupId || g.name === groupName);
  if (!group) return jiraError(404, 'Specified group does not exist.');
  const members = allUsers(ctx)
    .filter((u) => u.groups.includes(group.name))
    .map((u) => u.json);
  return page(ctx, members, 50, `/rest/api/3/group/member?groupId=${group.groupId}`);
}

function groupUserPicker(ctx: RouteContext) {
  const query = ctx.query.get('query');
  if (query === null) return jiraError(400, 'The query parameter is required.');
  const maxResults = intParam(ctx.query, 'maxResults', 50) ?? 50;
  const users = allUsers(ctx)
    .filter((u) => matchesQuery(u, query))
    .slice(0, maxResults);
  const groups = ctx.state.groups
    .filter((g) => g.name.toLowerCase().includes(query.toLowerCase()))
    .slice(0, maxResults);
  return json(200, {
    users: {
      users: users.map((u) => ({
        accountId: u.accountId,
        accountType: u.accountType,
        html: `${u.displayName} - ${u.emailAddress}`,
        displayName: u.displayName,
        avatarUrl: u.json.avatarUrls['16x16'],
      })),
      total: users.length,
      header: `Showing ${users.length} of ${users.length} matching users`,
    },
    groups: {
      header: `Showing ${groups.length} of ${groups.length} matching groups`,
      total: groups.length,
      groups: groups.map((g) => ({ name: g.name, html: g.name, groupId: g.groupId, labels: [] })),
    },
  });
}

const PERMISSIONS: Record<
  string,
  { id: string; name: string; type: 'PROJECT' | 'GLOBAL'; description: string }
> = {
  BROWSE_PROJECTS: {
    id: '10',
    name: 'Browse Projects',
    type: 'PROJECT',
    description: 'Ability to browse projects and the issues within them.',
  },
  CREATE_ISSUES: {
    id: '11',
    name: 'Create Issues',
    type: 'PROJECT',
    description: 'Ability to create issues.',
  },
  EDIT_ISSUES: { id: '12', name: 'Edit Issues', type: 'PROJECT', description: 'Ability to edit issues.' },
  ASSIGN_ISSUES: {
    id: '13',
    name: 'Assign Issues',
    type: 'PROJECT',
    description: 'Ability to assign issues to other people.',
  },
  RESOLVE_ISSUES: {
    id: '14',
    name: 'Resolve Issues',
    type: 'PROJECT',
    description: 'Ability to resolve and reopen issues.',
  },
  ADD_COMMENTS: {
    id: '15',
    name: 'Add Comments',
    type: 'PROJECT',
    description: 'Ability to comment on issues.',
  },
  LINK_ISSUES: {
    id: '21',
    name: 'Link Issues',
    type: 'PROJECT',
    description: 'Ability to link issues together.',
  },
  ADMINISTER_PROJECTS: {
    id: '23',
    name: 'Administer Projects',
    type: 'PROJECT',
    description: 'Ability to administer a project in Jira.',
  },
  TRANSITION_ISSUES: {
    id: '46',
    name: 'Transition Issues',
    type: 'PROJECT',
    description: 'Ability to transition issues.',
  },
  ADMINISTER: {
    id: '0',
    name: 'Administer Jira',
    type: 'GLOBAL',
    description:
      'Create and administer projects, issue types, fields, workflows, and schemes for all projects.',
  },
  SYSTEM_ADMIN: {
    id: '44',
    name: 'Jira System Administrators',
    type: 'GLOBAL',
    description: 'Ability to perform all administration functions.',
  },
  USER_PICKER: {
    id: '27',
    name: 'Browse users and groups',
    type: 'GLOBAL',
    description: 'View and select users or groups from the user picker.',
  },
  CREATE_SHARED_OBJECTS: {
    id: '22',
    name: 'Share dashboards and filters',
    type: 'GLOBAL',
    description: 'Share dashboards and filters with other users.',
  },
};

function myPermissions(ctx: RouteContext) {
  const keys = listParam(ctx.query, 'permissions');
  if (keys.length === 0) return jiraError(400, "The 'permissions' query parameter is required.");
  for (const key of keys)
    if (!(key in PERMISSIONS)) return jiraError(400, `The permission key '${key}' is not valid.`);
  let projects = ctx.state.projects;
  const projectRef = ctx.query.get('projectKey') ?? ctx.query.get('projectId');
  const issueRef = ctx.query.get('issueKey') ?? ctx.query.get('issueId');
  if (issueRef) {
    const issue = findIssue(ctx.state, issueRef);
    if (!issue || !canBrowseIssue(ctx.state, ctx.user, issue)) return jiraError(404, ISSUE_NOT_FOUND);
    projects = projects.filter((p) => p.id === issue.projectId);
  } else if (projectRef) {
    const project = visibleProject(ctx, projectRef);
    if (!project) return projectNotFound(projectRef);
    projects = [project];
  }
  const permissions: Record<string, unknown> = {};
  for (const key of keys) {
    const meta = PERMISSIONS[key];
    const have =
      meta.type === 'GLOBAL'
        ? hasGlobalPermission(ctx.state, ctx.user, key as 'ADMINISTER')
        : projects.some((p) => hasProjectPermission(p, ctx.user, key as ProjectPermissionKey));
    permissions[key] = {
      id: meta.id,
      key,
      name: meta.name,
      type: meta.type,
      description: meta.description,
      havePermission: have,
    };
  }
  return json(200, { permissions });
}

function serverInfo(ctx: RouteContext) {
  return json(200, {
    baseUrl: ctx.state.baseUrl,
    displayUrl: ctx.state.baseUrl,
    version: '1001.0.0-SNAPSHOT',
    versionNumbers: [1001, 0, 0],
    deploymentType: 'Cloud',
    buildNumber: 100289,
    buildDate: '2026-01-01T00:00:00.000+0000',
    serverTime: formatIsoInstant(Math.max(ctx.nowMs, ctx.state.lastChangeMs)),
    scmInfo: 'local-emulation',
    serverTitle: 'Jira',
  });
}

export const metaRoutes: Route[] = [
  { method: 'GET', template: '/rest/api/3/field', run: getFields },
  { method: 'POST', template: '/rest/api/3/field', run: postField },
  { method: 'GET', template: '/rest/api/3/field/{fieldId}/context', run: getFieldContexts },
  { method: 'POST', template: '/rest/api/3/field/{fieldId}/context', run: postFieldContext },
  { method: 'GET', template: '/rest/api/3/field/{fieldId}/context/{contextId}/option', run: getOptions },
  { method: 'POST', template: '/rest/api/3/field/{fieldId}/context/{contextId}/option', run: postOptions },
  { method: 'GET', template: '/rest/api/3/issuetype', run: getIssueTypes },
  { method: 'POST', template: '/rest/api/3/issuetype', run: postIssueType },
  { method: 'GET', template: '/rest/api/3/issuetype/{id}', run: getIssueType },
  { method: 'GET', template: '/rest/api/3/status', run: getStatuses },
  { method: 'GET', template: '/rest/api/3/statuscategory', run: getStatusCategories },
  { method: 'GET', template: '/rest/api/3/priority', run: getPriorities },
  { method: 'GET', template: '/rest/api/3/resolution', run: getResolutions },
  { method: 'GET', template: '/rest/api/3/issueLinkType', run: getLinkTypes },
  { method: 'GET', template: '/rest/api/3/project', run: listProjects },
  { method: 'GET', template: '/rest/api/3/project/search', run: searchProjects },
  { method: 'GET', template: '/rest/api/3/project/{projectIdOrKey}', run: getProject },
  { method: 'GET', template: '/rest/api/3/project/{projectIdOrKey}/statuses', run: getProjectStatuses },
  { method: 'GET', template: '/rest/api/3/myself', run: myself },
  { method: 'GET', template: '/rest/api/3/mypermissions', run: myPermissions },
  { method: 'GET', template: '/rest/api/3/user', run: getUser },
  { method: 'GET', template: '/rest/api/3/user/search', run: searchUsers },
  { method: 'GET', template: '/rest/api/3/user/groups', run: userGroups },
  { method: 'GET', template: '/rest/api/3/group/member', run: groupMembers },
  { method: 'GET', template: '/rest/api/3/groupuserpicker', run: groupUserPicker },
  { method: 'GET', template: '/rest/api/3/serverInfo', run: serverInfo },
];
