// The memory of an export's parsed data: every page JSON.parsed (a page at a time, as no string
// can hold a 1 GB file) and kept, then measured after a full garbage collection.
// Usage: node --expose-gc dist/bench/parsed-data.js <export.json>
import { jsonPieces } from '../src/cli/json-stream';
import { fileChunks } from '../src/cli/io';

async function main(file: string): Promise<void> {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) throw new Error('run with --expose-gc');
  gc();
  const before = process.memoryUsage().heapUsed;
  const pages: unknown[] = [];
  for await (const piece of jsonPieces(fileChunks(file))) pages.push(JSON.parse(piece.text));
  gc();
  const heap = process.memoryUsage().heapUsed - before;
  const mb = (bytes: number) => Math.round(bytes / 2 ** 20);
  process.stdout.write(`${JSON.stringify({ pages: pages.length, parsedDataMB: mb(heap) })}\n`);
}

main(process.argv[2] ?? '').catch((e: unknown) => {
  process.stderr.write(`parsed-data: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exitCode = 1;
});
