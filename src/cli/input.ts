/**
 * `--input <file|dir>`: search responses, arrays of pages, or folders of such files (every
 * `*.json` in the folder, in natural name order so page-2 comes before page-10).
 */
import { defaultConfig, parseConfig, type RunwayConfig } from '../domain/config';
import {
  addSearchPage,
  EMPTY_ARRAY_ERROR,
  emptySearchExport,
  type SearchExport,
} from '../domain/search-export';
import { messageOf } from '../domain/errors';
import { UsageError } from './command';
import { jsonPieces, JsonStreamError, type JsonPiece } from './json-stream';
import { fileChunks, type CliIo } from './io';

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

/**
 * Files up to this size are read as one string and parsed by V8 in one go (fastest); larger ones
 * in chunks, a page at a time: V8's longest string is ~512 MB, and one page at a time keeps the
 * memory near that of the parsed data.
 */
export const WHOLE_FILE_BYTES = 128 * 1024 * 1024;

async function* wholeFile(file: string, io: CliIo): AsyncGenerator<JsonPiece> {
  let text: string;
  try {
    text = await io.readFile(file);
  } catch (e) {
    throw new UsageError(`${file}: cannot read the file (${messageOf(e)})`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text) as unknown;
  } catch (e) {
    throw new UsageError(`${file}: not JSON (${messageOf(e)})`);
  }
  if (!Array.isArray(json)) {
    yield { text: '', element: null, json };
    return;
  }
  for (let i = 0; i < json.length; i++) yield { text: '', element: i + 1, json: json[i] as unknown };
}

async function isLarge(file: string, io: CliIo): Promise<boolean> {
  if (!io.size) return true;
  try {
    return (await io.size(file)) > WHOLE_FILE_BYTES;
  } catch {
    return false; // reading it names the problem
  }
}

/**
 * One export file added to `out` page by page (a large file is read in chunks and each page
 * parsed alone, so an export larger than the longest string V8 allows still reads).
 */
async function addExportFile(out: SearchExport, file: string, io: CliIo): Promise<void> {
  const firstWarning = out.warnings.length;
  let pages = 0;
  const pieces = (await isLarge(file, io))
    ? jsonPieces(io.readChunks ? io.readChunks(file) : fileChunks(io.resolve(file)))
    : wholeFile(file, io);
  try {
    for await (const piece of pieces) {
      pages++;
      let page: unknown = piece.json;
      try {
        if (page === undefined) page = JSON.parse(piece.text) as unknown;
      } catch (e) {
        const where = piece.element === null ? '' : ` (page ${piece.element})`;
        throw new UsageError(`${file}: not JSON${where} (${messageOf(e)})`);
      }
      const error = addSearchPage(out, page, piece.element);
      if (error !== null) throw new UsageError(`${file}: not a Jira search export: ${error}`);
    }
  } catch (e) {
    if (e instanceof UsageError) throw e;
    const what = e instanceof JsonStreamError ? 'not JSON' : 'cannot read the file';
    throw new UsageError(`${file}: ${what} (${messageOf(e)})`);
  }
  if (pages === 0) throw new UsageError(`${file}: not a Jira search export: ${EMPTY_ARRAY_ERROR}`);
  for (let i = firstWarning; i < out.warnings.length; i++) {
    const w = out.warnings[i];
    if (w.issue === '') out.warnings[i] = { ...w, message: `${file}: ${w.message}` };
  }
}

/** All inputs as one export; the first bad file stops everything with its name and reason. */
export async function readSearchExports(inputs: readonly string[], io: CliIo): Promise<SearchExport> {
  const merged = emptySearchExport();
  for (const input of inputs)
    for (const file of await filesOf(input, io)) await addExportFile(merged, file, io);
  return merged;
}
