/**
 * Reading a search export file of any size: one search response, or an array of pages. V8
 * cannot hold a string over ~512 MB ("Invalid string length"), so the file is read in chunks and
 * a small scanner over the bytes (strings, escapes, depth) cuts the top-level array into its
 * elements; each page is decoded and parsed alone. No string of the whole file is ever built.
 */

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_OBJECT = 0x7b;
const CLOSE_OBJECT = 0x7d;
const OPEN_ARRAY = 0x5b;
const CLOSE_ARRAY = 0x5d;
const COMMA = 0x2c;

const isSpace = (b: number) => b === 0x20 || b === 0x0a || b === 0x0d || b === 0x09;

/**
 * Where the string that continues at `from` closes: the index of its closing quote, or -1 when
 * it runs past the chunk (then `escaped` says whether the chunk ended inside an escape).
 * `escaped`: the byte at `from` is escaped by a backslash at the end of the previous chunk.
 */
function closingQuote(chunk: Uint8Array, from: number, escaped: boolean): { at: number; escaped: boolean } {
  let start = escaped ? from + 1 : from;
  if (start > chunk.length) return { at: -1, escaped: true };
  for (;;) {
    const q = chunk.indexOf(QUOTE, start);
    const stop = q < 0 ? chunk.length : q;
    let backslashes = 0;
    for (let k = stop - 1; k >= start && chunk[k] === BACKSLASH; k--) backslashes++;
    if (q < 0) return { at: -1, escaped: backslashes % 2 === 1 };
    if (backslashes % 2 === 0) return { at: q, escaped: false };
    start = q + 1;
  }
}

export class JsonStreamError extends Error {
  override name = 'JsonStreamError';
}

/** One top-level value of the file: the file itself, or an element of its top-level array. */
export interface JsonPiece {
  text: string;
  /** 1-based element number when the file is an array; null when the file is one value. */
  element: number | null;
  /** The value already parsed (when the file was small enough to parse whole). */
  json?: unknown;
}

/**
 * The top-level values of a JSON text given in chunks: each element of a top-level array (the
 * empty array yields nothing and reports `isArray`), or the single value the text holds.
 */
export async function* jsonPieces(chunks: AsyncIterable<Uint8Array>): AsyncGenerator<JsonPiece, void> {
  const decoder = () => new TextDecoder('utf-8', { fatal: false, ignoreBOM: false });
  let mode: 'start' | 'array' | 'single' | 'done' = 'start';
  let parts: Uint8Array[] = [];
  let depth = 0; // inside the top-level array: depth of the current element
  let inString = false;
  let escaped = false;
  let element = 0;
  let started = false; // the current element has begun (a non-space byte after [ or ,)
  let expectValue = true; // after [ or ,: a value must come (no `[,` or `,]`)

  const text = (pieces: Uint8Array[]): string => {
    const d = decoder();
    let s = '';
    for (const p of pieces) s += d.decode(p, { stream: true });
    return s + d.decode();
  };

  for await (const chunk of chunks) {
    let from = 0;
    let i = 0;
    if (mode === 'start') {
      while (
        i < chunk.length &&
        (isSpace(chunk[i]) || chunk[i] === 0xef || chunk[i] === 0xbb || chunk[i] === 0xbf)
      )
        i++;
      if (i === chunk.length) continue;
      mode = chunk[i] === OPEN_ARRAY ? 'array' : 'single';
      if (mode === 'array') {
        i++;
        from = i;
      } else from = i;
    }
    if (mode === 'single') {
      parts.push(chunk.subarray(from));
      continue;
    }
    for (; i < chunk.length; i++) {
      if (inString) {
        // Jump to the closing quote (natively: most bytes of a page are inside strings).
        const end = closingQuote(chunk, i, escaped);
        escaped = end.escaped;
        if (end.at < 0) break;
        inString = false;
        i = end.at;
        continue;
      }
      const b = chunk[i];
      if (mode === 'done') {
        if (!isSpace(b)) throw new JsonStreamError('unexpected text after the closing ] of the array');
        continue;
      }
      if (b === QUOTE) {
        inString = true;
        if (!started) {
          started = true;
          from = i;
        }
        const end = closingQuote(chunk, i + 1, false);
        escaped = end.escaped;
        if (end.at < 0) break;
        inString = false;
        i = end.at;
      } else if (b === OPEN_OBJECT || b === OPEN_ARRAY) {
        if (!started) {
          started = true;
          from = i;
        }
        depth++;
      } else if ((b === CLOSE_OBJECT || b === CLOSE_ARRAY) && depth > 0) {
        depth--;
      } else if (depth === 0 && (b === COMMA || b === CLOSE_ARRAY)) {
        if (started) {
          parts.push(chunk.subarray(from, i));
          element++;
          yield { text: text(parts), element };
          parts = [];
          started = false;
        } else if (b === COMMA || !expectValue || element > 0) {
          throw new JsonStreamError(`element ${element + 1} of the array is missing (a stray comma)`);
        }
        expectValue = b === COMMA;
        if (b === CLOSE_ARRAY) mode = 'done';
      } else if (!isSpace(b) && !started) {
        started = true; // a number, true, false or null
        from = i;
      }
    }
    if (started && mode === 'array') parts.push(chunk.subarray(from));
  }
  if (mode === 'single') yield { text: text(parts), element: null };
  else if (mode === 'array') throw new JsonStreamError('the file ends inside the array (no closing ])');
  else if (mode === 'start') throw new JsonStreamError('the file is empty');
}
