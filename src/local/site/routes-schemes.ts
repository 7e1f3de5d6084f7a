// Project configuration as Jira's REST API shows it: createmeta per project and issue type (what
// a create may use), and the company-managed schemes and screens an administrator changes
// (issue type schemes, issue type screen schemes, screen schemes, screen tabs and their fields).
// Scheme endpoints list only classic projects, as Jira's do; all but createmeta are admin-only.

import type { SiteField, SiteIssueType, SiteProject, SiteScreen } from './model';
import {
  ADMIN_ONLY,
  INVALID_PAYLOAD,
  intParam,
  isRecord,
  jiraError,
  json,
  listParam,
  noContent,
  page,
  type Route,
  type RouteContext,
} from './http';
import { fieldById, findProject } from './lookup';
import { hasProjectPermission, isAdmin } from './permissions';
import { fieldsOnScreen, projectIssueTypes, screenFieldIds } from './project-config';
import { issueTypeDetailsJson, priorityJson } from './render';

// ---- createmeta --------------------------------------------------------------------------------

/** A project the user may create issues in, or Jira's 400 (the spec documents no 404 here). */
function creatableProject(ctx: RouteContext): SiteProject | ReturnType<typeof jiraError> {
  const ref = ctx.params.projectIdOrKey;
  const project = findProject(ctx.state, ref);
  if (!project || !hasProjectPermission(project, ctx.user, 'BROWSE_PROJECTS'))
    return jiraError(400, `No project could be found with key '${ref}'.`);
  if (!hasProjectPermission(project, ctx.user, 'CREATE_ISSUES'))
    return jiraError(400, 'You do not have permission to create issues in this project.');
  return project;
}

const isProject = (p: unknown): p is SiteProject => isRecord(p) && 'config' in p;

/** A page in createmeta's own shape: `startAt`, `maxResults`, `total` and the named list. */
function metaPage<T>(ctx: RouteContext, name: string, all: T[]) {
  const startAt = Math.max(intParam(ctx.query, 'startAt', 0) ?? 0, 0);
  const maxResults = Math.min(Math.max(intParam(ctx.query, 'maxResults', 50) ?? 50, 1), 200);
  return json(200, {
    maxResults,
    startAt,
    total: all.length,
    [name]: all.slice(startAt, startAt + maxResults),
  });
}

function getCreateMetaTypes(ctx: RouteContext) {
  const project = creatableProject(ctx);
  if (!isProject(project)) return project;
  return metaPage(
    ctx,
    'issueTypes',
    projectIssueTypes(ctx.state, project).map((t: SiteIssueType) => issueTypeDetailsJson(ctx.state, t)),
  );
}

const REQUIRED = new Set(['summary', 'issuetype', 'project']);

function allowedValues(ctx: RouteContext, field: SiteField, project: SiteProject): unknown[] | undefined {
  if (field.id === 'priority') return ctx.state.priorities.map((p) => priorityJson(ctx.state, p));
  if (field.id === 'project')
    return [
      {
        self: `${ctx.state.baseUrl}/rest/api/3/project/${project.id}`,
        id: project.id,
        key: project.key,
        name: project.name,
      },
    ];
  const context = field.contexts?.[0];
  if (field.kind !== 'select' || !context) return undefined;
  return context.options
    .filter((o) => !o.disabled)
    .map((o) => ({
      self: `${ctx.state.baseUrl}/rest/api/3/customFieldOption/${o.id}`,
      value: o.value,
      id: o.id,
    }));
}

function getCreateMetaFields(ctx: RouteContext) {
  const project = creatableProject(ctx);
  if (!isProject(project)) return project;
  const type = projectIssueTypes(ctx.state, project).find((t) => t.id === ctx.params.issueTypeId);
  if (!type) return jiraError(400, 'The issue type selected is invalid.');
  const ids = screenFieldIds(ctx.state, project, type.id, 'create');
  for (const always of ['project', 'issuetype']) ids.add(always);
  if (type.subtask || type.hierarchyLevel < 1) ids.add('parent');
  const fields = fieldsOnScreen(ctx.state, ids).map((f) => {
    const meta: Record<string, unknown> = {
      required: REQUIRED.has(f.id),
      schema: f.schema ?? { type: 'any' },
      name: f.name,
      key: f.key,
      fieldId: f.id,
      hasDefaultValue: false,
      operations: f.id === 'labels' ? ['add', 'set', 'remove'] : ['set'],
    };
    const values = allowedValues(ctx, f, project);
    if (values) meta.allowedValues = values;
    return meta;
  });
  return metaPage(ctx, 'fields', fields);
}

