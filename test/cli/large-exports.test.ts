/**
 * Issue 12 defect 8: exports larger than the longest string V8 allows (~512 MB). `--input` reads
 * a file in chunks and parses it one page at a time; `runway export` writes one page at a time.
 * Shown here with tiny chunks: no string handed to JSON.parse is longer than one page.
 */
import fc from 'fast-check';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { jsonPieces, type JsonPiece } from '../../src/cli/json-stream';
import { writePages } from '../../src/cli/commands/export';
import { WHOLE_FILE_BYTES } from '../../src/cli/input';
import type { SearchPage } from '../../src/jira';
import { EXAMPLES, runway } from './support';

const paged = path.join(EXAMPLES, 'portfolio-paged.json');

async function* chunksOf(bytes: Uint8Array, size: number): AsyncGenerator<Uint8Array> {
  for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
}

async function piecesOf(text: string, size: number): Promise<JsonPiece[]> {
  const out: JsonPiece[] = [];
  for await (const p of jsonPieces(chunksOf(Buffer.from(text, 'utf8'), size))) out.push(p);
  return out;
}

describe('reading an export in chunks', () => {
  it('cuts any top-level array into its elements, whatever the chunk size (strings, escapes, UTF-8)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.jsonValue(), { maxLength: 6 }),
        fc.integer({ min: 1, max: 9 }),
        fc.boolean(),
        async (values, size, pretty) => {
          const text = pretty ? JSON.stringify(values, null, 2) : JSON.stringify(values);
          const pieces = await piecesOf(text, size);
          // Compared with the whole text parsed, not with `values`: JSON has no -0 (it writes 0).
          const whole: unknown = JSON.parse(text);
          expect(pieces.map((p) => JSON.parse(p.text) as unknown)).toEqual(whole);
          expect(pieces.map((p) => p.element)).toEqual(values.map((_, i) => i + 1));
        },
      ),
      { numRuns: 200 },
    );
  });

  it('gives a single search response whole', async () => {
    const pieces = await piecesOf(' {"issues": [], "names": {"a": "[\\"]"}} ', 3);
    expect(pieces).toEqual([{ text: '{"issues": [], "names": {"a": "[\\"]"}} ', element: null }]);
  });

  it.each([
    ['[{"issues":[]},]', /stray comma/],
    ['[,{"issues":[]}]', /stray comma/],
    ['[{"issues":[]}', /ends inside the array/],
    ['[{"issues":[]}] x', /after the closing \]/],
    ['  ', /empty/],
  ])('refuses %j, saying why', async (text, message) => {
    await expect(piecesOf(text, 4)).rejects.toThrow(message);
  });

  it('never hands JSON.parse more than one page: a paged export read in 64-byte chunks', async () => {
    const text = fs.readFileSync(paged, 'utf8');
    const pages = JSON.parse(text) as unknown[];
    const pieces = await piecesOf(text, 64);
    expect(pages.length).toBeGreaterThan(2);
    expect(pieces.map((p) => JSON.parse(p.text) as unknown)).toEqual(pages);
    for (const p of pieces) expect(p.text.length).toBeLessThan(text.length / 2);
  });

  it('reads a file over WHOLE_FILE_BYTES in chunks, with the same report as the whole file', async () => {
    const args = ['kpis', '--input', paged, '--as-of', '2026-06-30'];
    const whole = await runway(args);
    const chunked = await runway(args, {
      io: {
        size: () => Promise.resolve(WHOLE_FILE_BYTES + 1),
        readFile: () => Promise.reject(new Error('a large file is never read whole')),
        readChunks: (p) => chunksOf(fs.readFileSync(p), 64),
      },
    });
    expect(whole.code).toBe(0);
    expect(chunked).toEqual(whole);
  });

  it('names the page that is not JSON', async () => {
    const run = await runway(['kpis', '--input', 'x.json'], {
      io: {
        kind: () => Promise.resolve('file'),
        size: () => Promise.resolve(Infinity),
        readChunks: () => chunksOf(Buffer.from('[{"issues":[]}, {"issues": x}]'), 5),
      },
    });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^runway kpis: x\.json: not JSON \(page 2\)/);
  });
});

describe('runway export writes page by page', () => {
  it('writes each page before the next one is read', async () => {
    const pages = JSON.parse(fs.readFileSync(paged, 'utf8')) as SearchPage[];
    const events: string[] = [];
    async function* site(): AsyncGenerator<SearchPage> {
      for (const [i, page] of pages.entries()) {
        events.push(`read ${i + 1}`);
        yield page;
      }
    }
    let written = 0;
    await writePages(site(), (t) => void (t.includes('"issues"') && events.push(`wrote ${++written}`)));
    expect(events).toEqual(pages.flatMap((_, i) => [`read ${i + 1}`, `wrote ${i + 1}`]));
  });

  it('writes each page as its own piece of one JSON array', async () => {
    const pages = JSON.parse(fs.readFileSync(paged, 'utf8')) as SearchPage[];
    const pieces: string[] = [];
    await writePages(pages, (t) => void pieces.push(t));
    expect(JSON.parse(pieces.join(''))).toEqual(pages);
    const longestPage = Math.max(...pages.map((p) => JSON.stringify(p).length));
    expect(Math.max(...pieces.map((p) => p.length))).toBeLessThanOrEqual(longestPage + 2);
  });
});
