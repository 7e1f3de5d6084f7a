/**
 * Everything the command line touches outside itself, in one object, so tests run commands
 * in-process with captured output and a fixed date. Only `processIo` reads the clock.
 */
import { createReadStream, promises as fs, readFileSync } from 'node:fs';
import * as path from 'node:path';

export type PathKind = 'file' | 'directory' | 'missing';

export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  /** Resolves relative paths against the working directory. */
  resolve(p: string): string;
  readFile(p: string): Promise<string>;
  /** The bytes of a file in chunks (files larger than any string: search exports); default: fileChunks. */
  readChunks?(p: string, chunkBytes?: number): AsyncIterable<Uint8Array>;
  /** A file's size in bytes (absent: unknown, and large files are read in chunks). */
  size?(p: string): Promise<number>;
  kind(p: string): Promise<PathKind>;
  /** Names of the entries of a directory. */
  list(p: string): Promise<string[]>;
  env: Readonly<Record<string, string | undefined>>;
  /** Today's local calendar date, `YYYY-MM-DD`. */
  today(): string;
}

export function localDate(d: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/** A file's bytes in chunks of 4 MB. */
export function fileChunks(file: string, chunkBytes = 4 << 20): AsyncIterable<Uint8Array> {
  return createReadStream(file, { highWaterMark: chunkBytes }) as AsyncIterable<Uint8Array>;
}

export function processIo(cwd = process.cwd()): CliIo {
  return {
    stdout: (text) => void process.stdout.write(text),
    stderr: (text) => void process.stderr.write(text),
    resolve: (p) => path.resolve(cwd, p),
    // One native read and decode: fs.promises.readFile decodes 512 KB pieces through a
    // StringDecoder (~100 ms more on an 85 MB export, and a heap string the GC then copies).
    readFile: async (p) => readFileSync(path.resolve(cwd, p), 'utf8'),
    readChunks: (p, chunkBytes) => fileChunks(path.resolve(cwd, p), chunkBytes),
    size: async (p) => (await fs.stat(path.resolve(cwd, p))).size,
    kind: async (p) => {
      try {
        const s = await fs.stat(path.resolve(cwd, p));
        return s.isDirectory() ? 'directory' : 'file';
      } catch {
        return 'missing';
      }
    },
    list: (p) => fs.readdir(path.resolve(cwd, p)),
    env: process.env,
    today: () => localDate(new Date()),
  };
}
