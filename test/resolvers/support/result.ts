// A resolver's `{ ok: true, data } | { ok: false, error }` answer, opened by a test that knows
// which of the two it expects: the other one fails the test with what came instead.
import type { ResolverResult } from '../../../src/contracts/result';

export const ok = <T>(answer: ResolverResult<T>): T => {
  if (!answer.ok) throw new Error(`expected data, got: ${answer.error}`);
  return answer.data;
};

export const error = <T>(answer: ResolverResult<T>): string => {
  if (answer.ok) throw new Error('expected an error');
  return answer.error;
};
