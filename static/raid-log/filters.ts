// What the table shows: the items that pass every filter (type, status, owner, heat-map cell).
import type { RaidItem, RaidKind } from '../../src/contracts/raid-log';

export interface RaidFilters {
  kinds: RaidKind[];
  statuses: string[];
  /** Owner display names; NO_OWNER for unassigned items. */
  owners: string[];
  /** A heat-map cell: probability and impact. */
  cell: { probability: number; impact: number } | null;
}

export const NO_OWNER = 'Unassigned';
export const NO_STATUS = 'No status';

export const NO_FILTERS: RaidFilters = { kinds: [], statuses: [], owners: [], cell: null };

export const ownerName = (item: RaidItem): string =>
  item.owner?.displayName ?? item.owner?.accountId ?? NO_OWNER;
export const statusName = (item: RaidItem): string => item.status ?? NO_STATUS;

export function applyFilters(items: readonly RaidItem[], f: RaidFilters): RaidItem[] {
  return items.filter(
    (item) =>
      (f.kinds.length === 0 || f.kinds.includes(item.kind)) &&
      (f.statuses.length === 0 || f.statuses.includes(statusName(item))) &&
      (f.owners.length === 0 || f.owners.includes(ownerName(item))) &&
      (f.cell === null ||
        (!item.done && item.probability === f.cell.probability && item.impact === f.cell.impact)),
  );
}

export const isFiltered = (f: RaidFilters): boolean =>
  f.kinds.length + f.statuses.length + f.owners.length > 0 || f.cell !== null;

/** The distinct values of a column, sorted, for a filter's options. */
export function distinct(items: readonly RaidItem[], of: (item: RaidItem) => string): string[] {
  return [...new Set(items.map(of))].sort((a, b) => a.localeCompare(b));
}
