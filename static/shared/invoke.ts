// Typed resolver calls: the payload is checked against the contract before it leaves the frame,
// and the answer is checked against the contract before a view renders it.
import { invoke } from '@forge/bridge';
import type { z } from 'zod';
import { isLicenceInactive } from '../../src/contracts/licence';
import { describeZodError, resolverResultSchema, type ResolverResult } from '../../src/contracts/result';
import { reportLicenceInactive } from './licence';

export async function callResolver<P extends z.ZodType<Record<string, unknown>>, D extends z.ZodType>(
  key: string,
  payloadSchema: P,
  dataSchema: D,
  payload: z.input<P>,
): Promise<ResolverResult<z.infer<D>>> {
  const parsedPayload = payloadSchema.safeParse(payload);
  if (!parsedPayload.success) return { ok: false, error: describeZodError(parsedPayload.error) };
  let answer: unknown;
  try {
    answer = await invoke(key, parsedPayload.data);
  } catch (e) {
    return { ok: false, error: e instanceof Error ? e.message : String(e) };
  }
  if (isLicenceInactive(answer)) {
    reportLicenceInactive();
    return { ok: false, error: answer.error };
  }
  const parsed = resolverResultSchema(dataSchema).safeParse(answer);
  if (!parsed.success)
    return {
      ok: false,
      error: `The app answered ${key} in an unexpected shape: ${describeZodError(parsed.error, 'answer')}`,
    };
  return parsed.data as ResolverResult<z.infer<D>>;
}
