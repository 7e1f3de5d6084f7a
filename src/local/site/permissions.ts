// Who may do what, decided the way Jira does: project permissions through the project's
// permission scheme (groups, users, the app), global permissions through groups.

import type {
  ConfluenceSpace,
  GlobalPermissionKey,
  PermissionHolder,
  ProjectPermissionKey,
  SiteIssue,
  SiteProject,
  SiteState,
  SiteUser,
} from './model';
import { projectById } from './lookup';

function holds(holder: PermissionHolder, user: SiteUser): boolean {
  if ('group' in holder) return user.groups.includes(holder.group);
  if ('accountId' in holder) return holder.accountId === user.accountId;
  return user.accountType === 'app';
}

export function hasProjectPermission(
  project: SiteProject,
  user: SiteUser,
  key: ProjectPermissionKey,
): boolean {
  return project.permissions[key].some((holder) => holds(holder, user));
}

export function hasGlobalPermission(state: SiteState, user: SiteUser, key: GlobalPermissionKey): boolean {
  if (user.accountType === 'app') return key === 'ADMINISTER' || key === 'USER_PICKER';
  return state.globalPermissions[key].some((group) => user.groups.includes(group));
}

export function isAdmin(state: SiteState, user: SiteUser): boolean {
  return hasGlobalPermission(state, user, 'ADMINISTER') || hasGlobalPermission(state, user, 'SYSTEM_ADMIN');
}

/** Ids of the projects the user may browse; an issue elsewhere does not exist for them. */
export function browsableProjectIds(state: SiteState, user: SiteUser): Set<string> {
  return new Set(
    state.projects.filter((p) => hasProjectPermission(p, user, 'BROWSE_PROJECTS')).map((p) => p.id),
  );
}

export function canBrowseIssue(state: SiteState, user: SiteUser, issue: SiteIssue): boolean {
  return hasProjectPermission(projectById(state, issue.projectId), user, 'BROWSE_PROJECTS');
}

export function hasIssuePermission(
  state: SiteState,
  user: SiteUser,
  issue: SiteIssue,
  key: ProjectPermissionKey,
): boolean {
  return hasProjectPermission(projectById(state, issue.projectId), user, key);
}

export function canViewSpace(space: ConfluenceSpace, user: SiteUser): boolean {
  if (user.accountType === 'app') return space.viewGroups.includes('app');
  return space.viewGroups.some((group) => user.groups.includes(group));
}

export function canEditSpace(space: ConfluenceSpace, user: SiteUser): boolean {
  if (user.accountType === 'app') return space.editGroups.includes('app');
  return space.editGroups.some((group) => user.groups.includes(group));
}
