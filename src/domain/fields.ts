/**
 * Finding the logical fields of data-model.md in an export: explicit ids from the config win,
 * else the field whose name (from `names`, expand=names) matches, case-insensitively.
 */
import { LOGICAL_FIELDS, type LogicalField, type RunwayConfig } from './config';
import type { JiraNames } from './issue-json';

export interface KpiWarning {
  /** The issue key the warning is about ('' when it is about the export as a whole). */
  issue: string;
  code: string;
  message: string;
}

export type FieldIds = Readonly<Record<LogicalField, string | null>>;

export function resolveFieldIds(
  names: JiraNames,
  config: RunwayConfig,
): { ids: FieldIds; warnings: KpiWarning[] } {
  const byName = new Map<string, string[]>();
  for (const id of Object.keys(names)) {
    const n = names[id];
    if (typeof n !== 'string') continue;
    const lc = n.trim().toLowerCase();
    const list = byName.get(lc);
    if (list) list.push(id);
    else byName.set(lc, [id]);
  }
  const warnings: KpiWarning[] = [];
  const ids = {} as Record<LogicalField, string | null>;
  for (const field of Object.keys(LOGICAL_FIELDS) as LogicalField[]) {
    const explicit = config.fieldIds[field];
    if (explicit) {
      ids[field] = explicit;
      continue;
    }
    const name = config.fieldNames[field];
    const found = byName.get(name.trim().toLowerCase());
    ids[field] = found ? found[0] : null;
    if (found && found.length > 1) {
      warnings.push({
        issue: '',
        code: 'AMBIGUOUS_FIELD',
        message: `several fields are named "${name}" (${found.join(', ')}); using ${found[0]}: set fieldIds.${field} to choose`,
      });
    }
  }
  return { ids, warnings };
}

/**
 * Case-insensitive lookup of configured names (statuses, issue types…). Exact spellings hit
 * without allocating; other strings are lowercased only when their length could match.
 */
export class NameLookup<T> {
  private readonly exact = new Map<string, T>();
  private readonly lower = new Map<string, T>();
  private readonly lengths = new Set<number>();

  constructor(entries: Iterable<readonly [string, T]>) {
    for (const [raw, value] of entries) {
      const name = raw.trim();
      const lc = name.toLowerCase();
      if (!this.lower.has(lc)) this.lower.set(lc, value);
      if (!this.exact.has(name)) this.exact.set(name, value);
      this.lengths.add(name.length);
    }
  }

  get(name: string | null | undefined): T | undefined {
    if (name === null || name === undefined) return undefined;
    const hit = this.exact.get(name);
    if (hit !== undefined) return hit;
    return this.lengths.has(name.length) ? this.lower.get(name.toLowerCase()) : undefined;
  }

  has(name: string | null | undefined): boolean {
    return this.get(name) !== undefined;
  }
}

/** A case-insensitive set of configured names (`has` takes any spelling). */
export function nameLookup(list: readonly string[]): NameLookup<true> {
  return new NameLookup(list.map((n) => [n, true] as const));
}

/** Lowercased set of configured names: test with `set.has(name.toLowerCase())`. */
export function nameSet(list: readonly string[]): ReadonlySet<string> {
  return new Set(list.map((s) => s.trim().toLowerCase()));
}

/** Case-insensitive label test; lowercases only labels of the right length (hot path). */
export function hasLabel(labels: readonly string[], label: string): boolean {
  for (let i = 0; i < labels.length; i++) {
    const l = labels[i];
    if (l === label) return true;
    if (l.length === label.length && l.toLowerCase() === label.toLowerCase()) return true;
  }
  return false;
}
