// The one answer shape of every resolver: `{ ok: true, data }` or `{ ok: false, error }`, where
// `error` is a sentence for people (it names what was wrong) that views show as it is.
import { z } from 'zod';

export type ResolverResult<T> = { ok: true; data: T } | { ok: false; error: string };

/** The zod schema of a resolver's answer, given the schema of its data. */
export function resolverResultSchema<T extends z.ZodType>(data: T) {
  return z.discriminatedUnion('ok', [
    z.object({ ok: z.literal(true), data }),
    z.object({ ok: z.literal(false), error: z.string() }),
  ]);
}

/** A zod error as one sentence that names each wrong path, e.g. `payload.asOf: expected a date YYYY-MM-DD`. */
export function describeZodError(error: z.ZodError, root = 'payload'): string {
  return error.issues
    .map((issue) => {
      const where = [root, ...issue.path.map(String)].join('.');
      if (issue.code === 'unrecognized_keys')
        return `${where}: unknown key${issue.keys.length > 1 ? 's' : ''} ${issue.keys.join(', ')}`;
      return `${where}: ${issue.message}`;
    })
    .join('; ');
}

/** The answer to a payload that does not match its contract. */
export function invalidRequest(error: z.ZodError): { ok: false; error: string } {
  return { ok: false, error: `Invalid request: ${describeZodError(error)}` };
}
