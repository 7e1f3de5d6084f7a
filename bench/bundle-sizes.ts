// JS size (gzip) of every Custom UI surface as built in static/<name>/dist: what index.html loads
// at once (entry script + modulepreloads), and all JS including lazily loaded theme chunks.
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';

const STATIC = path.resolve(__dirname, '../../static');

const gzipKB = (file: string) => gzipSync(readFileSync(file), { level: 9 }).length / 1024;

export function bundleSizes(): Record<
  string,
  { initialJsGzipKB: number; allJsGzipKB: number; cssGzipKB: number }
> {
  const sizes: Record<string, { initialJsGzipKB: number; allJsGzipKB: number; cssGzipKB: number }> = {};
  for (const name of readdirSync(STATIC).sort()) {
    const dist = path.join(STATIC, name, 'dist');
    if (!existsSync(path.join(dist, 'index.html'))) continue;
    const html = readFileSync(path.join(dist, 'index.html'), 'utf8');
    const loaded = [...html.matchAll(/(?:src|href)="\.\/(assets\/[^"]+)"/g)].map((m) => m[1]);
    const assets = readdirSync(path.join(dist, 'assets')).map((f) => `assets/${f}`);
    const sum = (files: string[]) => +files.reduce((kb, f) => kb + gzipKB(path.join(dist, f)), 0).toFixed(1);
    sizes[name] = {
      initialJsGzipKB: sum(loaded.filter((f) => f.endsWith('.js'))),
      allJsGzipKB: sum(assets.filter((f) => f.endsWith('.js'))),
      cssGzipKB: sum(assets.filter((f) => f.endsWith('.css'))),
    };
  }
  return sizes;
}
