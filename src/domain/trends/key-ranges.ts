// A set of issue keys written compactly: per project, its numbers as ranges
// (`{ IMP: '1-3500,3502-4000' }`). What a user can see of a scope is mostly whole projects with a
// few holes, so 100,000 keys become a few hundred bytes and fit one stored value. Projects keep
// the order they first appear in, numbers ascend within a project: a list in Jira's key order
// (`ORDER BY key`) comes back in the same order.

export type KeyRanges = Record<string, string>;

const KEY = /^([A-Z][A-Z0-9_]*)-([1-9][0-9]{0,15})$/;

/** The keys as ranges; null when a key is not a plain `PROJ-123` (then the set is not written this way). */
export function encodeKeyRanges(keys: Iterable<string>): KeyRanges | null {
  const numbers = new Map<string, number[]>();
  for (const key of keys) {
    const m = KEY.exec(key);
    if (!m) return null;
    const list = numbers.get(m[1]) ?? [];
    list.push(Number(m[2]));
    numbers.set(m[1], list);
  }
  const out: KeyRanges = {};
  for (const [project, list] of numbers) {
    list.sort((a, b) => a - b);
    const parts: string[] = [];
    let from = list[0];
    let to = from;
    for (const n of list.slice(1)) {
      if (n === to) continue; // a key listed twice
      if (n === to + 1) to = n;
      else {
        parts.push(from === to ? `${from}` : `${from}-${to}`);
        from = to = n;
      }
    }
    parts.push(from === to ? `${from}` : `${from}-${to}`);
    out[project] = parts.join(',');
  }
  return out;
}

/** The keys of encodeKeyRanges, in its order; throws on text it did not write. */
export function decodeKeyRanges(ranges: KeyRanges): string[] {
  const keys: string[] = [];
  for (const [project, text] of Object.entries(ranges)) {
    if (text === '') continue;
    for (const part of text.split(',')) {
      const m = /^(\d+)(?:-(\d+))?$/.exec(part);
      if (!m) throw new Error(`Not a range of issue numbers: "${part}"`);
      const from = Number(m[1]);
      const to = m[2] === undefined ? from : Number(m[2]);
      if (to < from) throw new Error(`Not a range of issue numbers: "${part}"`);
      for (let n = from; n <= to; n++) keys.push(`${project}-${n}`);
    }
  }
  return keys;
}
