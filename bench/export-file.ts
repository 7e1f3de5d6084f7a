// A large export made from the spec's paged example: its issues again and again with fresh keys
// and ids, in pages of 100, written page by page (never one string of the whole file).
import * as fs from 'node:fs';
import * as path from 'node:path';

export const EXAMPLE = path.resolve(__dirname, '../..', '../shared/spec/examples/portfolio-paged.json');

type Issue = { key: string; id?: string; fields: Record<string, unknown> };
type Page = { issues: Issue[]; names?: Record<string, string> };

/** The example's issues again and again, keys renamed per copy (IMP-1 → IMP-1001…), in pages of 100. */
export function writeExport(file: string, issues: number): number {
  const pages = JSON.parse(fs.readFileSync(EXAMPLE, 'utf8')) as Page[];
  const template = JSON.stringify(pages.flatMap((p) => p.issues));
  const names = Object.assign({}, ...pages.map((p) => p.names ?? {})) as Record<string, string>;
  const fd = fs.openSync(file, 'w');
  fs.writeSync(fd, '[');
  let written = 0;
  for (let copy = 0; written < issues; copy++) {
    const renamed = JSON.parse(
      template
        .replace(
          /"key": ?"([A-Z]+)-(\d+)"/g,
          (_m, p: string, n: string) => `"key":"${p}-${copy * 10_000 + Number(n)}"`,
        )
        .replace(/"id": ?"(1\d{4})"/g, (_m, n: string) => `"id":"${copy * 100_000 + Number(n)}"`),
    ) as Issue[];
    for (let i = 0; i < renamed.length && written < issues; i += 100) {
      const page = renamed.slice(i, Math.min(i + 100, i + issues - written));
      written += page.length;
      fs.writeSync(
        fd,
        `${written > page.length ? ',' : ''}${JSON.stringify({ issues: page, names, isLast: written >= issues })}`,
      );
    }
  }
  fs.writeSync(fd, ']');
  fs.closeSync(fd);
  return fs.statSync(file).size;
}
