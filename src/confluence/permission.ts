/**
 * Whether another person may do something to a page, asked of Confluence as the app: REST v1
 * "Check content permissions", `POST /wiki/rest/api/content/{id}/permission/check` with
 * `subject: {type: 'user', identifier: accountId}`. Confluence checks site permissions, space
 * permissions and content restrictions; the operation is one of read, update, delete (there is
 * no create); checking for someone else needs Confluence administration, which the app's own
 * identity has (Atlassian's Forge sample for this operation calls it with asApp()). Scopes:
 * `read:content.permission:confluence` (granular) or `read:confluence-content.permission`.
 * v2 has no equivalent: its `/operations` endpoints answer for the caller only.
 * (developer.atlassian.com/cloud/confluence/rest/v1/api-group-content-permissions/)
 */
import { z } from 'zod';
import { createTransport, type HttpFetch } from '../http';

export const CONTENT_PERMISSION_CHECK = '/wiki/rest/api/content/{id}/permission/check';

const PermissionCheckResponse = z.looseObject({
  hasPermission: z.boolean(),
  errors: z
    .array(z.looseObject({ translation: z.string().optional(), args: z.array(z.unknown()).optional() }))
    .optional(),
});

export type ContentOperation = 'read' | 'update' | 'delete';

/** The answer, with Confluence's reasons when refused; `missing` when there is no such content (404). */
export type ContentPermission = { hasPermission: boolean; reasons: string[] } | { missing: true };

export async function checkContentPermission(
  fetch: HttpFetch,
  contentId: string,
  accountId: string,
  operation: ContentOperation,
): Promise<ContentPermission> {
  const t = createTransport({ fetch, product: 'confluence', maxAttempts: 4 });
  const path = CONTENT_PERMISSION_CHECK.replace('{id}', encodeURIComponent(contentId));
  // A read: sending it twice is harmless, so it is retried like one.
  const { status, body } = await t.request('POST', path, {
    body: { subject: { type: 'user', identifier: accountId }, operation },
    idempotent: true,
    accept: [404],
  });
  if (status === 404) return { missing: true };
  const answer = PermissionCheckResponse.parse(body);
  return {
    hasPermission: answer.hasPermission,
    reasons: (answer.errors ?? []).flatMap((e) => (e.translation ? [e.translation] : [])),
  };
}

const PageOperations = z.looseObject({
  operations: z.array(z.looseObject({ operation: z.string(), targetType: z.string() })).default([]),
});

/**
 * Whether the caller may edit a page: v2 "Get permitted operations for page"
 * (`GET /wiki/api/v2/pages/{id}/operations`, read:page:confluence), `update` on `page`. False when
 * the page is gone or hidden from them (404).
 */
export async function mayEditPage(fetch: HttpFetch, pageId: string): Promise<boolean> {
  const t = createTransport({ fetch, product: 'confluence', maxAttempts: 4 });
  const { status, body } = await t.request(
    'GET',
    `/wiki/api/v2/pages/${encodeURIComponent(pageId)}/operations`,
    {
      accept: [404],
    },
  );
  if (status === 404) return false;
  return PageOperations.parse(body).operations.some(
    (o) => o.operation === 'update' && o.targetType === 'page',
  );
}
