// Reading and writing the draft settings by path (`gates.2.approvers.groups`), immutably, and
// finding the errors that belong to a field.
import { settingPathInWords, type FieldError } from '../../src/contracts/settings';

export type Path = ReadonlyArray<string | number>;
export const pathKey = (path: Path): string => path.map(String).join('.');

export function getAt(root: unknown, path: Path): unknown {
  let v: unknown = root;
  for (const p of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<string | number, unknown>)[p];
  }
  return v;
}

/** A copy of `root` with `value` at `path` (undefined deletes the key of an object). */
export function setAt<T>(root: T, path: Path, value: unknown): T {
  if (path.length === 0) return value as T;
  const [head, ...rest] = path;
  const base: unknown = root;
  if (Array.isArray(base)) {
    const copy = [...base];
    copy[head as number] = setAt(copy[head as number], rest, value);
    return copy as T;
  }
  const obj = base !== null && typeof base === 'object' ? { ...(base as Record<string, unknown>) } : {};
  const next = setAt(obj[head], rest, value);
  if (next === undefined) delete obj[head];
  else obj[head] = next;
  return obj as T;
}

/** Errors of this field: at its path, or inside it (a list's items, a rule's parts, said in words from 1). */
export function errorsAt(errors: readonly FieldError[], path: Path): string[] {
  const key = pathKey(path);
  return errors
    .filter((e) => e.path === key || e.path.startsWith(`${key}.`))
    .map((e) =>
      e.path === key ? e.message : `${settingPathInWords(e.path.slice(key.length + 1))}: ${e.message}`,
    );
}

/** Test ids from paths: `field-labels-uat`. */
export const testIdOf = (prefix: string, path: Path) => `${prefix}-${path.map(String).join('-')}`;
