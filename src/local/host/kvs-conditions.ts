// Evaluation of the conditions @forge/kvs sends (WhereConditions / FilterConditions) against
// stored values, the way the Forge storage service applies them: a comparison between values of
// different types is false, never a coercion.
import type { Condition, Filters } from './kvs-protocol';

type Scalar = string | number | boolean;

function comparable(a: unknown, b: Scalar): a is string | number {
  return (typeof a === 'string' || typeof a === 'number') && typeof a === typeof b;
}

export function matchesCondition(value: unknown, c: Condition): boolean {
  const [first, second] = c.values;
  switch (c.condition) {
    case 'EXISTS':
      return value !== undefined && value !== null;
    case 'NOT_EXISTS':
      return value === undefined || value === null;
    case 'EQUAL_TO':
      return value === first;
    case 'NOT_EQUAL_TO':
      return value !== first;
    case 'BEGINS_WITH':
      return typeof value === 'string' && value.startsWith(String(first));
    case 'CONTAINS':
      return contains(value, first);
    case 'NOT_CONTAINS':
      return !contains(value, first);
    case 'GREATER_THAN':
      return comparable(value, first) && value > first;
    case 'GREATER_THAN_EQUAL_TO':
      return comparable(value, first) && value >= first;
    case 'LESS_THAN':
      return comparable(value, first) && value < first;
    case 'LESS_THAN_EQUAL_TO':
      return comparable(value, first) && value <= first;
    case 'BETWEEN':
      return comparable(value, first) && comparable(value, second) && value >= first && value <= second;
  }
}

function contains(value: unknown, needle: Scalar | undefined): boolean {
  if (typeof value === 'string') return value.includes(String(needle));
  if (Array.isArray(value)) return value.includes(needle);
  return false;
}

function attribute(record: unknown, property: string): unknown {
  if (typeof record !== 'object' || record === null || Array.isArray(record)) return undefined;
  return (record as Record<string, unknown>)[property];
}

/** `and` (all hold) or `or` (any holds) over the attributes of an entity value; a missing value has no attributes. */
export function matchesFilters(record: unknown, f: Filters): boolean {
  if (f.or) return f.or.some((c) => matchesCondition(attribute(record, c.property), c));
  return (f.and ?? []).every((c) => matchesCondition(attribute(record, c.property), c));
}

/** Total order used for index ranges and sorting: numbers before strings before booleans, then natural order. */
export function compareScalars(a: unknown, b: unknown): number {
  const rank = (v: unknown) =>
    typeof v === 'number' ? 0 : typeof v === 'string' ? 1 : typeof v === 'boolean' ? 2 : 3;
  const ra = rank(a);
  const rb = rank(b);
  if (ra !== rb) return ra - rb;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (typeof a === 'string' && typeof b === 'string') return a < b ? -1 : a > b ? 1 : 0;
  if (typeof a === 'boolean' && typeof b === 'boolean') return Number(a) - Number(b);
  return 0;
}
