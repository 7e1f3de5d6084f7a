// The emulated site over real HTTP, for the command line's `--site URL --email --token`:
// basic auth with an API token that maps to a site user, as on Jira Cloud.

import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { SiteState } from './model';
import type { SiteHandler } from './types';
import { UNAUTHENTICATED_MESSAGE } from './handler';

export interface SiteServerOptions {
  /** 0 (the default) picks a free port. */
  port?: number;
  host?: string;
}

export interface SiteServer {
  /** e.g. http://127.0.0.1:54321 */
  url: string;
  close(): Promise<void>;
}

/** The accountId for `Authorization: Basic base64(email:token)`, or undefined if not valid. */
export function authenticate(state: SiteState, authorization: string | undefined): string | undefined {
  if (!authorization?.startsWith('Basic ')) return undefined;
  const decoded = Buffer.from(authorization.slice(6).trim(), 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return undefined;
  const email = decoded.slice(0, colon).toLowerCase();
  const token = decoded.slice(colon + 1);
  const accountId = state.apiTokens[token];
  const user = state.users.find((u) => u.accountId === accountId);
  return user && user.active && user.emailAddress.toLowerCase() === email ? user.accountId : undefined;
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function headersOf(req: IncomingMessage): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (typeof value === 'string') headers[name] = value;
    else if (Array.isArray(value)) headers[name] = value.join(', ');
  }
  return headers;
}

export function startSiteServer(handler: SiteHandler, options: SiteServerOptions = {}): Promise<SiteServer> {
  const { state } = handler;
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    void (async () => {
      try {
        const accountId = authenticate(state, req.headers.authorization);
        if (!accountId) {
          res.writeHead(401, {
            'content-type': 'text/plain;charset=UTF-8',
            'www-authenticate': 'Basic realm="protected-area"',
          });
          res.end(UNAUTHENTICATED_MESSAGE);
          return;
        }
        const body = await readBody(req);
        const response = await handler.handle({
          method: req.method ?? 'GET',
          path: req.url ?? '/',
          headers: headersOf(req),
          body: body === '' ? null : body,
          accountId,
        });
        res.writeHead(response.status, response.headers);
        res.end(response.body);
      } catch (error) {
        res.writeHead(500, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ errorMessages: [error instanceof Error ? error.message : String(error)] }));
      }
    })();
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      resolve({
        url: `http://${options.host ?? '127.0.0.1'}:${port}`,
        close: () =>
          new Promise<void>((done, fail) => {
            server.closeAllConnections();
            server.close((error) => (error ? fail(error) : done()));
          }),
      });
    });
  });
}
