// Projects as the user may browse them: one project and its statuses, the list and the paged search.

import type { SiteProject } from './model';
import { jiraError, json, listParam, page, type Route, type RouteContext } from './http';
import { findProject, findUser, statusById } from './lookup';
import { hasProjectPermission } from './permissions';
import { avatarUrls, issueTypeDetailsJson, statusJson, userBeanJson } from './render';

/** A project the user cannot browse reads as missing, as in Jira. */
export const projectNotFound = (key: string) =>
  jiraError(404, `No project could be found with key '${key}'.`);

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

export function visibleProject(ctx: RouteContext, key: string): SiteProject | undefined {
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

export const projectRoutes: Route[] = [
  { method: 'GET', template: '/rest/api/3/project', run: listProjects },
  { method: 'GET', template: '/rest/api/3/project/search', run: searchProjects },
  { method: 'GET', template: '/rest/api/3/project/{projectIdOrKey}', run: getProject },
  { method: 'GET', template: '/rest/api/3/project/{projectIdOrKey}/statuses', run: getProjectStatuses },
];
