/**
 * Confluence Cloud REST v2 pages over the shared transport (src/http): read a page, find one by
 * title in a space, create and update pages with an `atlas_doc_format` body. Retries, the
 * concurrency bound and the invocation's deadline are the transport's, as for Jira; a failure is
 * an HttpError of product 'confluence' with Confluence's own words.
 */
import { z } from 'zod';
import { createTransport, HttpError, shapeError, type TransportOptions } from '../http';
import type { AdfDoc } from './adf';

export const ConfluencePageSchema = z.looseObject({
  id: z.string(),
  title: z.string(),
  spaceId: z.string(),
  status: z.string(),
  version: z.looseObject({ number: z.number().int() }),
  body: z
    .looseObject({
      atlas_doc_format: z.looseObject({ value: z.string() }).optional(),
    })
    .optional(),
  _links: z.looseObject({ webui: z.string().optional(), base: z.string().optional() }).optional(),
});
export type ConfluencePage = z.infer<typeof ConfluencePageSchema>;

const PageListSchema = z.looseObject({ results: z.array(ConfluencePageSchema) });
const SpaceSchema = z.looseObject({ id: z.string(), key: z.string(), name: z.string().optional() });
const SpaceListSchema = z.looseObject({ results: z.array(SpaceSchema) });
export type ConfluenceSpace = z.infer<typeof SpaceSchema>;
const SpaceOperationSchema = z.looseObject({ operation: z.string(), targetType: z.string() });
export type SpaceOperation = z.infer<typeof SpaceOperationSchema>;
const SpaceOperationsSchema = z.looseObject({ operations: z.array(SpaceOperationSchema).default([]) });

export interface PageWrite {
  title: string;
  adf: AdfDoc;
}

const LabelListSchema = z.looseObject({ results: z.array(z.looseObject({ name: z.string() })) });

export interface ConfluenceClient {
  /** undefined when the page does not exist or the user cannot see it (404). */
  getPage(id: string, options?: { body?: boolean }): Promise<ConfluencePage | undefined>;
  findPageByTitle(
    spaceId: string,
    title: string,
    options?: { body?: boolean },
  ): Promise<ConfluencePage | undefined>;
  getSpaceByKey(key: string): Promise<ConfluenceSpace | undefined>;
  /** The page's labels (first 50); undefined when the page does not exist or the user cannot see it. */
  getPageLabels(id: string): Promise<string[] | undefined>;
  /** What the user may do in the space (`create`/`page` to publish); undefined when they cannot see it (404). */
  spaceOperations(spaceId: string): Promise<SpaceOperation[] | undefined>;
  createPage(page: PageWrite & { spaceId: string; parentId?: string }): Promise<ConfluencePage>;
  updatePage(page: PageWrite & { id: string; version: number; message?: string }): Promise<ConfluencePage>;
}

/** The transport's options; the product is always Confluence. */
export type ConfluenceClientOptions = Omit<TransportOptions, 'product'>;

const V2 = '/wiki/api/v2';

export function createConfluenceClient(options: ConfluenceClientOptions): ConfluenceClient {
  const t = createTransport({ maxAttempts: 4, ...options, product: 'confluence' });

  /** Sends; `undefined` for a 404 when `accept404`. POST creates, so only a 429 is retried for it. */
  async function send<S extends z.ZodType>(
    method: string,
    path: string,
    schema: S,
    body?: unknown,
    accept404 = false,
  ): Promise<z.output<S> | undefined> {
    const result = await t.request(method, path, {
      ...(body === undefined ? {} : { body }),
      idempotent: method !== 'POST',
      ...(accept404 ? { accept: [404] } : {}),
    });
    if (result.status === 404 && accept404) return undefined;
    const parsed = schema.safeParse(result.body);
    if (!parsed.success) throw shapeError('confluence', method, path, parsed.error);
    return parsed.data;
  }

  const bodyOf = (adf: AdfDoc) => ({ representation: 'atlas_doc_format', value: JSON.stringify(adf) });

  return {
    getPage: (id, opts = {}) =>
      send(
        'GET',
        `${V2}/pages/${encodeURIComponent(id)}${opts.body ? '?body-format=atlas_doc_format' : ''}`,
        ConfluencePageSchema,
        undefined,
        true,
      ),

    async findPageByTitle(spaceId, title, opts = {}) {
      const q = new URLSearchParams({ title, status: 'current', limit: '5' });
      if (opts.body) q.set('body-format', 'atlas_doc_format');
      const list = await send(
        'GET',
        `${V2}/spaces/${encodeURIComponent(spaceId)}/pages?${q.toString()}`,
        PageListSchema,
        undefined,
        true,
      );
      return list?.results.find((p) => p.title === title);
    },

    async getPageLabels(id) {
      const path = `${V2}/pages/${encodeURIComponent(id)}/labels?limit=50`;
      const list = await send('GET', path, LabelListSchema, undefined, true);
      return list?.results.map((l) => l.name);
    },

    async getSpaceByKey(key) {
      const list = await send('GET', `${V2}/spaces?keys=${encodeURIComponent(key)}`, SpaceListSchema);
      return list?.results.find((s) => s.key.toUpperCase() === key.toUpperCase());
    },

    async spaceOperations(spaceId) {
      const answer = await send(
        'GET',
        `${V2}/spaces/${encodeURIComponent(spaceId)}/operations`,
        SpaceOperationsSchema,
        undefined,
        true,
      );
      return answer?.operations;
    },

    async createPage(page) {
      const created = await send('POST', `${V2}/pages`, ConfluencePageSchema, {
        spaceId: page.spaceId,
        status: 'current',
        title: page.title,
        ...(page.parentId === undefined ? {} : { parentId: page.parentId }),
        body: bodyOf(page.adf),
      });
      if (created === undefined) throw noPage('POST', `${V2}/pages`);
      return created;
    },

    async updatePage(page) {
      const path = `${V2}/pages/${encodeURIComponent(page.id)}`;
      const updated = await send('PUT', path, ConfluencePageSchema, {
        id: page.id,
        status: 'current',
        title: page.title,
        body: bodyOf(page.adf),
        version: { number: page.version, message: page.message ?? 'Updated by Runway' },
      });
      if (updated === undefined) throw noPage('PUT', path);
      return updated;
    },
  };
}

const noPage = (method: string, path: string): HttpError =>
  new HttpError({ product: 'confluence', kind: 'shape', method, path, reason: 'no page in the answer' });
