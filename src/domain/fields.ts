/**
 * Finding the logical fields of data-model.md in an export: explicit ids from the config win,
 * else the field whose name (from `names`, expand=names) matches, case-insensitively.
 */
import { LOGICAL_FIELDS, type LogicalField, type RunwayConfig } from './config';
import type { JiraNames } from './jira';

export interface KpiWarning {
  /** The issue key the warning is about ('' when it is about the export as a whole). */
  issue: string;
  code: string;
  message: string;
}

export type FieldIds = Readonly<Record<LogicalField, string | null>>;

export function resolveFieldIds(names: JiraNames, config: RunwayConfig): { ids: FieldIds; warnings: KpiWarning[] } {
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

/** Lowercased set of configured names, for case-insensitive matching. */
export function nameSet(list: readonly string[]): ReadonlySet<string> {
  return new Set(list.map((s) => s.trim().toLowerCase()));
}

export function hasLabel(labels: readonly string[], label: string): boolean {
  const lc = label.toLowerCase();
  for (const l of labels) if (l === label || l.toLowerCase() === lc) return true;
  return false;
}
