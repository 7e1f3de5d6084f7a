// Site configuration and identity: fields (routes-fields.ts), issue types, statuses, priorities,
// resolutions, link types, projects (routes-projects.ts), users, groups and permissions
// (routes-users.ts), and the server's info.

import type { SiteIssueType } from './model';
import {
  ADMIN_ONLY,
  INVALID_PAYLOAD,
  isRecord,
  jiraError,
  json,
  type Route,
  type RouteContext,
} from './http';
import { byName } from './lookup';
import { changeInstant } from './changelog';
import { isAdmin } from './permissions';
import { issueTypeDetailsJson, priorityJson, resolutionJson, statusCategoryJson, statusJson } from './render';
import { formatIsoInstant } from './time';
import { fieldRoutes } from './routes-fields';
import { projectRoutes } from './routes-projects';
import { userRoutes } from './routes-users';

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
  ...fieldRoutes,
  { method: 'GET', template: '/rest/api/3/issuetype', run: getIssueTypes },
  { method: 'POST', template: '/rest/api/3/issuetype', run: postIssueType },
  { method: 'GET', template: '/rest/api/3/issuetype/{id}', run: getIssueType },
  { method: 'GET', template: '/rest/api/3/status', run: getStatuses },
  { method: 'GET', template: '/rest/api/3/statuscategory', run: getStatusCategories },
  { method: 'GET', template: '/rest/api/3/priority', run: getPriorities },
  { method: 'GET', template: '/rest/api/3/resolution', run: getResolutions },
  { method: 'GET', template: '/rest/api/3/issueLinkType', run: getLinkTypes },
  ...projectRoutes,
  ...userRoutes,
  { method: 'GET', template: '/rest/api/3/serverInfo', run: serverInfo },
];
