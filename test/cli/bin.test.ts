import { execFileSync, spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { EXAMPLES, REPO, runway } from './support';

const MAIN = path.join(REPO, 'dist/src/cli/main.js');

function newestSource(dir: string): number {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestSource(p) : fs.statSync(p).mtimeMs);
  }
  return newest;
}

/** Build once when dist is missing or older than the sources the command line runs. */
beforeAll(() => {
  const stale =
    !fs.existsSync(MAIN) ||
    fs.statSync(MAIN).mtimeMs <
      Math.max(newestSource(path.join(REPO, 'src/cli')), newestSource(path.join(REPO, 'src/domain')));
  if (stale) {
    try {
      execFileSync('npm', ['run', 'build'], { cwd: REPO, stdio: 'pipe' });
    } catch {
      // type errors elsewhere in the tree still emit JavaScript; what matters is that main.js exists
    }
  }
  expect(fs.existsSync(MAIN)).toBe(true);
}, 180_000);

const node = (args: string[]) =>
  spawnSync(process.execPath, [path.join(REPO, 'bin/runway.js'), ...args], { cwd: REPO, encoding: 'utf8' });

describe('bin/runway.js after npm run build', () => {
  it('prints the same report as the in-process command', async () => {
    const args = ['kpis', '--input', path.join(EXAMPLES, 'portfolio-small.json'), '--as-of', '2026-06-30'];
    const spawned = node(args);
    expect([spawned.status, spawned.stderr]).toEqual([0, '']);
    expect(spawned.stdout).toBe((await runway(args)).stdout);
  });

  it('exits with code 2 and a one-line message on bad input', () => {
    const spawned = node(['kpis', '--input', path.join(REPO, 'package.json')]);
    expect(spawned.status).toBe(2);
    expect(spawned.stderr).toMatch(/^runway kpis: .*package\.json: not a Jira search export: .*\n$/);
  });

  it('stops quietly when its reader closes the pipe early (runway kpis | head)', async () => {
    const args = ['kpis', '--input', path.join(EXAMPLES, 'portfolio-paged.json'), '--as-of', '2026-06-30'];
    const child = spawn(process.execPath, [path.join(REPO, 'bin/runway.js'), ...args], { cwd: REPO });
    child.stdout.destroy(); // the reader is gone before the report is written: its write fails with EPIPE
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const status = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect([status, stderr]).toEqual([0, '']);
  });
});