// ---- schemes (admin) ---------------------------------------------------------------------------

function adminOnly(ctx: RouteContext) {
  return isAdmin(ctx.state, ctx.user) ? undefined : jiraError(403, ADMIN_ONLY);
}

const classicProjects = (ctx: RouteContext, wanted: string[]) =>
  ctx.state.projects.filter(
    (p) => p.config.style === 'classic' && (wanted.length === 0 || wanted.includes(p.id)),
  );

function usedBy(ctx: RouteContext, wanted: string[], schemeIdOf: (p: SiteProject) => string) {
  const byScheme = new Map<string, string[]>();
  for (const p of classicProjects(ctx, wanted))
    byScheme.set(schemeIdOf(p), [...(byScheme.get(schemeIdOf(p)) ?? []), p.id]);
  return byScheme;
}

function getIssueTypeSchemeProjects(ctx: RouteContext) {
  const refused = adminOnly(ctx);
  if (refused) return refused;
  const byScheme = usedBy(ctx, listParam(ctx.query, 'projectId'), (p) =>
    p.config.style === 'classic' ? p.config.issueTypeSchemeId : '',
  );
  const values = ctx.state.schemes.issueTypeSchemes
    .filter((s) => byScheme.has(s.id))
    .map((s) => {
      const scheme: Record<string, unknown> = {
        id: s.id,
        name: s.name,
        description: s.description,
        isDefault: s.isDefault,
      };
      if (s.defaultIssueTypeId) scheme.defaultIssueTypeId = s.defaultIssueTypeId;
      return { issueTypeScheme: scheme, projectIds: byScheme.get(s.id) ?? [] };
    });
  return page(ctx, values, 50, '/rest/api/3/issuetypescheme/project');
}

function getIssueTypeSchemeMapping(ctx: RouteContext) {
  const refused = adminOnly(ctx);
  if (refused) return refused;
  const wanted = listParam(ctx.query, 'issueTypeSchemeId');
  const values = ctx.state.schemes.issueTypeSchemes
    .filter((s) => wanted.length === 0 || wanted.includes(s.id))
    .flatMap((s) => s.issueTypeIds.map((issueTypeId) => ({ issueTypeSchemeId: s.id, issueTypeId })));
  return page(ctx, values, 50, '/rest/api/3/issuetypescheme/mapping');
}

function putIssueTypesInScheme(ctx: RouteContext) {
  const refused = adminOnly(ctx);
  if (refused) return refused;
  const scheme = ctx.state.schemes.issueTypeSchemes.find((s) => s.id === ctx.params.issueTypeSchemeId);
  if (!scheme)
    return jiraError(404, `The issue type scheme with ID ${ctx.params.issueTypeSchemeId} was not found.`);
  const body = ctx.body;
  if (!isRecord(body) || !Array.isArray(body.issueTypeIds) || body.issueTypeIds.length === 0)
    return jiraError(400, INVALID_PAYLOAD);
  const ids = body.issueTypeIds.filter((id): id is string => typeof id === 'string');
  for (const id of ids) {
    // A team-managed project's own type belongs to no scheme.
    const type = ctx.state.issueTypes.find((t) => t.id === id && t.scopeProjectId === undefined);
    if (!type) return jiraError(404, `The issue type with ID ${id} was not found.`);
  }
  const present = ids.filter((id) => scheme.issueTypeIds.includes(id));
  if (present.length > 0)
    return jiraError(
      400,
      `The issue types with IDs ${present.join(', ')} are already in the issue type scheme.`,
    );
  scheme.issueTypeIds.push(...ids);
  return noContent();
}

function getIssueTypeScreenSchemeProjects(ctx: RouteContext) {
  const refused = adminOnly(ctx);
  if (refused) return refused;
  const byScheme = usedBy(ctx, listParam(ctx.query, 'projectId'), (p) =>
    p.config.style === 'classic' ? p.config.issueTypeScreenSchemeId : '',
  );
  const values = ctx.state.schemes.issueTypeScreenSchemes
    .filter((s) => byScheme.has(s.id))
    .map((s) => ({
      issueTypeScreenScheme: { id: s.id, name: s.name, description: s.description },
      projectIds: byScheme.get(s.id) ?? [],
    }));
  return page(ctx, values, 25, '/rest/api/3/issuetypescreenscheme/project');
}

