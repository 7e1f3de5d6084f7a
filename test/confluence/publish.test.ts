import { createConfluenceClient, isRunwayPage, publishDocument, toAdf } from '../../src/confluence';
import { defaultConfig } from '../../src/domain';
import { BUILT_IN_TEMPLATES, renderPlaybook } from '../../src/domain/playbooks';
import type { HttpFetch } from '../../src/http';
import type { JiraClient, HttpResponse } from '../../src/jira';
import { acme, AS_OF } from '../domain/playbooks/fixture';

const SITE = 'https://acme.atlassian.net';
const doc = renderPlaybook(BUILT_IN_TEMPLATES[0], acme(), { asOf: AS_OF, config: defaultConfig() });
const link = { globalId: 'runway:playbook:implementation-plan:ACME-1', relationship: 'Runway playbook' };

const response = (status: number, body: unknown, headers: Record<string, string> = {}): HttpResponse => ({
  status,
  headers: { get: (n) => headers[n] ?? headers[n.toLowerCase()] ?? null },
  text: async () => (typeof body === 'string' ? body : JSON.stringify(body)),
});
const pageJson = (id: string, title: string, version: number, body?: unknown) => ({
  id,
  title,
  spaceId: '100',
  status: 'current',
  version: { number: version },
  ...(body === undefined ? {} : { body: { atlas_doc_format: { value: JSON.stringify(body) } } }),
  _links: { webui: `/spaces/IMPL/pages/${id}`, base: `${SITE}/wiki` },
});

function jira(
  overrides: Partial<Pick<JiraClient, 'getRemoteLinks' | 'createRemoteLink' | 'myPermissions'>> = {},
) {
  const created: unknown[] = [];
  const client: Pick<JiraClient, 'getRemoteLinks' | 'createRemoteLink' | 'myPermissions'> = {
    getRemoteLinks: async () => [],
    createRemoteLink: async (_key, l) => {
      created.push(l);
      return { id: 1 };
    },
    myPermissions: async () => ({ LINK_ISSUES: true }),
    ...overrides,
  };
  return { client, created };
}

