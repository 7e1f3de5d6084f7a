// Which logical fields of data-model.md read the same site field: each needs its own (CSAT and
// Stakeholder Confidence read from one field would report one number as two KPIs).
import { LOGICAL_FIELDS, type LogicalField } from './config';

/**
 * For each logical field, the others chosen with the same field: the same explicit id, or, where
 * neither has an id, the same name (case-insensitively, as fields are found by name).
 */
export function fieldsSharingASiteField(
  names: Readonly<Partial<Record<string, unknown>>>,
  ids: Readonly<Partial<Record<string, unknown>>>,
): Map<LogicalField, LogicalField[]> {
  const keys = Object.keys(LOGICAL_FIELDS) as LogicalField[];
  const choice = (k: LogicalField): string | null =>
    typeof ids[k] === 'string'
      ? `id:${String(ids[k])}`
      : typeof names[k] === 'string'
        ? `name:${String(names[k]).trim().toLowerCase()}`
        : null;
  const out = new Map<LogicalField, LogicalField[]>();
  for (const k of keys) {
    const mine = choice(k);
    if (mine === null) continue;
    const others = keys.filter((o) => o !== k && choice(o) === mine);
    if (others.length > 0) out.set(k, others);
  }
  return out;
}
