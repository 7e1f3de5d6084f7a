/**
 * The text of a `fetch` body as the app's code hands it to `requestJira` / `requestConfluence`,
 * for the host (runtime.ts) and for the isolated worker that runs one invocation.
 */
export async function bodyText(body: unknown): Promise<string | undefined> {
  if (body === undefined || body === null) return undefined;
  if (typeof body === 'string') return body;
  if (body instanceof Uint8Array || body instanceof ArrayBuffer)
    return Buffer.from(body instanceof ArrayBuffer ? new Uint8Array(body) : body).toString('utf8');
  if (body instanceof URLSearchParams) return body.toString();
  throw new Error(
    `The local Forge host cannot send a request body of type ${Object.prototype.toString.call(body)}`,
  );
}
