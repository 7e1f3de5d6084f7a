// The local Forge host over HTTP: product pages with the app's frames, the built Custom UI
// resources (with the bridge script injected), the bridge endpoint, the Atlaskit theme CSS, and
// the site's REST API for the command line (`runway kpis --site http://localhost:PORT`).
import * as fs from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';
import { z } from 'zod';
import { canEditDashboard } from './dashboard';
import { findAppRoot, type HostUser, type LocalForge } from './forge';
import type { FrameContext } from './frames';
import type { Html } from './html';
import * as pages from './pages';
import type { PageFrame, IssueSummary, ColorMode } from './pages';
import type { Surface } from './manifest';
import {
  jiraErrorText,
  postedTransition,
  transitionControl,
  transitionOptions,
  type TransitionModel,
} from './transition-form';

export interface HostServerOptions {
  forge: LocalForge;
  /** 0 picks a free port (tests). */
  port?: number;
  /** Interface to listen on; default 127.0.0.1. */
  listen?: string;
  appRoot?: string;
  /** accountId behind an `Authorization` header of a REST call, or undefined (401). */
  authenticate?: (authorization: string | undefined) => string | undefined;
}

export interface HostServer {
  /** e.g. http://localhost:41234 (no trailing slash). */
  url: string;
  port: number;
  forge: LocalForge;
  /** URL of a product page showing a module, for a user and theme (what the index links to). */
  pageUrl(
    moduleKey: string,
    options?: { user?: string; theme?: ColorMode; entry?: 'view' | 'edit' },
  ): Promise<string>;
  close(): Promise<void>;
}

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.gif': 'image/gif',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.wasm': 'application/wasm',
  '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
};

const TOKEN_THEMES = [
  'atlassian-light',
  'atlassian-dark',
  'atlassian-spacing',
  'atlassian-typography',
  'atlassian-shape',
  'atlassian-motion',
];

/** The Atlaskit design-token CSS the product injects into themed frames (and uses itself). */
function tokensCss(): string {
  const parts: string[] = [];
  for (const theme of TOKEN_THEMES) {
    try {
      const mod: unknown = require(`@atlaskit/tokens/dist/cjs/artifacts/themes/${theme}.js`);
      const css =
        typeof mod === 'object' && mod !== null ? (mod as { default?: unknown }).default : undefined;
      if (typeof css === 'string') parts.push(css);
    } catch {
      parts.push(`/* ${theme} is not installed: token fallbacks apply */`);
    }
  }
  return parts.join('\n');
}

const bridgeRequest = z.object({
  frame: z.string().min(1),
  call: z.string().min(1),
  payload: z.unknown().optional(),
});

class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

function cookies(req: http.IncomingMessage): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0) {
      try {
        out[part.slice(0, eq).trim()] = decodeURIComponent(part.slice(eq + 1).trim());
      } catch {
        // A cookie we did not write; ignore it.
      }
    }
  }
  return out;
}

/**
 * A state-changing form post must come from the host's own pages: browsers send Origin (and
 * Sec-Fetch-Site) with a form post, so another site cannot move issues as the local user.
 */
function sameOrigin(req: http.IncomingMessage): boolean {
  const site = req.headers['sec-fetch-site'];
  if (typeof site === 'string' && site !== 'same-origin' && site !== 'none') return false;
  const origin = req.headers.origin;
  if (origin === undefined) return true;
  try {
    return new URL(origin).host === req.headers.host;
  } catch {
    return false;
  }
}

async function readBody(req: http.IncomingMessage, limit = 5 * 1024 * 1024): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buf = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
    size += buf.length;
    if (size > limit) throw new HttpError(413, `Request body over ${limit} bytes`);
    chunks.push(buf);
  }
  return Buffer.concat(chunks).toString('utf8');
}

