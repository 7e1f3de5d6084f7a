// Small HTTP helpers of the host: errors with a status, bodies with a size limit, cookies, and
// the same-origin check of every state-changing request.
import type * as http from 'node:http';

export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export function cookies(req: http.IncomingMessage): Record<string, string> {
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
 * A state-changing request (a form post, a bridge call) must come from the host's own pages.
 * Browsers send `Sec-Fetch-Site` and `Origin` with a cross-site POST (a form or a `fetch` of any
 * web page open while `runway serve` runs), so another site cannot move issues, approve gates or
 * change settings as the local user. Clients that are not browsers send neither.
 */
export function sameOrigin(req: http.IncomingMessage): boolean {
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

export async function readBody(req: http.IncomingMessage, limit = 5 * 1024 * 1024): Promise<string> {
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
