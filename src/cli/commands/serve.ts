/**
 * `runway serve` (also `npm start`): the whole app locally. Every Custom UI surface in a
 * Jira- or Confluence-like page, its real resolvers, app storage in a SQLite file, and a local
 * Jira + Confluence with the demo portfolio. Runs until Ctrl-C.
 */
import { parseOptions } from '../args';
import { UsageError, type Command } from '../command';
import type { CliIo } from '../io';

const USAGE = `Usage: runway serve [--port N] [--data .local/runway.sqlite] [--seed N] [--in-memory]

Runs Runway locally: the app's real resolvers and Custom UI bundles (build them first with
npm run build) on a local Jira and Confluence with a demo portfolio, as admin, consultant or
viewer (switch at the top of every page), in the light or dark theme.

  --port <n>     Port to listen on (default 3000; 0 picks a free one).
  --data <file>  App storage (Forge KVS) and the site's changes as SQLite, kept across restarts
                 (default .local/runway.sqlite; a file made for another --seed is reset, and said so).
  --in-memory    Keep app storage in memory only.
  --seed <n>     Seed of the demo portfolio (default 1): the same seed gives the same site.

The site's REST API answers on the same port, for the command line:
  runway kpis --site http://localhost:PORT --email priya.shah@runway-demo.example --token demo-admin-token --jql "project = IMP"
`;

const OPTIONS = {
  port: { type: 'string' },
  data: { type: 'string' },
  seed: { type: 'string' },
  'in-memory': { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

function integer(
  flag: string,
  value: string | undefined,
  fallback: number,
  min: number,
  max: number,
): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min || n > max)
    throw new UsageError(`${flag} ${value}: expected a whole number from ${min} to ${max}`);
  return n;
}

/** Resolves when the process is asked to stop (Ctrl-C, SIGTERM). */
function untilSignal(): Promise<void> {
  return new Promise((resolve) => {
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}

export function makeServeCommand(waitForStop: () => Promise<void> = untilSignal): Command {
  return {
    name: 'serve',
    summary: 'Run the whole app locally (demo Jira + Confluence, every surface); also npm start',
    usage: USAGE,
    async run(args: string[], io: CliIo) {
      const { values, positionals } = parseOptions(args, OPTIONS);
      if (values.help) {
        io.stdout(USAGE);
        return 0;
      }
      if (positionals.length > 0)
        throw new UsageError(`unexpected argument ${positionals[0]} (see runway serve --help)`);
      if (values['in-memory'] && values.data !== undefined)
        throw new UsageError('give --data or --in-memory, not both');
      const port = integer('--port', values.port, 3000, 0, 65535);
      const seed = integer('--seed', values.seed, 1, 0, 2 ** 31 - 1);
      const dataFile = values['in-memory'] ? null : io.resolve(values.data ?? '.local/runway.sqlite');
      // Loaded here so other commands never load the host (sql.js, the app's handlers).
      const { startLocalApp }: typeof import('../../local/host/app') = require('../../local/host/app');
      let app;
      try {
        app = await startLocalApp({ port, dataFile, seed, listen: '127.0.0.1' });
      } catch (e) {
        const code =
          typeof e === 'object' && e !== null && 'code' in e ? (e as { code: unknown }).code : undefined;
        if (code === 'EADDRINUSE') throw new UsageError(`port ${port} is in use: pick another with --port`);
        throw e;
      }
      io.stdout(`Runway local app: ${app.url}/\n`);
      io.stderr(
        `App storage and site changes: ${dataFile ?? 'in memory'} · demo portfolio seed ${seed} · Ctrl-C to stop\n`,
      );
      if (app.restored !== null) io.stderr(`Site: ${app.restored}\n`);
      await waitForStop();
      await app.close();
      return 0;
    },
  };
}

export const serveCommand = makeServeCommand();