export async function startHostServer(options: HostServerOptions): Promise<HostServer> {
  const { forge } = options;
  const appRoot = options.appRoot ?? findAppRoot();
  const tokens = tokensCss();
  let origin = '';

  // ---- site data for the pages, read as the acting user through the site's REST API ----

  async function rest(
    user: HostUser,
    method: string,
    pathWithQuery: string,
    body?: unknown,
  ): Promise<{ status: number; json: unknown }> {
    const answer = await forge.site.handle({
      method,
      path: pathWithQuery,
      headers: {
        accept: 'application/json',
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? null : JSON.stringify(body),
      accountId: user.accountId,
    });
    try {
      return { status: answer.status, json: answer.body ? (JSON.parse(answer.body) as unknown) : null };
    } catch {
      return { status: answer.status, json: null };
    }
  }

  const issueSchema = z.object({
    id: z.string(),
    key: z.string(),
    fields: z.object({
      summary: z.string().default(''),
      labels: z.array(z.string()).default([]),
      status: z.object({ name: z.string() }).optional(),
      issuetype: z.object({ id: z.string(), name: z.string() }).optional(),
      project: z
        .object({ id: z.string(), key: z.string(), name: z.string(), projectTypeKey: z.string().optional() })
        .optional(),
    }),
  });
  type Issue = z.infer<typeof issueSchema>;
  const summary = (i: Issue): IssueSummary => ({
    key: i.key,
    summary: i.fields.summary,
    status: i.fields.status?.name ?? '',
    type: i.fields.issuetype?.name ?? '',
    project: { key: i.fields.project?.key ?? '', name: i.fields.project?.name ?? '' },
  });

  async function search(user: HostUser, jql: string): Promise<Issue[]> {
    const out: Issue[] = [];
    let nextPageToken: string | undefined;
    for (let page = 0; page < 50; page += 1) {
      const r = await rest(user, 'POST', '/rest/api/3/search/jql', {
        jql,
        fields: ['summary', 'labels', 'status', 'issuetype', 'project'],
        maxResults: 100,
        ...(nextPageToken ? { nextPageToken } : {}),
      });
      if (r.status !== 200) return out;
      const parsed = z
        .object({ issues: z.array(issueSchema), nextPageToken: z.string().optional() })
        .safeParse(r.json);
      if (!parsed.success) return out;
      out.push(...parsed.data.issues);
      nextPageToken = parsed.data.nextPageToken;
      if (!nextPageToken) return out;
    }
    return out;
  }

  async function getIssue(user: HostUser, key: string): Promise<Issue | undefined> {
    const r = await rest(
      user,
      'GET',
      `/rest/api/3/issue/${encodeURIComponent(key)}?fields=summary,labels,status,issuetype,project`,
    );
    const parsed = issueSchema.safeParse(r.json);
    return r.status === 200 && parsed.success ? parsed.data : undefined;
  }

  async function projects(
    user: HostUser,
  ): Promise<Array<{ id: string; key: string; name: string; type: string }>> {
    const r = await rest(user, 'GET', '/rest/api/3/project');
    const parsed = z
      .array(
        z.object({
          id: z.string(),
          key: z.string(),
          name: z.string(),
          projectTypeKey: z.string().default('software'),
        }),
      )
      .safeParse(r.json);
    return parsed.success
      ? parsed.data.map((p) => ({ id: p.id, key: p.key, name: p.name, type: p.projectTypeKey }))
      : [];
  }

  async function confluencePages(
    user: HostUser,
  ): Promise<Array<{ id: string; title: string; spaceId: string }>> {
    const r = await rest(user, 'GET', '/wiki/api/v2/pages?limit=250');
    const parsed = z
      .object({ results: z.array(z.object({ id: z.string(), title: z.string(), spaceId: z.string() })) })
      .safeParse(r.json);
    return parsed.success ? parsed.data.results : [];
  }

  async function confluencePage(
    user: HostUser,
    id: string,
  ): Promise<{ id: string; title: string; space: { id: string; key: string } } | undefined> {
    const r = await rest(user, 'GET', `/wiki/api/v2/pages/${encodeURIComponent(id)}`);
    const page = z.object({ id: z.string(), title: z.string(), spaceId: z.string() }).safeParse(r.json);
    if (r.status !== 200 || !page.success) return undefined;
    const s = await rest(user, 'GET', `/wiki/api/v2/spaces/${encodeURIComponent(page.data.spaceId)}`);
    const space = z.object({ id: z.string(), key: z.string() }).safeParse(s.json);
    return {
      id: page.data.id,
      title: page.data.title,
      space: space.success ? space.data : { id: page.data.spaceId, key: '' },
    };
  }

  /** Implementations the user can see (data-model.md defaults); a search Jira refuses (no such type) finds none. */
  async function implementations(user: HostUser): Promise<Issue[]> {
    const byKey = new Map<string, Issue>();
    for (const jql of [
      'labels = implementation ORDER BY key ASC',
      'issuetype = Implementation ORDER BY key ASC',
    ]) {
      for (const issue of await search(user, jql)) if (isImplementation(issue)) byKey.set(issue.key, issue);
    }
    return [...byKey.values()].sort((a, b) => a.key.localeCompare(b.key, 'en', { numeric: true }));
  }

  const isImplementation = (i: Issue) =>
    i.fields.labels.some((l) => l.toLowerCase() === 'implementation') ||
    (i.fields.issuetype?.name ?? '').toLowerCase() === 'implementation';

  // ---- frames -------------------------------------------------------------------------------

  function resourceDir(resource: string): string | undefined {
    const rel = forge.manifest.resources.get(resource);
    return rel === undefined ? undefined : path.resolve(appRoot, rel);
  }

  function frameFor(
    surface: Surface,
    user: HostUser,
    theme: ColorMode,
    opts: {
      context?: FrameContext;
      localId?: string;
      entry?: 'view' | 'edit';
      done?: string;
      editHref?: string;
      title?: string;
    },
  ): PageFrame {
    const entry = opts.entry ?? 'view';
    const resource = entry === 'edit' ? (surface.editResource ?? surface.resource) : surface.resource;
    const frame = forge.frame(surface.key, user.accountId, {
      context: opts.context,
      localId: opts.localId,
      entry,
    });
    const dir = resourceDir(resource);
    const built = dir !== undefined && fs.existsSync(path.join(dir, 'index.html'));
    return {
      surface,
      title: opts.title ?? surface.title,
      src: pages.href(`/app/${encodeURIComponent(resource)}/index.html`, {
        frame: forge.frameToken(frame),
        theme,
      }),
      done: opts.done,
      editHref: opts.editHref,
      missing: built
        ? undefined
        : `The Custom UI resource "${resource}" is not built yet (${forge.manifest.resources.get(resource) ?? 'not in manifest.yml'}): run npm run build.`,
    };
  }

  const surfacesOf = (type: Surface['type']) => forge.manifest.surfaces.filter((s) => s.type === type);

  // ---- pages --------------------------------------------------------------------------------

  interface PageRequest {
    url: URL;
    user: HostUser;
    theme: ColorMode;
    chrome: (title: string, product?: 'Jira' | 'Confluence') => pages.Chrome;
  }

  /**
   * The issue view: panels, details, and the status with the transitions the user may take.
   * `flash` is what the last move did: refused (error) or made (present without error).
   */
  async function issueView(
    req: PageRequest,
    key: string,
    flash?: { error?: string; selected?: string },
  ): Promise<Html> {
    const { user, theme } = req;
    const issue = await getIssue(user, key);
    if (!issue)
      return pages.messagePage(
        req.chrome(key),
        'Issue not found',
        `${key} does not exist or you do not have permission to see it.`,
      );
    const project = issue.fields.project;
    const context: FrameContext = {
      issue: {
        id: issue.id,
        key: issue.key,
        type: issue.fields.issuetype?.name ?? '',
        typeId: issue.fields.issuetype?.id ?? '',
      },
      project: project
        ? { id: project.id, key: project.key, type: project.projectTypeKey ?? 'software' }
        : undefined,
    };
    // The panels' display conditions (manifest) limit them to implementations.
    const panels = isImplementation(issue)
      ? surfacesOf('jira:issuePanel').map((s) =>
          frameFor(s, user, theme, { context, localId: `${s.key}-${issue.id}` }),
        )
      : [];
    const transitions = await rest(
      user,
      'GET',
      `/rest/api/3/issue/${encodeURIComponent(issue.key)}/transitions`,
    );
    const status = issue.fields.status?.name ?? '';
    const workflow: TransitionModel = {
      issueKey: issue.key,
      status,
      transitions: transitions.status === 200 ? transitionOptions(transitions.json) : [],
      error: flash?.error,
      selected: flash?.selected,
      notice: flash && !flash.error ? `${issue.key} is now ${status}.` : undefined,
    };
    return pages.issuePage(
      req.chrome(`[${issue.key}] ${issue.fields.summary}`),
      summary(issue),
      panels,
      transitionControl(workflow),
    );
  }

  /** The issue view's Move: the transition as the acting user, through the site (and so its validators). */
  async function moveIssue(
    req: PageRequest,
    key: string,
    body: string,
  ): Promise<{ html: Html; status: number } | { redirect: string }> {
    const transition = postedTransition(body);
    if (!transition)
      return {
        html: await issueView(req, key, { error: 'Choose the status to move the issue to.' }),
        status: 400,
      };
    const answer = await rest(req.user, 'POST', `/rest/api/3/issue/${encodeURIComponent(key)}/transitions`, {
      transition: { id: transition },
    });
    if (answer.status === 204 || answer.status === 200)
      return { redirect: `/browse/${encodeURIComponent(key)}?moved=1` };
    return {
      html: await issueView(req, key, {
        error: jiraErrorText(answer.status, answer.json),
        selected: transition,
      }),
      status: answer.status >= 500 ? 502 : answer.status,
    };
  }

  async function page(req: PageRequest): Promise<Html | { redirect: string } | undefined> {
    const { url, user, theme } = req;
    const parts = url.pathname.split('/').filter(Boolean).map(decodeURIComponent);
    const [first, second, third, fourth] = parts;

    if (parts.length === 0) {
      const impls = await implementations(user);
      const firstImpl = impls[0];
      const projectList = await projects(user);
      const pageList = await confluencePages(user);
      const surfaceLinks = forge.manifest.surfaces.map((surface) => {
        switch (surface.type) {
          case 'jira:issuePanel':
            return {
              surface,
              href: firstImpl ? `/browse/${firstImpl.key}` : null,
              note: firstImpl ? `on ${firstImpl.key}` : 'no implementation visible',
            };
          case 'jira:dashboardGadget':
            return { surface, href: '/dashboard' };
          case 'jira:projectPage':
            return {
              surface,
              href: projectList[0] ? `/projects/${projectList[0].key}/apps/${surface.key}` : null,
              note: projectList[0]?.key,
            };
          case 'jira:adminPage':
            return { surface, href: `/admin/apps/${surface.key}` };
          case 'macro':
            return {
              surface,
              href: pageList[0] ? `/wiki/pages/${pageList[0].id}` : null,
              note: pageList[0]?.title,
            };
        }
      });
      return pages.indexPage(req.chrome('Index'), {
        surfaces: surfaceLinks,
        implementations: impls.map(summary),
        projects: projectList,
        pages: pageList,
      });
    }

    if (first === 'frame' && second && parts.length === 2) {
      const surface = forge.surface(second);
      const entry = url.searchParams.get('entry') === 'edit' ? '&edit=1' : '';
      switch (surface.type) {
        case 'jira:issuePanel': {
          const impl = (await implementations(user))[0];
          return { redirect: impl ? `/browse/${impl.key}` : '/' };
        }
        case 'jira:dashboardGadget':
          return { redirect: entry ? `/dashboard?edit=${encodeURIComponent(surface.key)}` : '/dashboard' };
        case 'jira:projectPage': {
          const p = (await projects(user))[0];
          return { redirect: p ? `/projects/${p.key}/apps/${surface.key}` : '/projects' };
        }
        case 'jira:adminPage':
          return { redirect: `/admin/apps/${surface.key}` };
        case 'macro': {
          const p = (await confluencePages(user))[0];
          return {
            redirect: p
              ? `/wiki/pages/${p.id}${entry ? `?edit=${encodeURIComponent(surface.key)}` : ''}`
              : '/wiki',
          };
        }
      }
    }

    if (first === 'browse' && second && parts.length === 2) {
      return issueView(req, second, url.searchParams.has('moved') ? {} : undefined);
    }

    if (first === 'dashboard' && parts.length === 1) {
      // Only the dashboard's editors get a gadget's Edit (./dashboard.ts); others see the view.
      const editor = canEditDashboard(user.accountId);
      const editing = editor ? url.searchParams.get('edit') : null;
      const gadgets = surfacesOf('jira:dashboardGadget').map((s) => {
        const edit = editing === s.key && s.editResource !== undefined;
        return frameFor(s, user, theme, {
          entry: edit ? 'edit' : 'view',
          done: edit ? '/dashboard' : undefined,
          editHref: editor && !edit && s.editResource ? pages.href('/dashboard', { edit: s.key }) : undefined,
          title: edit ? `${s.title}: edit` : s.title,
        });
      });
      return pages.framesPage(
        req.chrome('Dashboard'),
        { crumbs: 'Dashboards', title: 'Runway dashboard' },
        gadgets,
        'gadget',
      );
    }

    if (first === 'projects') {
      const list = await projects(user);
      if (parts.length === 1) {
        return pages.listPage(
          req.chrome('Projects'),
          'Projects',
          list.map((p) => ({ href: `/projects/${p.key}`, text: `${p.name} (${p.key})` })),
          'You cannot browse any project.',
        );
      }
      const project = list.find((p) => p.key === second);
      if (!project)
        return pages.messagePage(
          req.chrome(second ?? ''),
          'Project not found',
          `No project ${second} exists or you do not have permission to browse it.`,
        );
      const modules = surfacesOf('jira:projectPage');
      if (parts.length === 2) {
        if (modules.length === 1) return { redirect: `/projects/${project.key}/apps/${modules[0].key}` };
        return pages.listPage(
          req.chrome(project.name),
          project.name,
          modules.map((m) => ({ href: `/projects/${project.key}/apps/${m.key}`, text: m.title })),
          'The app adds no project page.',
        );
      }
      if (third === 'apps' && fourth && parts.length === 4) {
        const surface = modules.find((m) => m.key === fourth);
        if (!surface) return undefined;
        const frame = frameFor(surface, user, theme, {
          context: { project: { id: project.id, key: project.key, type: project.type } },
          localId: `${surface.key}-${project.id}`,
        });
        return pages.framesPage(
          req.chrome(`${surface.title} - ${project.name}`),
          { crumbs: `Projects / ${project.name}`, title: surface.title },
          [frame],
          'panel',
        );
      }
      return undefined;
    }

    if (first === 'admin') {
      const modules = surfacesOf('jira:adminPage');
      if (parts.length === 1)
        return pages.listPage(
          req.chrome('Apps'),
          'Jira settings: apps',
          modules.map((m) => ({ href: `/admin/apps/${m.key}`, text: m.title })),
          'The app adds no admin page.',
        );
      if (second === 'apps' && third && parts.length === 3) {
        const surface = modules.find((m) => m.key === third);
        if (!surface) return undefined;
        return pages.framesPage(
          req.chrome(surface.title),
          { crumbs: 'Jira settings / Apps', title: surface.title },
          [frameFor(surface, user, theme, {})],
          'panel',
        );
      }
      return undefined;
    }

    if (first === 'wiki') {
      if (parts.length === 1) {
        const list = await confluencePages(user);
        return pages.listPage(
          req.chrome('Pages', 'Confluence'),
          'Confluence pages',
          list.map((p) => ({ href: `/wiki/pages/${p.id}`, text: p.title })),
          'You cannot see any page.',
        );
      }
      if (second === 'pages' && third && parts.length === 3) {
        const found = await confluencePage(user, third);
        if (!found)
          return pages.messagePage(
            req.chrome('Page', 'Confluence'),
            'Page not found',
            'This page does not exist or you do not have permission to view it.',
          );
        const editing = url.searchParams.get('edit');
        const here = `/wiki/pages/${encodeURIComponent(found.id)}`;
        const macros = surfacesOf('macro').map((s) => {
          const edit = editing === s.key && s.editResource !== undefined;
          return frameFor(s, user, theme, {
            context: { content: { id: found.id, type: 'page' }, space: found.space },
            localId: `${s.key}-${found.id}`,
            entry: edit ? 'edit' : 'view',
            done: edit ? here : undefined,
            editHref: !edit && s.editResource ? pages.href(here, { edit: s.key }) : undefined,
            title: edit ? `${s.title}: settings` : s.title,
          });
        });
        return pages.framesPage(
          req.chrome(found.title, 'Confluence'),
          { crumbs: `Spaces / ${found.space.key}`, title: found.title },
          macros,
          'panel',
        );
      }
    }
    return undefined;
  }

  // ---- request handling ------------------------------------------------------------------------

  function send(
    res: http.ServerResponse,
    status: number,
    type: string,
    body: string | Buffer,
    headers: Record<string, string | string[]> = {},
  ): void {
    res.writeHead(status, {
      'content-type': type,
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
      ...headers,
    });
    res.end(body);
  }

  function serveResource(res: http.ServerResponse, resource: string, rest: string): void {
    const dir = resourceDir(resource);
    if (!dir) throw new HttpError(404, `manifest.yml has no resource "${resource}"`);
    const file = path.resolve(dir, rest || 'index.html');
    if (file !== dir && !file.startsWith(dir + path.sep))
      throw new HttpError(403, 'Path outside the resource');
    if (!fs.existsSync(file) || !fs.statSync(file).isFile())
      throw new HttpError(404, `${resource}/${rest} is not in the built resource (run npm run build)`);
    const type = MIME[path.extname(file)] ?? 'application/octet-stream';
    if (path.extname(file) === '.html') {
      // The bridge must exist before the app's module scripts load @forge/bridge.
      const text = fs
        .readFileSync(file, 'utf8')
        .replace(/<head([^>]*)>/i, (m) => `${m}\n<script src="/__host/host.js"></script>`);
      send(res, 200, type, text);
      return;
    }
    send(res, 200, type, fs.readFileSync(file));
  }

  async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', origin);
    const method = (req.method ?? 'GET').toUpperCase();

    if (url.pathname === '/__host/bridge' && method === 'POST') {
      let answer: unknown;
      try {
        const body = bridgeRequest.parse(JSON.parse(await readBody(req)));
        answer = {
          ok: true,
          result: (await forge.bridge(body.frame, body.call, body.payload, origin)) ?? null,
        };
      } catch (e) {
        answer = {
          ok: false,
          error:
            e instanceof z.ZodError
              ? `Bad bridge request: ${e.message}`
              : e instanceof Error
                ? e.message
                : String(e),
        };
      }
      send(res, 200, MIME['.json'], JSON.stringify(answer));
      return;
    }
    if (url.pathname === '/__host/host.js') {
      const file = path.join(appRoot, 'static', 'host', 'dist', 'host.js');
      if (!fs.existsSync(file))
        throw new HttpError(500, 'static/host/dist/host.js is not built: run npm run build');
      send(res, 200, MIME['.js'], fs.readFileSync(file));
      return;
    }
    if (url.pathname === '/favicon.ico') {
      res.writeHead(204);
      res.end();
      return;
    }
    if (url.pathname === '/__host/tokens.css') {
      send(res, 200, MIME['.css'], tokens);
      return;
    }
    const app = /^\/app\/([^/]+)\/(.*)$/.exec(url.pathname);
    if (app && method === 'GET') {
      serveResource(res, decodeURIComponent(app[1]), decodeURIComponent(app[2]));
      return;
    }
    if (/^\/(rest|wiki\/api|wiki\/rest)\//.test(url.pathname)) {
      const accountId = options.authenticate?.(req.headers.authorization);
      if (!accountId) {
        send(
          res,
          401,
          MIME['.json'],
          JSON.stringify({
            errorMessages: ['Client must be authenticated to access this resource.'],
            errors: {},
          }),
          {
            'www-authenticate': 'Basic realm="Runway local site"',
          },
        );
        return;
      }
      const body = method === 'GET' || method === 'HEAD' ? null : await readBody(req);
      const headers = Object.fromEntries(
        Object.entries(req.headers).filter((e): e is [string, string] => typeof e[1] === 'string'),
      );
      const answer = await forge.site.handle({
        method,
        path: `${url.pathname}${url.search}`,
        headers,
        body,
        accountId,
      });
      res.writeHead(answer.status, answer.headers);
      res.end(answer.status === 204 ? undefined : answer.body);
      return;
    }
    const move = method === 'POST' ? /^\/browse\/([^/]+)\/transitions$/.exec(url.pathname) : null;
    if (method !== 'GET' && !move) throw new HttpError(405, `${method} ${url.pathname} is not supported`);
    if (move && !sameOrigin(req)) throw new HttpError(403, 'A move must come from a page of this host.');

    // Product pages: who acts and in which theme, from the query (then remembered) or the cookies.
    const jar = cookies(req);
    const setCookies: string[] = [];
    const userParam = url.searchParams.get('user');
    let user: HostUser;
    try {
      user = forge.user(userParam ?? jar.runway_user ?? forge.users[0].alias);
    } catch {
      user = forge.users[0];
    }
    if (userParam) setCookies.push(`runway_user=${encodeURIComponent(user.alias)}; Path=/; SameSite=Lax`);
    const themeParam = url.searchParams.get('theme');
    const theme: ColorMode = (themeParam ?? jar.runway_theme) === 'dark' ? 'dark' : 'light';
    if (themeParam) setCookies.push(`runway_theme=${theme}; Path=/; SameSite=Lax`);
    const chrome = (title: string, product: 'Jira' | 'Confluence' = 'Jira'): pages.Chrome => ({
      title,
      product,
      user,
      users: forge.users,
      theme,
      here: `${url.pathname}${url.search}`,
    });
    const cookieHeader: Record<string, string[]> = setCookies.length ? { 'set-cookie': setCookies } : {};
    if (move) {
      const moved = await moveIssue(
        { url, user, theme, chrome },
        decodeURIComponent(move[1]),
        await readBody(req, 64 * 1024),
      );
      if ('redirect' in moved) {
        res.writeHead(303, { location: moved.redirect, ...cookieHeader });
        res.end();
      } else send(res, moved.status, MIME['.html'], moved.html.value, cookieHeader);
      return;
    }
    const result = await page({ url, user, theme, chrome });
    if (result === undefined) {
      send(
        res,
        404,
        MIME['.html'],
        pages.messagePage(chrome('Not found'), 'Not found', `Nothing lives at ${url.pathname}.`).value,
        cookieHeader,
      );
    } else if ('redirect' in result) {
      res.writeHead(302, { location: result.redirect, ...cookieHeader });
      res.end();
    } else {
      send(res, 200, MIME['.html'], result.value, cookieHeader);
    }
  }

  const server = http.createServer((req, res) => {
    handle(req, res).catch((e: unknown) => {
      const status = e instanceof HttpError ? e.status : 500;
      const message = e instanceof Error ? e.message : String(e);
      if (!res.headersSent) send(res, status, MIME['.txt'], `${status}: ${message}\n`);
      else res.end();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.listen ?? '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  origin = `http://localhost:${port}`;

  return {
    url: origin,
    port,
    forge,
    async pageUrl(moduleKey, opts = {}) {
      forge.surface(moduleKey);
      const q = pages.href(`/frame/${encodeURIComponent(moduleKey)}`, {
        user: opts.user,
        theme: opts.theme,
        entry: opts.entry,
      });
      return `${origin}${q}`;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
