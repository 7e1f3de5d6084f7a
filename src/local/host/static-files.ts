// Static serving of the host: the built Custom UI resources (with the bridge script injected and
// the Content-Security-Policy Forge would serve them with), the bridge script itself and the
// Atlaskit design-token CSS the product injects into themed frames.
import * as fs from 'node:fs';
import type * as http from 'node:http';
import * as path from 'node:path';
import { contentSecurityPolicy, type CspPermissions } from './csp';
import { HttpError } from './requests';

export const MIME: Record<string, string> = {
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
export function tokensCss(): string {
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

export function send(
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

export interface ResourceServing {
  /** The folder of the built resource (manifest `resources[].path`), or undefined when the manifest has none. */
  dir: string | undefined;
  resource: string;
  /** Path inside the resource ('' = index.html). */
  file: string;
  permissions: CspPermissions;
  /** The host's origin: the product hostname of the policy. */
  origin: string;
}

/**
 * One file of a built resource. Its HTML gets the bridge script (before the app's module scripts
 * load @forge/bridge) and, as Forge's CDN serves it, the policy computed from the HTML as built
 * and the manifest's permissions (the bridge script is same-origin: `'self'` allows it).
 */
export function serveResource(res: http.ServerResponse, r: ResourceServing): void {
  const { dir, resource } = r;
  if (!dir) throw new HttpError(404, `manifest.yml has no resource "${resource}"`);
  const file = path.resolve(dir, r.file || 'index.html');
  if (file !== dir && !file.startsWith(dir + path.sep)) throw new HttpError(403, 'Path outside the resource');
  if (!fs.existsSync(file) || !fs.statSync(file).isFile())
    throw new HttpError(404, `${resource}/${r.file} is not in the built resource (run npm run build)`);
  const type = MIME[path.extname(file)] ?? 'application/octet-stream';
  if (path.extname(file) === '.html') {
    const built = fs.readFileSync(file, 'utf8');
    const text = built.replace(/<head([^>]*)>/i, (m) => `${m}\n<script src="/__host/host.js"></script>`);
    send(res, 200, type, text, {
      'content-security-policy': contentSecurityPolicy(built, r.permissions, r.origin),
    });
    return;
  }
  send(res, 200, type, fs.readFileSync(file));
}

/** static/host/dist/host.js: the bridge of every frame and the script of the product pages. */
export function serveHostScript(res: http.ServerResponse, appRoot: string): void {
  const file = path.join(appRoot, 'static', 'host', 'dist', 'host.js');
  if (!fs.existsSync(file))
    throw new HttpError(500, 'static/host/dist/host.js is not built: run npm run build');
  send(res, 200, MIME['.js'], fs.readFileSync(file));
}
