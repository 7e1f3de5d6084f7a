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

/**
 * A described zod error (`describeZodError`, maybe after "Invalid configuration: ") read back per
 * field, so a form shows each message under its field: the first key of each path after the root,
 * and its messages. Null when the error is not wholly of that shape (Jira's words, a root error):
 * it is then shown as it is.
 */
export function errorsByField(error: string): Record<string, string> | null {
  const pieces = error.replace(/^Invalid (request|configuration): /, '').split('; ');
  const fields: Record<string, string> = {};
  for (const piece of pieces) {
    const found = /^(?:payload|configuration)\.([A-Za-z]\w*)(?:\.[^\s:]+)?: (.+)$/.exec(piece);
    if (found === null) return null;
    const [, field, message] = found;
    fields[field] = fields[field] === undefined ? message : `${fields[field]}; ${message}`;
  }
  return fields;
}
