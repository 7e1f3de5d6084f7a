// Jira's notify API and bulk permission check, as the daily alerts use them (as the app).
// - POST /rest/api/3/issue/{issueIdOrKey}/notify: "Creates an email notification for an issue and
//   adds it to the mail queue" (jira-cloud-platform.openapi.json, operation `notify`). The local
//   site's mail queue is an outbox per user (state.notifications) that the host shows. As Jira
//   documents it: 404 when the caller cannot see the issue; 400 when the recipient is the caller,
//   is invalid (unknown, or the assignee of an unassigned issue) or the body is invalid. A
//   recipient who may not browse the issue (or fails `restrict`) gets nothing: Jira never mails an
//   issue to someone who cannot see it.
// - POST /rest/api/3/permissions/check (operation `getBulkPermissions`): "Administer Jira global
//   permission to check the permissions for other users"; "A maximum of 1000 projects and 1000
//   issues can be checked"; "Invalid project and issue IDs are ignored".
import { z } from 'zod';
import type {
  GlobalPermissionKey,
  ProjectPermissionKey,
  SiteIssue,
  SiteNotification,
  SiteState,
  SiteUser,
} from './model';
import {
  ISSUE_NOT_FOUND,
  INVALID_PAYLOAD,
  jiraError,
  json,
  noContent,
  type Route,
  type RouteContext,
} from './http';
import { findIssue, findProject, findUser, issueById } from './lookup';
import { canBrowseIssue, hasGlobalPermission, hasProjectPermission, isAdmin } from './permissions';

const PROJECT_PERMISSIONS: readonly ProjectPermissionKey[] = [
  'BROWSE_PROJECTS',
  'CREATE_ISSUES',
  'EDIT_ISSUES',
  'TRANSITION_ISSUES',
  'ASSIGN_ISSUES',
  'RESOLVE_ISSUES',
  'ADD_COMMENTS',
  'LINK_ISSUES',
  'ADMINISTER_PROJECTS',
];
const GLOBAL_PERMISSIONS: readonly GlobalPermissionKey[] = [
  'ADMINISTER',
  'SYSTEM_ADMIN',
  'USER_PICKER',
  'CREATE_SHARED_OBJECTS',
];
/** Legacy keys Jira still takes in `restrict.permissions` (see user/permission/search). */
const LEGACY: Record<string, ProjectPermissionKey> = {
  BROWSE: 'BROWSE_PROJECTS',
  EDIT_ISSUE: 'EDIT_ISSUES',
  CREATE_ISSUE: 'CREATE_ISSUES',
  ASSIGN_ISSUE: 'ASSIGN_ISSUES',
  RESOLVE_ISSUE: 'RESOLVE_ISSUES',
  TRANSITION_ISSUE: 'TRANSITION_ISSUES',
  COMMENT_ISSUE: 'ADD_COMMENTS',
  LINK_ISSUE: 'LINK_ISSUES',
  PROJECT_ADMIN: 'ADMINISTER_PROJECTS',
};
const projectPermission = (key: string): ProjectPermissionKey | undefined =>
  PROJECT_PERMISSIONS.find((p) => p === key) ?? LEGACY[key];

// components/schemas: Notification and NotificationRecipients allow more properties; UserDetails,
// GroupName and NotificationRecipientsRestrictions do not.
const UserDetails = z.strictObject({
  accountId: z.string().max(128).optional(),
  accountType: z.string().optional(),
  active: z.boolean().optional(),
  avatarUrls: z.record(z.string(), z.unknown()).optional(),
  displayName: z.string().optional(),
  emailAddress: z.string().optional(),
  key: z.string().optional(),
  name: z.string().optional(),
  self: z.string().optional(),
  timeZone: z.string().optional(),
});
const GroupName = z.strictObject({ groupId: z.string().nullable().optional(), name: z.string().optional() });
const NotificationSchema = z.looseObject({
  subject: z.string().optional(),
  textBody: z.string().optional(),
  htmlBody: z.string().optional(),
  to: z
    .looseObject({
      reporter: z.boolean().optional(),
      assignee: z.boolean().optional(),
      watchers: z.boolean().optional(),
      voters: z.boolean().optional(),
      users: z.array(UserDetails).optional(),
      groups: z.array(GroupName).optional(),
      groupIds: z.array(z.string()).optional(),
    })
    .optional(),
  restrict: z
    .strictObject({
      groups: z.array(GroupName).optional(),
      groupIds: z.array(z.string()).optional(),
      permissions: z
        .array(z.looseObject({ id: z.string().optional(), key: z.string().optional() }))
        .optional(),
    })
    .optional(),
});

function groupNamesOf(
  state: SiteState,
  groups: z.infer<typeof GroupName>[] = [],
  ids: string[] = [],
): string[] {
  return [
    ...groups.flatMap((g) => state.groups.filter((s) => s.name === g.name || s.groupId === g.groupId)),
    ...ids.flatMap((id) => state.groups.filter((s) => s.groupId === id)),
  ].map((g) => g.name);
}

