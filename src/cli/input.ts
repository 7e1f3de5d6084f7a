/**
 * `--input <file|dir>`: search responses, arrays of pages, or folders of such files (every
 * `*.json` in the folder, in natural name order so page-2 comes before page-10).
 */
import {
  defaultConfig,
  parseConfig,
  parseSearchExport,
  type KpiWarning,
  type RunwayConfig,
  type SearchExport,
  messageOf,
} from '../domain';
import { UsageError } from './command';
import type { CliIo } from './io';

export async function readJsonFile(file: string, io: CliIo): Promise<unknown> {
  let text: string;
  try {
    text = await io.readFile(file);
  } catch (e) {
    throw new UsageError(`${file}: cannot read the file (${messageOf(e)})`);
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (e) {
    throw new UsageError(`${file}: not JSON (${messageOf(e)})`);
  }
}

/** `--config <file>`: the site's names for things, else the defaults of data-model.md. */
export async function loadConfig(file: string | undefined, io: CliIo): Promise<RunwayConfig> {
  if (file === undefined) return defaultConfig();
  const parsed = parseConfig(await readJsonFile(file, io));
  if (!parsed.ok) throw new UsageError(`${file}: ${parsed.error}`);
  return parsed.value;
}

async function filesOf(input: string, io: CliIo): Promise<string[]> {
  const kind = await io.kind(input);
  if (kind === 'missing') throw new UsageError(`${input}: no such file or folder`);
  if (kind === 'file') return [input];
  const names = (await io.list(input)).filter((n) => n.toLowerCase().endsWith('.json'));
  names.sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
  if (names.length === 0) throw new UsageError(`${input}: the folder holds no .json file`);
  return names.map((n) => `${input.replace(/[\\/]+$/, '')}/${n}`);
}

/** All inputs as one export; the first bad file stops everything with its name and reason. */
export async function readSearchExports(inputs: readonly string[], io: CliIo): Promise<SearchExport> {
  const merged: SearchExport = { issues: [], names: {}, warnings: [] };
  for (const input of inputs) {
    for (const file of await filesOf(input, io)) {
      const parsed = parseSearchExport(await readJsonFile(file, io));
      if (!parsed.ok) throw new UsageError(`${file}: not a Jira search export: ${parsed.error}`);
      const { issues, names, warnings } = parsed.value;
      for (const issue of issues) merged.issues.push(issue); // no spread: exports can hold 100k issues
      Object.assign(merged.names, names);
      merged.warnings.push(
        ...warnings.map((w): KpiWarning => (w.issue === '' ? { ...w, message: `${file}: ${w.message}` } : w)),
      );
    }
  }
  return merged;
}
