/**
 * `runway <command> …`: bin/runway.js calls `main(process.argv.slice(2))`. Tests call it with
 * their own io. Errors never escape as stack traces: bad input exits 2 with a message naming
 * the problem, anything unexpected exits 1 with a one-line message.
 */
import { UsageError, type Command } from './command';
import { COMMANDS } from './commands';
import { processIo, type CliIo } from './io';
import { messageOf } from '../domain/errors';

export type { CliIo } from './io';
export type { Command } from './command';

function help(commands: readonly Command[]): string {
  const width = Math.max(...commands.map((c) => c.name.length));
  return [
    'Runway: customer implementations run inside Jira and Confluence.',
    '',
    'Usage: runway <command> [options]',
    '',
    'Commands:',
    ...commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    'Run `runway <command> --help` for the options of a command.',
    '',
  ].join('\n');
}

export async function main(
  argv: string[],
  io: CliIo = processIo(),
  commands: readonly Command[] = COMMANDS,
): Promise<number> {
  const [name, ...args] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    const text = help(commands);
    if (name === undefined) {
      io.stderr(text);
      return 2;
    }
    io.stdout(text);
    return 0;
  }
  const command = commands.find((c) => c.name === name);
  if (command === undefined) {
    io.stderr(`runway: unknown command "${name}"\n\n${help(commands)}`);
    return 2;
  }
  try {
    return await command.run(args, io);
  } catch (e) {
    if (e instanceof UsageError) {
      io.stderr(`runway ${name}: ${e.message}\n`);
      return 2;
    }
    io.stderr(`runway ${name}: unexpected error: ${messageOf(e)}\n`);
    return 1;
  }
}
