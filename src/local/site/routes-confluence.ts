// Confluence Cloud REST v2: spaces and pages (ADF or storage bodies, versions, cursor paging).

import type { ConfluencePage, ConfluenceSpace } from './model';
import {
  confluenceError,
  decodeCursor,
  encodeCursor,
  fingerprintOf,
  intParam,
  isRecord,
  json,
  listParam,
  noContent,
  type Route,
  type RouteContext,
} from './http';
import { changeInstant } from './changelog';
import { canEditSpace, canViewSpace } from './permissions';
import { formatIsoInstant } from './time';

const V2 = '/wiki/api/v2';
const DUPLICATE_TITLE =
  'A page with this title already exists: A page already exists with the same TITLE in this space';

function spaceOf(ctx: RouteContext, id: string): ConfluenceSpace | undefined {
  return ctx.state.confluence.spaces.find((s) => s.id === id);
}

function viewableSpace(ctx: RouteContext, id: string): ConfluenceSpace | undefined {
  const space = spaceOf(ctx, id);
  return space && canViewSpace(space, ctx.user) ? space : undefined;
}

function spaceJson(ctx: RouteContext, space: ConfluenceSpace) {
  return {
    id: space.id,
    key: space.key,
    name: space.name,
    type: space.type,
    status: 'current',
    authorId: space.authorId,
    createdAt: space.createdAt,
    homepageId: space.homepageId,
    _links: { webui: `/spaces/${space.key}` },
  };
}

// ---- body representations -----------------------------------------------------------------

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function textOf(node: unknown): string {
  if (!isRecord(node)) return '';
  if (typeof node.text === 'string') return node.text;
  return Array.isArray(node.content) ? node.content.map(textOf).join('') : '';
}

/** A small ADF → storage rendering: headings and paragraphs by their text; enough for readers. */
function adfToStorage(doc: unknown): string {
  if (!isRecord(doc) || !Array.isArray(doc.content)) return '';
  return doc.content
    .map((node) => {
      if (!isRecord(node)) return '';
      const text = escapeXml(textOf(node));
      if (node.type === 'heading' && isRecord(node.attrs) && typeof node.attrs.level === 'number') {
        return `<h${node.attrs.level}>${text}</h${node.attrs.level}>`;
      }
      return `<p>${text}</p>`;
    })
    .join('');
}

