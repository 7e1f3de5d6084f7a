/** Running `runway` in-process: real files, captured output, a fixed "today". */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { main } from '../../src/cli/main';
import { processIo, type CliIo } from '../../src/cli/io';
import type { SiteIo } from '../../src/cli/site';

export const REPO = path.resolve(__dirname, '../..');
export const EXAMPLES = path.resolve(REPO, '../shared/spec/examples');
export const SAMPLES = path.resolve(REPO, '../shared/reference/jira-samples');

export interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

export async function runway(
  argv: string[],
  /** `io`: what replaces the process's; a site command also takes its fetch and sleep from it. */
  options: { cwd?: string; today?: string; io?: Partial<SiteIo> } = {},
): Promise<Run> {
  let stdout = '';
  let stderr = '';
  const io: CliIo = {
    ...processIo(options.cwd ?? REPO),
    stdout: (t) => void (stdout += t),
    stderr: (t) => void (stderr += t),
    today: () => options.today ?? '2026-06-30',
    ...options.io,
  };
  const code = await main(argv, io);
  return { code, stdout, stderr };
}

const made: string[] = [];

/** A fresh temporary folder, removed after the test file. */
export function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'runway-cli-'));
  if (made.length === 0)
    afterAll(() => made.splice(0).forEach((d) => fs.rmSync(d, { recursive: true, force: true })));
  made.push(dir);
  return dir;
}
