// `runway serve` (npm start): starts the local app, prints the URL to open, keeps app storage in
// the data file, stops cleanly.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { makeServeCommand } from '../../src/cli/commands/serve';
import { processIo, type CliIo } from '../../src/cli/io';
import { main } from '../../src/cli/main';

function capture(cwd: string): CliIo & { out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  return { ...processIo(cwd), stdout: (t) => void out.push(t), stderr: (t) => void err.push(t), out, err };
}

async function until<T>(fn: () => T | undefined, ms = 10_000): Promise<T> {
  const start = Date.now();
  for (;;) {
    const v = fn();
    if (v !== undefined) return v;
    if (Date.now() - start > ms) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('runway serve', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'runway-serve-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('prints the URL of the running app, writes app storage to --data, and stops on request', async () => {
    let stop: () => void = () => undefined;
    const stopped = new Promise<void>((resolve) => (stop = resolve));
    const io = capture(dir);
    const running = makeServeCommand(() => stopped).run(
      ['--port', '0', '--data', 'store/runway.sqlite', '--seed', '7'],
      io,
    );
    const url = await until(
      () => /^Runway local app: (http:\/\/localhost:\d+)\/\n$/.exec(io.out.join(''))?.[1],
    );
    expect((await fetch(`${url}/`)).status).toBe(200);
    expect(fs.existsSync(path.join(dir, 'store', 'runway.sqlite'))).toBe(true);
    stop();
    expect(await running).toBe(0);
    await expect(fetch(`${url}/`)).rejects.toThrow();
  });

  it('is registered as a runway command and says what is wrong with bad options', async () => {
    const io = capture(dir);
    expect(await main(['serve', '--port', 'eighty'], io)).toBe(2);
    expect(io.err.join('')).toBe('runway serve: --port eighty: expected a whole number from 0 to 65535\n');
    expect(await main(['serve', '--in-memory', '--data', 'x.sqlite'], io)).toBe(2);
    expect(await main(['serve', '--help'], io)).toBe(0);
    expect(io.out.join('')).toContain('Usage: runway serve');
  });
});
