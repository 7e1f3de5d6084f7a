// Identity: myself, users and their search, groups and their members, and permissions.

import type { ProjectPermissionKey, SiteUser } from './model';
import {
  ISSUE_NOT_FOUND,
  intParam,
  jiraError,
  json,
  listParam,
  page,
  type Route,
  type RouteContext,
} from './http';
import { findIssue, findUser } from './lookup';
import { canBrowseIssue, hasGlobalPermission, hasProjectPermission } from './permissions';
import { groupNameJson, userBeanJson } from './render';
import { projectNotFound, visibleProject } from './routes-projects';

const USER_NOT_FOUND = 'Specified user does not exist or you do not have required permissions';

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

/**
 * `GET /rest/api/3/user/bulk`: the users of the `accountId` parameters (repeated), inactive ones
 * too, in a page; ids that match no user are left out.
 */
function bulkUsers(ctx: RouteContext) {
  const ids = ctx.query.getAll('accountId').filter((id) => id !== '');
  if (ids.length === 0) return jiraError(400, 'The accountId query parameter needs to be provided.');
  const found = [...new Set(ids)].flatMap((id) => {
    const user = findUser(ctx.state, id);
    return user ? [userBeanJson(ctx.state, user)] : [];
  });
  return page(ctx, found, 200, '/rest/api/3/user/bulk');
}

/**
 * `GET /rest/api/3/groups/picker`: groups whose name contains `query` (case-insensitively when
 * `caseInsensitive=true`, else as typed), sorted by name, with the match in bold in `html`.
 */
function groupsPicker(ctx: RouteContext) {
  const query = ctx.query.get('query') ?? '';
  const caseInsensitive = ctx.query.get('caseInsensitive') === 'true';
  const maxResults = Math.max(intParam(ctx.query, 'maxResults', 20) ?? 20, 0);
  const excluded = new Set(ctx.query.getAll('exclude'));
  const matches = (name: string) =>
    caseInsensitive ? name.toLowerCase().includes(query.toLowerCase()) : name.includes(query);
  const all = ctx.state.groups
    .filter((g) => !excluded.has(g.name) && matches(g.name))
    .sort((a, b) => a.name.localeCompare(b.name));
  const shown = all.slice(0, maxResults);
  const bold = (name: string) => {
    const at = caseInsensitive ? name.toLowerCase().indexOf(query.toLowerCase()) : name.indexOf(query);
    if (query === '' || at < 0) return name;
    return `${name.slice(0, at)}<b>${name.slice(at, at + query.length)}</b>${name.slice(at + query.length)}`;
  };
  return json(200, {
    header: `Showing ${shown.length} of ${all.length} matching groups`,
    total: all.length,
    groups: shown.map((g) => ({ name: g.name, html: bold(g.name), groupId: g.groupId, labels: [] })),
  });
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

export const userRoutes: Route[] = [
  { method: 'GET', template: '/rest/api/3/myself', run: myself },
  { method: 'GET', template: '/rest/api/3/mypermissions', run: myPermissions },
  { method: 'GET', template: '/rest/api/3/user', run: getUser },
  { method: 'GET', template: '/rest/api/3/user/search', run: searchUsers },
  { method: 'GET', template: '/rest/api/3/user/bulk', run: bulkUsers },
  { method: 'GET', template: '/rest/api/3/groups/picker', run: groupsPicker },
  { method: 'GET', template: '/rest/api/3/user/groups', run: userGroups },
  { method: 'GET', template: '/rest/api/3/group/member', run: groupMembers },
  { method: 'GET', template: '/rest/api/3/groupuserpicker', run: groupUserPicker },
];
