/** Option parsing shared by commands: node's parseArgs, with its errors turned into UsageErrors. */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { IsoDateSchema } from '../domain/dates';
import { messageOf } from '../domain/errors';
import { UsageError } from './command';

type Options = NonNullable<ParseArgsConfig['options']>;

export function parseOptions<O extends Options>(args: string[], options: O) {
  try {
    return parseArgs({ args, options, allowPositionals: true, strict: true });
  } catch (e) {
    throw new UsageError(messageOf(e));
  }
}

/** `--as-of`-style dates: a real calendar date `YYYY-MM-DD`. */
export function parseDateOption(flag: string, value: string): string {
  const r = IsoDateSchema.safeParse(value);
  if (!r.success)
    throw new UsageError(`${flag} ${value}: malformed date, expected a real calendar date YYYY-MM-DD`);
  return r.data;
}

export function oneOf<T extends string>(flag: string, value: string, allowed: readonly T[]): T {
  const found = allowed.find((a) => a === value);
  if (found === undefined) throw new UsageError(`${flag} ${value}: expected one of ${allowed.join(', ')}`);
  return found;
}