function getIssueTypeScreenSchemeMapping(ctx: RouteContext) {
  const refused = adminOnly(ctx);
  if (refused) return refused;
  const wanted = listParam(ctx.query, 'issueTypeScreenSchemeId');
  const values = ctx.state.schemes.issueTypeScreenSchemes
    .filter((s) => wanted.length === 0 || wanted.includes(s.id))
    .flatMap((s) =>
      Object.entries(s.mappings).map(([issueTypeId, screenSchemeId]) => ({
        issueTypeScreenSchemeId: s.id,
        issueTypeId,
        screenSchemeId,
      })),
    );
  return page(ctx, values, 100, '/rest/api/3/issuetypescreenscheme/mapping');
}

function getScreenSchemes(ctx: RouteContext) {
  const refused = adminOnly(ctx);
  if (refused) return refused;
  const wanted = listParam(ctx.query, 'id');
  const values = ctx.state.schemes.screenSchemes
    .filter((s) => wanted.length === 0 || wanted.includes(s.id))
    .map((s) => ({
      id: Number(s.id),
      name: s.name,
      description: s.description,
      screens: Object.fromEntries(Object.entries(s.screens).map(([k, v]) => [k, Number(v)])),
    }));
  return page(ctx, values, 25, '/rest/api/3/screenscheme');
}

function screen(ctx: RouteContext): SiteScreen | undefined {
  return ctx.state.schemes.screens.find((s) => s.id === ctx.params.screenId);
}

function getScreenTabs(ctx: RouteContext) {
  const refused = adminOnly(ctx);
  if (refused) return refused;
  const found = screen(ctx);
  if (!found) return jiraError(404, `The screen with id ${ctx.params.screenId} does not exist.`);
  return json(
    200,
    found.tabs.map((t) => ({ id: Number(t.id), name: t.name })),
  );
}

function screenTab(ctx: RouteContext) {
  const found = screen(ctx);
  const tab = found?.tabs.find((t) => t.id === ctx.params.tabId);
  return tab ?? jiraError(404, `The screen tab with id ${ctx.params.tabId} does not exist.`);
}

function getTabFields(ctx: RouteContext) {
  const refused = adminOnly(ctx);
  if (refused) return refused;
  const tab = screenTab(ctx);
  if (!('fieldIds' in tab)) return tab;
  return json(
    200,
    tab.fieldIds.map((id) => ({ id, name: fieldById(ctx.state, id)?.name ?? id })),
  );
}

function postTabField(ctx: RouteContext) {
  const refused = adminOnly(ctx);
  if (refused) return refused;
  const tab = screenTab(ctx);
  if (!('fieldIds' in tab)) return tab;
  const body = ctx.body;
  if (!isRecord(body) || typeof body.fieldId !== 'string') return jiraError(400, INVALID_PAYLOAD);
  const field = fieldById(ctx.state, body.fieldId);
  if (!field || !field.orderable) return jiraError(404, `The field with id ${body.fieldId} does not exist.`);
  const onScreen = screen(ctx)?.tabs.some((t) => t.fieldIds.includes(field.id));
  if (onScreen) return jiraError(400, `Field with id ${field.id} already exists on the screen.`);
  tab.fieldIds.push(field.id);
  return json(200, { id: field.id, name: field.name });
}

export const schemeRoutes: Route[] = [
  {
    method: 'GET',
    template: '/rest/api/3/issue/createmeta/{projectIdOrKey}/issuetypes',
    run: getCreateMetaTypes,
  },
  {
    method: 'GET',
    template: '/rest/api/3/issue/createmeta/{projectIdOrKey}/issuetypes/{issueTypeId}',
    run: getCreateMetaFields,
  },
  { method: 'GET', template: '/rest/api/3/issuetypescheme/project', run: getIssueTypeSchemeProjects },
  { method: 'GET', template: '/rest/api/3/issuetypescheme/mapping', run: getIssueTypeSchemeMapping },
  {
    method: 'PUT',
    template: '/rest/api/3/issuetypescheme/{issueTypeSchemeId}/issuetype',
    run: putIssueTypesInScheme,
  },
  {
    method: 'GET',
    template: '/rest/api/3/issuetypescreenscheme/project',
    run: getIssueTypeScreenSchemeProjects,
  },
  {
    method: 'GET',
    template: '/rest/api/3/issuetypescreenscheme/mapping',
    run: getIssueTypeScreenSchemeMapping,
  },
  { method: 'GET', template: '/rest/api/3/screenscheme', run: getScreenSchemes },
  { method: 'GET', template: '/rest/api/3/screens/{screenId}/tabs', run: getScreenTabs },
  { method: 'GET', template: '/rest/api/3/screens/{screenId}/tabs/{tabId}/fields', run: getTabFields },
  { method: 'POST', template: '/rest/api/3/screens/{screenId}/tabs/{tabId}/fields', run: postTabField },
];
