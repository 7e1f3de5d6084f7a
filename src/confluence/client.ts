/**
 * Confluence Cloud REST v2 pages, over one injected fetch-like function (Forge's
 * `api.asUser().requestConfluence`, or the local host): read a page, find one by title in a
 * space, create and update pages with an `atlas_doc_format` body. 429 waits for Retry-After,
 * 5xx is retried for idempotent calls; a failure says which request, the status and
 * Confluence's own words.
 */
import { z } from 'zod';
import type { JiraFetch } from '../jira/fetch';
import { parseRetryAfter } from '../jira/transport';
import type { AdfDoc } from './adf';

/** Same seam as the Jira client: a site-relative, already encoded path. */
export type ConfluenceFetch = JiraFetch;

export class ConfluenceError extends Error {
  constructor(
    readonly method: string,
    readonly path: string,
    readonly status: number | undefined,
    message: string,
  ) {
    super(message);
    this.name = 'ConfluenceError';
  }
}

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

export interface ConfluenceClient {
  /** undefined when the page does not exist or the user cannot see it (404). */
  getPage(id: string, options?: { body?: boolean }): Promise<ConfluencePage | undefined>;
  findPageByTitle(
    spaceId: string,
    title: string,
    options?: { body?: boolean },
  ): Promise<ConfluencePage | undefined>;
  getSpaceByKey(key: string): Promise<ConfluenceSpace | undefined>;
  /** What the user may do in the space (`create`/`page` to publish); undefined when they cannot see it (404). */
  spaceOperations(spaceId: string): Promise<SpaceOperation[] | undefined>;
  createPage(page: PageWrite & { spaceId: string; parentId?: string }): Promise<ConfluencePage>;
  updatePage(page: PageWrite & { id: string; version: number; message?: string }): Promise<ConfluencePage>;
}

export interface ConfluenceClientOptions {
  fetch: ConfluenceFetch;
  sleep?: (ms: number) => Promise<void>;
  maxAttempts?: number;
}

const V2 = '/wiki/api/v2';

/** Confluence v2 errors are `{ errors: [{ status, code, title, detail }] }`; v1 and gateways say `message`. */
export function confluenceMessage(text: string): string | undefined {
  try {
    const body: unknown = JSON.parse(text);
    const parsed = z
      .object({
        errors: z.array(z.object({ title: z.string().nullish(), detail: z.string().nullish() })).optional(),
        message: z.string().optional(),
      })
      .safeParse(body);
    if (!parsed.success) return undefined;
    const said = (parsed.data.errors ?? [])
      .map((e) => [e.title, e.detail].filter((s) => s).join(': '))
      .filter((s) => s !== '');
    if (said.length > 0) return said.join('; ');
    return parsed.data.message;
  } catch {
    const t = text.trim();
    return t === '' || t.startsWith('<') ? undefined : t.slice(0, 300);
  }
}

export function createConfluenceClient(options: ConfluenceClientOptions): ConfluenceClient {
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const maxAttempts = options.maxAttempts ?? 4;

  async function send<S extends z.ZodType>(
    method: string,
    path: string,
    schema: S,
    body?: unknown,
    accept404 = false,
  ): Promise<z.output<S> | undefined> {
    const idempotent = method !== 'POST';
    for (let attempt = 1; ; attempt++) {
      let status: number;
      let text: string;
      let retryAfter: string | null;
      try {
        const res = await options.fetch(path, {
          method,
          ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        });
        status = res.status;
        text = await res.text();
        retryAfter = res.headers.get('Retry-After');
      } catch (e) {
        if (!idempotent || attempt >= maxAttempts) {
          throw new ConfluenceError(
            method,
            path,
            undefined,
            `Confluence ${method} ${path} could not be sent: ${e instanceof Error ? e.message : String(e)}`,
          );
        }
        await sleep(500 * 2 ** (attempt - 1));
        continue;
      }
      if (status >= 200 && status < 300) {
        let json: unknown;
        try {
          json = text.trim() === '' ? undefined : JSON.parse(text);
        } catch {
          throw new ConfluenceError(
            method,
            path,
            status,
            `Confluence ${method} ${path} answered with a body that is not JSON`,
          );
        }
        const parsed = schema.safeParse(json);
        if (!parsed.success)
          throw new ConfluenceError(
            method,
            path,
            status,
            `Confluence ${method} ${path} answered with an unexpected shape: ${z.prettifyError(parsed.error).replace(/\n/g, '; ')}`,
          );
        return parsed.data;
      }
      if (status === 404 && accept404) return undefined;
      const retryable = status === 429 || (idempotent && status >= 500 && status <= 504);
      if (retryable && attempt < maxAttempts) {
        await sleep(parseRetryAfter(retryAfter, Date.now()) ?? 500 * 2 ** (attempt - 1));
        continue;
      }
      throw new ConfluenceError(
        method,
        path,
        status,
        `Confluence ${method} ${path} failed with ${status}: ${confluenceMessage(text) ?? 'no message from Confluence'}`,
      );
    }
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
      if (created === undefined)
        throw new ConfluenceError('POST', `${V2}/pages`, undefined, 'Confluence created no page');
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
      if (updated === undefined)
        throw new ConfluenceError('PUT', path, undefined, 'Confluence updated no page');
      return updated;
    },
  };
}