function storageToAdf(storage: string) {
  const text = storage
    .replace(/<[^>]+>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return {
    type: 'doc',
    version: 1,
    content: text ? [{ type: 'paragraph', content: [{ type: 'text', text }] }] : [],
  };
}

function bodyIn(page: ConfluencePage, format: string | null): Record<string, unknown> {
  if (format === null) return {};
  const { body } = page;
  if (format === 'atlas_doc_format') {
    const value = body.representation === 'atlas_doc_format' ? body.value : storageToAdf(body.value);
    return { atlas_doc_format: { representation: 'atlas_doc_format', value: JSON.stringify(value) } };
  }
  const storage = body.representation === 'storage' ? body.value : adfToStorage(body.value);
  if (format === 'storage') return { storage: { representation: 'storage', value: storage } };
  return { [format]: { representation: format, value: storage } };
}

function pageJson(ctx: RouteContext, page: ConfluencePage, format: string | null, single: boolean) {
  const space = spaceOf(ctx, page.spaceId);
  const out: Record<string, unknown> = {
    id: page.id,
    status: page.status,
    title: page.title,
    spaceId: page.spaceId,
  };
  if (page.parentId !== null) {
    out.parentId = page.parentId;
    out.parentType = 'page';
  }
  Object.assign(out, {
    position: page.position,
    authorId: page.authorId,
    ownerId: page.ownerId,
    lastOwnerId: null,
    createdAt: page.createdAt,
    version: { ...page.version },
    body: bodyIn(page, format),
    _links: {
      webui: `/spaces/${space?.key ?? ''}/pages/${page.id}/${encodeURIComponent(page.title.replace(/\s+/g, '+'))}`,
      editui: `/pages/resumedraft.action?draftId=${page.id}`,
      tinyui: `/x/${Number(page.id).toString(36)}`,
      ...(single ? { base: `${ctx.state.baseUrl}/wiki` } : {}),
    },
  });
  return out;
}

const BODY_FORMATS = new Set([
  'storage',
  'atlas_doc_format',
  'view',
  'export_view',
  'anonymous_export_view',
  'styled_view',
  'editor',
]);

function listPage<T>(ctx: RouteContext, all: T[], path: string, render: (item: T) => unknown) {
  const limit = intParam(ctx.query, 'limit', 25);
  if (limit === null || limit < 1 || limit > 250)
    return confluenceError(400, "Invalid value for 'limit'. It must be between 1 and 250.");
  const fingerprint = fingerprintOf(
    `${ctx.user.accountId}\u0000${path}\u0000${[...ctx.query.entries()].filter(([k]) => k !== 'cursor').join('&')}`,
  );
  let offset = 0;
  const cursor = ctx.query.get('cursor');
  if (cursor) {
    const decoded = decodeCursor(cursor, fingerprint);
    if (decoded === null) return confluenceError(400, 'Invalid cursor.');
    offset = decoded;
  }
  const items = all.slice(offset, offset + limit);
  const links: Record<string, string> = { base: `${ctx.state.baseUrl}/wiki` };
  const headers: Record<string, string> = {};
  if (offset + items.length < all.length) {
    const next = new URLSearchParams(ctx.query);
    next.set('cursor', encodeCursor(fingerprint, offset + items.length));
    links.next = `${V2}${path}?${next.toString()}`;
    headers.link = `<${links.next}>; rel="next", <${links.base}>; rel="base"`;
  }
  return json(200, { results: items.map(render), _links: links }, headers);
}

// ---- spaces ----------------------------------------------------------------------------------

function getSpaces(ctx: RouteContext) {
  const ids = new Set(listParam(ctx.query, 'ids'));
  const keys = new Set(listParam(ctx.query, 'keys').map((k) => k.toUpperCase()));
  const type = ctx.query.get('type');
  const spaces = ctx.state.confluence.spaces
    .filter((s) => canViewSpace(s, ctx.user))
    .filter((s) => ids.size === 0 || ids.has(s.id))
    .filter((s) => keys.size === 0 || keys.has(s.key.toUpperCase()))
    .filter((s) => !type || s.type === type);
  return listPage(ctx, spaces, '/spaces', (s) => spaceJson(ctx, s));
}

function getSpace(ctx: RouteContext) {
  const space = viewableSpace(ctx, ctx.params.id);
  return space ? json(200, { ...spaceJson(ctx, space) }) : confluenceError(404, 'Space not found');
}

/**
 * GET /wiki/api/v2/spaces/{id}/operations ("Get permitted operations for space"): 404 unless the
 * user may view the space; `read`/`space` for every viewer, and the create operations for the
 * people the space lets add content.
 */
function getSpaceOperations(ctx: RouteContext) {
  const space = viewableSpace(ctx, ctx.params.id);
  if (!space) return confluenceError(404, 'Space not found');
  const operations = [{ operation: 'read', targetType: 'space' }];
  if (canEditSpace(space, ctx.user))
    for (const targetType of ['page', 'blogpost', 'comment', 'attachment'])
      operations.push({ operation: 'create', targetType });
  return json(200, { operations });
}

// ---- pages -----------------------------------------------------------------------------------

function readFormat(ctx: RouteContext): string | null | undefined {
  const format = ctx.query.get('body-format');
  if (format === null) return null;
  return BODY_FORMATS.has(format) ? format : undefined;
}

function queryPages(ctx: RouteContext, spaceIds: Set<string>) {
  const format = readFormat(ctx);
  if (format === undefined) return confluenceError(400, "Invalid value for 'body-format'.");
  const ids = new Set(listParam(ctx.query, 'id'));
  const title = ctx.query.get('title');
  const statuses = new Set(listParam(ctx.query, 'status'));
  if (statuses.size === 0) statuses.add('current');
  const pages = ctx.state.confluence.pages.filter((p) => {
    const space = spaceOf(ctx, p.spaceId);
    return (
      !!space &&
      canViewSpace(space, ctx.user) &&
      (spaceIds.size === 0 || spaceIds.has(p.spaceId)) &&
      (ids.size === 0 || ids.has(p.id)) &&
      (title === null || p.title === title) &&
      statuses.has(p.status)
    );
  });
  const sort = ctx.query.get('sort');
  if (sort === 'title' || sort === '-title')
    pages.sort((a, b) => a.title.localeCompare(b.title) * (sort === 'title' ? 1 : -1));
  if (sort === '-id') pages.reverse();
  return { pages, format };
}

function getPages(ctx: RouteContext) {
  const found = queryPages(ctx, new Set(listParam(ctx.query, 'space-id')));
  if (!('pages' in found)) return found;
  return listPage(ctx, found.pages, '/pages', (p) => pageJson(ctx, p, found.format, false));
}

function getSpacePages(ctx: RouteContext) {
  if (!viewableSpace(ctx, ctx.params.id)) return confluenceError(404, 'Space not found');
  const found = queryPages(ctx, new Set([ctx.params.id]));
  if (!('pages' in found)) return found;
  const pages =
    ctx.query.get('depth') === 'root' ? found.pages.filter((p) => p.parentId === null) : found.pages;
  return listPage(ctx, pages, `/spaces/${ctx.params.id}/pages`, (p) => pageJson(ctx, p, found.format, false));
}

function visiblePage(ctx: RouteContext): ConfluencePage | undefined {
  const page = ctx.state.confluence.pages.find((p) => p.id === ctx.params.id);
  if (!page) return undefined;
  const space = spaceOf(ctx, page.spaceId);
  return space && canViewSpace(space, ctx.user) ? page : undefined;
}

function getPage(ctx: RouteContext) {
  const format = readFormat(ctx);
  if (format === undefined) return confluenceError(400, "Invalid value for 'body-format'.");
  const page = visiblePage(ctx);
  const statuses = listParam(ctx.query, 'status');
  if (!page || (page.status === 'trashed' && !statuses.includes('trashed')))
    return confluenceError(404, 'Page not found');
  return json(200, pageJson(ctx, page, format, true));
}

/** Reads a write body (flat `{representation, value}` or nested `{atlas_doc_format: {...}}`). */
function readBody(raw: unknown): ConfluencePage['body'] | string {
  if (!isRecord(raw)) return 'The page body is required.';
  let write: Record<string, unknown> = raw;
  if (!('representation' in raw)) {
    const nested = ['atlas_doc_format', 'storage', 'wiki'].map((k) => raw[k]).find(isRecord);
    if (!nested) return 'The page body is required.';
    write = nested;
  }
  if (typeof write.value !== 'string') return 'The body value must be a string.';
  if (write.representation === 'atlas_doc_format') {
    let doc: unknown;
    try {
      doc = JSON.parse(write.value);
    } catch {
      return 'Error parsing ADF: the value is not valid JSON.';
    }
    if (!isRecord(doc) || doc.type !== 'doc' || !Array.isArray(doc.content))
      return "Error parsing ADF: the root node must be of type 'doc'.";
    return { representation: 'atlas_doc_format', value: doc };
  }
  if (write.representation === 'storage' || write.representation === 'wiki')
    return { representation: 'storage', value: write.value };
  return `Unsupported body representation '${String(write.representation)}'.`;
}

function titleTaken(ctx: RouteContext, spaceId: string, title: string, exceptId?: string): boolean {
  return ctx.state.confluence.pages.some(
    (p) =>
      p.spaceId === spaceId &&
      p.status !== 'trashed' &&
      p.id !== exceptId &&
      p.title.toLowerCase() === title.toLowerCase(),
  );
}

function postPage(ctx: RouteContext) {
  const body = ctx.body;
  if (!isRecord(body) || typeof body.spaceId !== 'string')
    return confluenceError(400, "The 'spaceId' is required.");
  const space = viewableSpace(ctx, body.spaceId);
  if (!space || !canEditSpace(space, ctx.user))
    return confluenceError(404, 'Space not found or you do not have permission to create a page in it.');
  const status = body.status ?? 'current';
  if (status !== 'current' && status !== 'draft')
    return confluenceError(400, "The status must be 'current' or 'draft'.");
  const title = typeof body.title === 'string' ? body.title.trim() : '';
  if (status === 'current' && title === '') return confluenceError(400, 'A page title is required.');
  if (title.length > 255) return confluenceError(400, 'The title must not be longer than 255 characters.');
  if (titleTaken(ctx, space.id, title)) return confluenceError(400, DUPLICATE_TITLE);
  const pageBody =
    body.body === undefined ? ({ representation: 'storage', value: '' } as const) : readBody(body.body);
  if (typeof pageBody === 'string') return confluenceError(400, pageBody);
  let parentId: string | null = space.homepageId;
  if (ctx.query.get('root-level') === 'true') parentId = null;
  if (typeof body.parentId === 'string') {
    const parent = ctx.state.confluence.pages.find((p) => p.id === body.parentId && p.spaceId === space.id);
    if (!parent) return confluenceError(404, 'The parent page does not exist.');
    parentId = parent.id;
  }
  const at = formatIsoInstant(changeInstant(ctx.state, ctx.nowMs));
  const page: ConfluencePage = {
    id: String(ctx.state.counters.pageId++),
    spaceId: space.id,
    parentId,
    title,
    status,
    authorId: ctx.user.accountId,
    ownerId: ctx.user.accountId,
    createdAt: at,
    position: ctx.state.confluence.pages.filter((p) => p.parentId === parentId).length,
    version: { number: 1, message: '', minorEdit: false, authorId: ctx.user.accountId, createdAt: at },
    body: pageBody,
  };
  ctx.state.confluence.pages.push(page);
  return json(200, pageJson(ctx, page, page.body.representation, true));
}

function putPage(ctx: RouteContext) {
  const page = visiblePage(ctx);
  if (!page) return confluenceError(404, 'Page not found');
  const space = spaceOf(ctx, page.spaceId);
  if (!space || !canEditSpace(space, ctx.user))
    return confluenceError(403, 'You do not have permission to edit this page.');
  const body = ctx.body;
  if (!isRecord(body)) return confluenceError(400, 'The request body is required.');
  if (body.id !== undefined && String(body.id) !== page.id)
    return confluenceError(400, 'The page id in the body does not match the path.');
  if (body.status !== 'current' && body.status !== 'draft')
    return confluenceError(400, "The status must be 'current' or 'draft'.");
  const title = typeof body.title === 'string' ? body.title.trim() : '';
  if (title === '') return confluenceError(400, 'A page title is required.');
  if (!isRecord(body.version) || typeof body.version.number !== 'number')
    return confluenceError(400, 'The version number is required.');
  if (body.version.number !== page.version.number + 1) {
    return confluenceError(
      409,
      `Version must be incremented on update. Current Version is: ${page.version.number}`,
    );
  }
  if (titleTaken(ctx, page.spaceId, title, page.id)) return confluenceError(400, DUPLICATE_TITLE);
  const pageBody = readBody(body.body);
  if (typeof pageBody === 'string') return confluenceError(400, pageBody);
  const at = formatIsoInstant(changeInstant(ctx.state, ctx.nowMs));
  page.title = title;
  page.status = body.status;
  page.body = pageBody;
  page.version = {
    number: body.version.number,
    message: typeof body.version.message === 'string' ? body.version.message : '',
    minorEdit: false,
    authorId: ctx.user.accountId,
    createdAt: at,
  };
  return json(200, pageJson(ctx, page, page.body.representation, true));
}

function deletePage(ctx: RouteContext) {
  const page = visiblePage(ctx);
  if (!page || page.status === 'trashed') return confluenceError(404, 'Page not found');
  const space = spaceOf(ctx, page.spaceId);
  if (!space || !canEditSpace(space, ctx.user))
    return confluenceError(403, 'You do not have permission to delete this page.');
  page.status = 'trashed';
  return noContent();
}

/** GET /pages/{id}/labels: the page's labels, paged like every v2 list. */
function getPageLabels(ctx: RouteContext) {
  const page = visiblePage(ctx);
  if (!page || page.status === 'trashed') return confluenceError(404, 'Page not found');
  const labels = (page.labels ?? []).map((name, i) => ({ id: `${page.id}${i}`, name, prefix: 'global' }));
  return listPage(ctx, labels, `/pages/${page.id}/labels`, (l) => l);
}

export const confluenceRoutes: Route[] = [
  { method: 'GET', template: `${V2}/spaces`, run: getSpaces },
  { method: 'GET', template: `${V2}/spaces/{id}`, run: getSpace },
  { method: 'GET', template: `${V2}/spaces/{id}/pages`, run: getSpacePages },
  { method: 'GET', template: `${V2}/spaces/{id}/operations`, run: getSpaceOperations },
  { method: 'GET', template: `${V2}/pages`, run: getPages },
  { method: 'POST', template: `${V2}/pages`, run: postPage },
  { method: 'GET', template: `${V2}/pages/{id}`, run: getPage },
  { method: 'GET', template: `${V2}/pages/{id}/labels`, run: getPageLabels },
  { method: 'PUT', template: `${V2}/pages/{id}`, run: putPage },
  { method: 'DELETE', template: `${V2}/pages/{id}`, run: deletePage },
];
