/** A command of `runway`: one file per command under commands/, listed in commands/index.ts. */
import type { CliIo } from './io';

export interface Command {
  /** `runway <name> …` */
  name: string;
  /** One line for `runway --help`. */
  summary: string;
  /** Full usage text for `runway <name> --help`. */
  usage: string;
  /** Exit code: 0 ok, 1 failed, 2 bad input or usage. */
  run(args: string[], io: CliIo): Promise<number>;
}

/** A problem with what the user gave us: printed without a stack, exit code 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}