function notify(ctx: RouteContext) {
  const issue = findIssue(ctx.state, ctx.params.issueIdOrKey);
  if (!issue || !canBrowseIssue(ctx.state, ctx.user, issue)) return jiraError(404, ISSUE_NOT_FOUND);
  const parsed = NotificationSchema.safeParse(ctx.body);
  if (!parsed.success) return jiraError(400, INVALID_PAYLOAD);
  const body = parsed.data;
  const { state } = ctx;
  const to = body.to ?? {};
  const recipients = new Map<string, SiteUser>();
  const add = (user: SiteUser | undefined) => {
    if (user) recipients.set(user.accountId, user);
  };
  for (const u of to.users ?? []) {
    const user = u.accountId === undefined ? undefined : findUser(state, u.accountId);
    if (!user) return jiraError(400, `The user with account ID ${u.accountId ?? '(none)'} does not exist.`);
    add(user);
  }
  if (to.assignee) {
    if (issue.assigneeId === null) return jiraError(400, 'The issue has no assignee to notify.');
    add(findUser(state, issue.assigneeId));
  }
  if (to.reporter && issue.reporterId !== null) add(findUser(state, issue.reporterId));
  const groups = groupNamesOf(state, to.groups, to.groupIds);
  for (const user of state.users) if (user.groups.some((g) => groups.includes(g))) add(user);
  if (recipients.size === 0) return jiraError(400, 'No recipients were defined for notification.');
  if (recipients.has(ctx.user.accountId))
    return jiraError(400, 'The recipient of the notification cannot be the calling user.');

  const required: ProjectPermissionKey[] = [];
  for (const p of body.restrict?.permissions ?? []) {
    const key = projectPermission(p.key ?? p.id ?? '');
    if (!key) return jiraError(400, `The permission ${p.key ?? p.id ?? '(none)'} does not exist.`);
    required.push(key);
  }
  const restrictGroups = groupNamesOf(state, body.restrict?.groups, body.restrict?.groupIds);
  const project = findProject(state, issue.projectId);
  const receives = (user: SiteUser) =>
    user.active &&
    user.accountType === 'atlassian' &&
    canBrowseIssue(state, user, issue) &&
    (project === undefined || required.every((k) => hasProjectPermission(project, user, k))) &&
    (restrictGroups.length === 0 || restrictGroups.some((g) => user.groups.includes(g)));
  const sentAt = new Date(ctx.nowMs).toISOString();
  const outbox = (state.notifications ??= []);
  for (const user of recipients.values()) {
    if (!receives(user)) continue;
    const mail: SiteNotification = {
      id: String(outbox.length + 1),
      issueId: issue.id,
      issueKey: issue.key,
      from: ctx.user.accountId,
      to: user.accountId,
      subject: body.subject ?? `[${issue.key}] ${issue.summary}`,
      textBody: body.textBody ?? '',
      htmlBody: body.htmlBody ?? '',
      sentAt,
    };
    outbox.push(mail);
  }
  return noContent();
}

const ids = z.array(z.number().int());
const BulkPermissionsRequest = z.strictObject({
  accountId: z.string().optional(),
  globalPermissions: z.array(z.string().nullable()).optional(),
  projectPermissions: z
    .array(
      z
        .strictObject({
          permissions: z.array(z.string()),
          projects: ids.optional(),
          issues: ids.optional(),
        })
        .nullable(),
    )
    .optional(),
});

function permissionsCheck(ctx: RouteContext) {
  const parsed = BulkPermissionsRequest.safeParse(ctx.body);
  if (!parsed.success) return jiraError(400, INVALID_PAYLOAD);
  const { state } = ctx;
  const req = parsed.data;
  let user = ctx.user;
  if (req.accountId !== undefined && req.accountId !== ctx.user.accountId) {
    if (!isAdmin(state, ctx.user))
      return jiraError(403, 'Only Jira administrators can perform this operation.');
    const other = findUser(state, req.accountId);
    if (!other) return jiraError(400, [], { accountId: `The account ID ${req.accountId} is not valid.` });
    user = other;
  }
  const errors: Record<string, string> = {};
  const global: GlobalPermissionKey[] = [];
  for (const key of req.globalPermissions ?? []) {
    if (key === null) continue;
    const known = GLOBAL_PERMISSIONS.find((g) => g === key);
    if (known) global.push(known);
    else errors[key] = 'Unrecognized permission';
  }
  const grants: Array<{ issues: number[]; permission: string; projects: number[] }> = [];
  for (const entry of req.projectPermissions ?? []) {
    if (entry === null) continue;
    const keys = entry.permissions.filter((k) => k !== '');
    if (keys.length === 0) errors.projectPermissions = 'At least one project permission is required.';
    const issues = (entry.issues ?? [])
      .map((id) => issueById(state, String(id)))
      .filter((i): i is SiteIssue => i !== undefined);
    const projects = (entry.projects ?? [])
      .map((id) => findProject(state, String(id)))
      .filter((p) => p !== undefined);
    if (issues.length > 1000 || projects.length > 1000)
      errors.projectPermissions = 'A maximum of 1000 projects and 1000 issues can be checked.';
    for (const key of keys) {
      const permission = projectPermission(key);
      if (!permission) {
        errors[key] = 'Unrecognized permission';
        continue;
      }
      grants.push({
        permission: key,
        issues: issues
          .filter((i) => {
            const p = findProject(state, i.projectId);
            return p !== undefined && hasProjectPermission(p, user, permission);
          })
          .map((i) => Number(i.id)),
        projects: projects.filter((p) => hasProjectPermission(p, user, permission)).map((p) => Number(p.id)),
      });
    }
  }
  if (Object.keys(errors).length > 0) return jiraError(400, [], errors);
  return json(200, {
    globalPermissions: global.filter((g) => hasGlobalPermission(state, user, g)),
    projectPermissions: grants,
  });
}

export const notifyRoutes: Route[] = [
  { method: 'POST', template: '/rest/api/3/issue/{issueIdOrKey}/notify', run: notify },
  { method: 'POST', template: '/rest/api/3/permissions/check', run: permissionsCheck },
];

/** Each user's received notifications, newest first (what the host's outbox page shows). */
export function outboxOf(state: SiteState, accountId: string): SiteNotification[] {
  return (state.notifications ?? []).filter((n) => n.to === accountId).reverse();
}
