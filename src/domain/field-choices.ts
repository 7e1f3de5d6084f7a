// Which logical fields of data-model.md read the same site field: each needs its own (CSAT and
// Stakeholder Confidence read from one field would report one number as two KPIs).
import { LOGICAL_FIELDS, type LogicalField } from './config';

/**
 * For each logical field, the others that read the same site field: its explicit id, or else the
 * site field its name finds (case-insensitively, as Runway finds fields), or else the name itself.
 */
export function fieldsSharingASiteField(
  names: Readonly<Partial<Record<string, unknown>>>,
  ids: Readonly<Partial<Record<string, unknown>>>,
  siteFields: ReadonlyArray<{ id: string; name: string }> = [],
): Map<LogicalField, LogicalField[]> {
  const keys = Object.keys(LOGICAL_FIELDS) as LogicalField[];
  const byName = new Map<string, string>();
  for (const f of siteFields) {
    const n = f.name.trim().toLowerCase();
    if (!byName.has(n)) byName.set(n, f.id);
  }
  const choice = (k: LogicalField): string | null => {
    const id = ids[k];
    if (typeof id === 'string') return id;
    const name = names[k];
    if (typeof name !== 'string') return null;
    const n = name.trim().toLowerCase();
    return byName.get(n) ?? `name:${n}`;
  };
  const out = new Map<LogicalField, LogicalField[]>();
  for (const k of keys) {
    const mine = choice(k);
    if (mine === null) continue;
    const others = keys.filter((o) => o !== k && choice(o) === mine);
    if (others.length > 0) out.set(k, others);
  }
  return out;
}
