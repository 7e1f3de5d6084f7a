// Who may do what to a Confluence page, as Confluence answers it.
// - GET /wiki/api/v2/pages/{id}/operations ("Get permitted operations for page"): for the caller;
//   404 when they cannot see the page; `read` for viewers, `update` and `delete` for the people
//   the space lets add (and so edit) pages.
// - REST v1, the one operation v2 has no equivalent for (another user's permission):
//   POST /wiki/rest/api/content/{id}/permission/check ("Check content permissions",
// developer.atlassian.com/cloud/confluence/rest/v1/api-group-content-permissions/). As documented:
// the subject is a user (account id) or a group; the operation is read, update or delete; site
// permissions, space permissions and content restrictions are checked; checking for anyone but
// yourself needs the Confluence Administrator global permission (here: the site's administrators,
// and the app, whose identity Atlassian's own Forge sample uses for this call). v1 answers errors
// as `{statusCode, message}`. The local site has no page restrictions: read is the space's view
// permission, update and delete its edit (Add pages) permission.
import { z } from 'zod';
import { confluenceError, json, type Route, type RouteContext } from './http';
import { findUser } from './lookup';
import { canEditSpace, canViewSpace, isAdmin } from './permissions';
import type { ConfluenceSpace, SiteUser } from './model';

const v1Error = (statusCode: number, message: string) => json(statusCode, { statusCode, message });

const ContentPermissionRequest = z.object({
  subject: z.object({ type: z.enum(['user', 'group']), identifier: z.string().min(1) }),
  operation: z.enum(['read', 'update', 'delete']),
});

function allowed(space: ConfluenceSpace, who: SiteUser | { group: string }, operation: string): boolean {
  if ('group' in who) return (operation === 'read' ? space.viewGroups : space.editGroups).includes(who.group);
  return operation === 'read' ? canViewSpace(space, who) : canEditSpace(space, who);
}

function checkContentPermission(ctx: RouteContext) {
  const parsed = ContentPermissionRequest.safeParse(ctx.body);
  if (!parsed.success)
    return v1Error(
      400,
      'The permission check needs a subject (type user or group, identifier) and an operation (read, update or delete).',
    );
  const { subject, operation } = parsed.data;
  const self = subject.type === 'user' && subject.identifier === ctx.user.accountId;
  if (!self && ctx.user.accountType !== 'app' && !isAdmin(ctx.state, ctx.user))
    return v1Error(
      403,
      'Checking the permissions of another user requires the Confluence Administrator permission.',
    );
  const page = ctx.state.confluence.pages.find((p) => p.id === ctx.params.id && p.status !== 'trashed');
  const space = page && ctx.state.confluence.spaces.find((s) => s.id === page.spaceId);
  if (!page || !space || !canViewSpace(space, ctx.user))
    return v1Error(404, `No content found with id: ${ctx.params.id}`);
  if (subject.type === 'group') {
    const has = allowed(space, { group: subject.identifier }, operation);
    return json(200, {
      hasPermission: has,
      errors: has ? [] : [{ translation: 'Group does not have permission to the space', args: [] }],
    });
  }
  const user = findUser(ctx.state, subject.identifier);
  if (!user || !user.active)
    return json(200, {
      hasPermission: false,
      errors: [{ translation: 'User is not allowed to use Confluence', args: [] }],
    });
  const has = allowed(space, user, operation);
  return json(200, {
    hasPermission: has,
    errors: has ? [] : [{ translation: 'User does not have permission to the space', args: [] }],
  });
}

function getPageOperations(ctx: RouteContext) {
  const page = ctx.state.confluence.pages.find((p) => p.id === ctx.params.id && p.status !== 'trashed');
  const space = page && ctx.state.confluence.spaces.find((s) => s.id === page.spaceId);
  if (!page || !space || !canViewSpace(space, ctx.user)) return confluenceError(404, 'Page not found');
  const operations = [{ operation: 'read', targetType: 'page' }];
  if (canEditSpace(space, ctx.user))
    operations.push({ operation: 'update', targetType: 'page' }, { operation: 'delete', targetType: 'page' });
  return json(200, { operations });
}

export const confluencePermissionRoutes: Route[] = [
  { method: 'GET', template: '/wiki/api/v2/pages/{id}/operations', run: getPageOperations },
  { method: 'POST', template: '/wiki/rest/api/content/{id}/permission/check', run: checkContentPermission },
];
