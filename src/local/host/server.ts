// The local Forge host over HTTP: product pages with the app's frames (page-routes.ts →
// page-controllers.ts), the built Custom UI resources under Forge's Content-Security-Policy
// (static-files.ts), the bridge endpoint, the Atlaskit theme CSS, and the site's REST API for
// the command line (`runway kpis --site http://localhost:PORT`).
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';
import { z } from 'zod';
import { findAppRoot, type HostUser, type LocalForge } from './forge';
import { Html } from './html';
import { createPageControllers, type PageResult } from './page-controllers';
import { pageRouter, pageRoutes } from './page-routes';
import * as pages from './pages';
import type { ColorMode } from './pages';
import type { OutboxDeps } from './outbox';
import { cookies, HttpError, readBody, sameOrigin } from './requests';
import { createSiteReader } from './site-reader';
import { MIME, send, serveHostScript, serveResource, tokensCss } from './static-files';
import { messageOf } from '../../domain';

export interface HostServerOptions {
  forge: LocalForge;
  /** 0 picks a free port (tests). */
  port?: number;
  /** Interface to listen on; default 127.0.0.1. */
  listen?: string;
  appRoot?: string;
  /** accountId behind an `Authorization` header of a REST call, or undefined (401). */
  authenticate?: (authorization: string | undefined) => string | undefined;
  /** Each user's mail from Jira's notify API: enables /outbox (outbox.ts). */
  outbox?: OutboxDeps['outbox'];
  /** The site's URL (its issue and page links open the host's own pages). */
  siteUrl?: string;
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

const bridgeRequest = z.object({
  frame: z.string().min(1),
  call: z.string().min(1),
  payload: z.unknown().optional(),
});

export async function startHostServer(options: HostServerOptions): Promise<HostServer> {
  const { forge } = options;
  const appRoot = options.appRoot ?? findAppRoot();
  const tokens = tokensCss();
  let origin = '';

  const resourceDir = (resource: string): string | undefined => {
    const rel = forge.manifest.resources.get(resource);
    return rel === undefined ? undefined : path.resolve(appRoot, rel);
  };
  const controllers = createPageControllers({
    forge,
    reader: createSiteReader(forge),
    resourceDir,
    frameToken: (frame) => forge.frameToken(frame),
    outbox: options.outbox,
  });
  const route = pageRouter(pageRoutes(controllers));

  /**
   * What a frame asks of the host. Only the host's own pages may ask (see `sameOrigin`), and
   * only with a frame token the host signed: the token names the user the call acts as.
   */
  async function bridge(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    if (!sameOrigin(req)) {
      send(
        res,
        403,
        MIME['.json'],
        JSON.stringify({ ok: false, error: 'The bridge answers only pages of this host.' }),
      );
      return;
    }
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
  }

  /** The site's REST API for clients with an API token (the command line). */
  async function siteApi(req: http.IncomingMessage, res: http.ServerResponse, url: URL, method: string) {
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
        { 'www-authenticate': 'Basic realm="Runway local site"' },
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
  }

  /** Product pages: who acts and in which theme, from the query (then remembered) or the cookies. */
  async function page(req: http.IncomingMessage, res: http.ServerResponse, url: URL, method: string) {
    const found = route(method, url.pathname);
    if (!found.route && (method !== 'GET' || found.pathMatched))
      throw new HttpError(405, `${method} ${url.pathname} is not supported`);
    if (method !== 'GET' && !sameOrigin(req))
      throw new HttpError(403, 'A change must come from a page of this host.');
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
      licence: forge.licence,
      siteOrigins: [forge.runtime.context.siteUrl, ...(options.siteUrl ? [options.siteUrl] : [])],
    });
    const cookieHeader: Record<string, string[]> = setCookies.length ? { 'set-cookie': setCookies } : {};
    const body = method === 'POST' ? await readBody(req, 64 * 1024) : '';
    const result: PageResult = found.route
      ? await found.route.run({ url, params: found.params, user, theme, chrome, body })
      : undefined;
    if (result === undefined) {
      const notFound = pages.messagePage(
        chrome('Not found'),
        'Not found',
        `Nothing lives at ${url.pathname}.`,
      );
      send(res, 404, MIME['.html'], notFound.value, cookieHeader);
    } else if (result instanceof Html) {
      send(res, 200, MIME['.html'], result.value, cookieHeader);
    } else if ('redirect' in result) {
      res.writeHead(result.status ?? 302, { location: result.redirect, ...cookieHeader });
      res.end();
    } else {
      send(res, result.status, MIME['.html'], result.html.value, cookieHeader);
    }
  }

  async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', origin);
    const method = (req.method ?? 'GET').toUpperCase();
    if (url.pathname === '/__host/bridge' && method === 'POST') return bridge(req, res);
    if (url.pathname === '/__host/host.js') return serveHostScript(res, appRoot);
    if (url.pathname === '/__host/tokens.css') return send(res, 200, MIME['.css'], tokens);
    if (url.pathname === '/favicon.ico') {
      res.writeHead(204);
      res.end();
      return;
    }
    const app = /^\/app\/([^/]+)\/(.*)$/.exec(url.pathname);
    if (app && method === 'GET') {
      const resource = decodeURIComponent(app[1]);
      serveResource(res, {
        dir: resourceDir(resource),
        resource,
        file: decodeURIComponent(app[2]),
        permissions: forge.manifest.permissions ?? {},
        origin,
      });
      return;
    }
    if (/^\/(rest|wiki\/api|wiki\/rest)\//.test(url.pathname)) return siteApi(req, res, url, method);
    return page(req, res, url, method);
  }

  const server = http.createServer((req, res) => {
    handle(req, res).catch((e: unknown) => {
      const status = e instanceof HttpError ? e.status : 500;
      const message = messageOf(e);
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