describe('publishing a document as a Confluence page', () => {
  it('creates the page under the macro’s page, with the ADF body, and links it from the implementation', async () => {
    const requests: { path: string; method?: string; body?: string }[] = [];
    const fetch: HttpFetch = async (path, init = {}) => {
      requests.push({ path, method: init.method, body: init.body });
      if (path.startsWith('/wiki/api/v2/spaces/100/pages?')) return response(200, { results: [] });
      if (init.method === 'POST') return response(200, pageJson('555', doc.title, 1));
      return response(404, { errors: [{ status: 404, title: 'Not found' }] });
    };
    const { client, created } = jira();
    const result = await publishDocument(doc, { spaceId: '100', parentId: '42' }, link, {
      confluence: createConfluenceClient({ fetch }),
      jira: client,
      siteUrl: SITE,
    });
    expect(result).toEqual({
      pageId: '555',
      title: doc.title,
      url: `${SITE}/wiki/spaces/IMPL/pages/555`,
      version: 1,
      created: true,
      linked: true,
    });
    const post = requests.find((r) => r.method === 'POST');
    expect(JSON.parse(post?.body ?? '{}')).toEqual({
      spaceId: '100',
      status: 'current',
      title: doc.title,
      parentId: '42',
      body: { representation: 'atlas_doc_format', value: JSON.stringify(toAdf(doc, { siteUrl: SITE })) },
    });
    expect(created).toEqual([
      {
        ...link,
        object: {
          url: result.url,
          title: doc.title,
          summary: `As of ${AS_OF}, published by Runway`,
          icon: { title: 'Confluence page' },
        },
      },
    ]);
  });

  it('updates the known page with the next version number', async () => {
    const methods: string[] = [];
    const fetch: HttpFetch = async (path, init = {}) => {
      methods.push(`${init.method ?? 'GET'} ${path}`);
      if (init.method === 'PUT')
        return response(200, pageJson('555', doc.title, JSON.parse(init.body ?? '{}').version.number));
      return response(200, pageJson('555', doc.title, 7));
    };
    const result = await publishDocument(doc, { spaceId: '100', knownPageId: '555' }, link, {
      confluence: createConfluenceClient({ fetch }),
      jira: jira().client,
      siteUrl: SITE,
    });
    expect(result).toMatchObject({ created: false, version: 8, pageId: '555' });
    expect(methods).toEqual(['GET /wiki/api/v2/pages/555', 'PUT /wiki/api/v2/pages/555']);
  });

  it('finds the page through the implementation’s remote link when nothing was remembered', async () => {
    const fetch: HttpFetch = async (path, init = {}) => {
      if (init.method === 'PUT') return response(200, pageJson('777', doc.title, 3));
      if (path === '/wiki/api/v2/pages/777') return response(200, pageJson('777', doc.title, 2));
      return response(404, {});
    };
    const { client } = jira({
      getRemoteLinks: async () => [
        {
          id: 9,
          globalId: link.globalId,
          object: { url: `${SITE}/wiki/spaces/IMPL/pages/777`, title: doc.title },
        },
      ],
    });
    expect(
      await publishDocument(doc, { spaceId: '100' }, link, {
        confluence: createConfluenceClient({ fetch }),
        jira: client,
        siteUrl: SITE,
      }),
    ).toMatchObject({ pageId: '777', created: false, version: 3 });
  });

  it('adopts a same-titled page Runway wrote for this implementation, and never overwrites anyone else’s', async () => {
    const ours = toAdf(doc);
    const theirs = {
      type: 'doc',
      version: 1,
      content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Meeting notes' }] }],
    };
    const withTitled =
      (body: unknown): HttpFetch =>
      async (path, init = {}) => {
        if (path.startsWith('/wiki/api/v2/spaces/100/pages?'))
          return response(200, { results: [pageJson('888', doc.title, 4, body)] });
        if (init.method === 'PUT') return response(200, pageJson('888', doc.title, 5));
        return response(404, {});
      };
    expect(isRunwayPage(pageJson('888', doc.title, 4, ours), 'ACME-1')).toBe(true);
    expect(
      await publishDocument(doc, { spaceId: '100' }, link, {
        confluence: createConfluenceClient({ fetch: withTitled(ours) }),
        jira: jira().client,
        siteUrl: SITE,
      }),
    ).toMatchObject({ pageId: '888', created: false });
    await expect(
      publishDocument(doc, { spaceId: '100' }, link, {
        confluence: createConfluenceClient({ fetch: withTitled(theirs) }),
        jira: jira().client,
        siteUrl: SITE,
      }),
    ).rejects.toThrow(
      `A page titled "${doc.title}" already exists in this space and was not published by Runway for ACME-1; rename or move that page, then publish again.`,
    );
  });

  it('waits for Retry-After on 429 and reports Confluence’s own words on failure', async () => {
    const waits: number[] = [];
    let calls = 0;
    const fetch: HttpFetch = async () => {
      calls++;
      return calls === 1
        ? response(429, '', { 'Retry-After': '2' })
        : response(403, {
            errors: [
              {
                status: 403,
                code: 'FORBIDDEN',
                title: 'You do not have permission to edit this page.',
                detail: null,
              },
            ],
          });
    };
    const client = createConfluenceClient({ fetch, sleep: async (ms) => void waits.push(ms) });
    await expect(client.updatePage({ id: '1', title: 't', adf: toAdf(doc), version: 2 })).rejects.toThrow(
      'Confluence PUT /wiki/api/v2/pages/1 failed with 403 Forbidden (after 2 attempts): You do not have permission to edit this page.',
    );
    expect(waits).toEqual([2000]);
  });
});
