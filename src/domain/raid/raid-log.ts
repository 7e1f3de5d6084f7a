/**
 * The RAID log of one implementation as of a date: its risks, assumptions, issues and
 * dependencies with scores and ageing, the 5×5 heat map of the open ones, and the counts the
 * panel leads with (open high risks, overdue items).
 */
import type { RunwayConfig } from '../config';
import type { IsoDate } from '../dates';
import type { KpiWarning } from '../fields';
import type { Implementation, ImplementationChild } from '../implementation';
import { ageRaidItem } from './ageing';
import { HIGH_SCORE, RAID_KINDS, SCALE_MAX, scoreRaidItem, type RaidKind, type ScoreBand } from './scoring';

export interface RaidOwner {
  accountId: string | null;
  displayName: string | null;
}

export interface RaidItem {
  key: string;
  id: string | null;
  kind: RaidKind;
  summary: string;
  status: string | null;
  statusCategory: string | null;
  done: boolean;
  owner: RaidOwner | null;
  /** As the score uses it (an issue without one: 5); null when empty or off the scale. */
  probability: number | null;
  impact: number | null;
  score: number | null;
  band: ScoreBand | null;
  dueDate: IsoDate | null;
  created: IsoDate | null;
  resolved: IsoDate | null;
  ageDays: number | null;
  overdue: boolean;
  overdueDays: number;
}

export interface RaidCounts {
  /** Open items of kind risk scoring ≥ 15. */
  openHighRisks: number;
  /** Open items (any kind) past their due date. */
  overdue: number;
  open: number;
  total: number;
  openByKind: Record<RaidKind, number>;
}

/** heatMap[p - 1][i - 1] = open items with probability p and impact i. */
export type HeatMap = number[][];

export interface RaidLog {
  implementation: { key: string; summary: string };
  asOf: IsoDate;
  items: RaidItem[];
  heatMap: HeatMap;
  counts: RaidCounts;
  warnings: KpiWarning[];
}

const RAID_KIND_SET: ReadonlySet<string> = new Set(RAID_KINDS);

export function isRaidKind(kind: string): kind is RaidKind {
  return RAID_KIND_SET.has(kind);
}

export function toRaidItem(
  child: ImplementationChild & { kind: RaidKind },
  asOf: IsoDate,
  warnings: KpiWarning[],
): RaidItem {
  const score = scoreRaidItem(child, warnings);
  const ageing = ageRaidItem(child, asOf);
  const owner =
    child.assignee === null
      ? null
      : { accountId: child.assignee.accountId ?? null, displayName: child.assignee.displayName ?? null };
  return {
    key: child.key,
    id: child.id,
    kind: child.kind,
    summary: child.summary,
    status: child.status,
    statusCategory: child.statusCategory,
    done: child.done,
    owner,
    probability: score.probability,
    impact: score.impact,
    score: score.score,
    band: score.band,
    dueDate: child.dueDate,
    created: child.created,
    resolved: child.resolved,
    ageDays: ageing.ageDays,
    overdue: ageing.overdue,
    overdueDays: ageing.overdueDays,
  };
}

/** Open first, then highest score, then earliest due date, then key: what needs attention first. */
export function compareRaidItems(a: RaidItem, b: RaidItem): number {
  if (a.done !== b.done) return a.done ? 1 : -1;
  const sa = a.score ?? -1;
  const sb = b.score ?? -1;
  if (sa !== sb) return sb - sa;
  const da = a.dueDate ?? '9999-12-31';
  const db = b.dueDate ?? '9999-12-31';
  if (da !== db) return da < db ? -1 : 1;
  return a.key.localeCompare(b.key, 'en', { numeric: true });
}

export function emptyHeatMap(): HeatMap {
  return Array.from({ length: SCALE_MAX }, () => Array.from({ length: SCALE_MAX }, () => 0));
}

export function raidCounts(items: readonly RaidItem[]): RaidCounts {
  const openByKind: Record<RaidKind, number> = { risk: 0, assumption: 0, issue: 0, dependency: 0 };
  let openHighRisks = 0;
  let overdue = 0;
  let open = 0;
  for (const item of items) {
    if (item.done) continue;
    open++;
    openByKind[item.kind]++;
    if (item.overdue) overdue++;
    if (item.kind === 'risk' && item.score !== null && item.score >= HIGH_SCORE) openHighRisks++;
  }
  return { openHighRisks, overdue, open, total: items.length, openByKind };
}

export function heatMapOf(items: readonly RaidItem[]): HeatMap {
  const map = emptyHeatMap();
  for (const item of items) {
    if (item.done || item.probability === null || item.impact === null) continue;
    map[item.probability - 1][item.impact - 1]++;
  }
  return map;
}

export function buildRaidLog(implementation: Implementation, asOf: IsoDate): RaidLog {
  const warnings: KpiWarning[] = [];
  const items: RaidItem[] = [];
  for (const child of implementation.children) {
    if (isRaidKind(child.kind)) items.push(toRaidItem({ ...child, kind: child.kind }, asOf, warnings));
  }
  items.sort(compareRaidItems);
  return {
    implementation: { key: implementation.key, summary: implementation.summary },
    asOf,
    items,
    heatMap: heatMapOf(items),
    counts: raidCounts(items),
    warnings,
  };
}

/**
 * The issue type a new RAID item of each kind is created as: the first configured name the site
 * has (case-insensitive), as a standard type (not a sub-task, hierarchy level 0).
 */
export function raidIssueTypeIds(
  siteTypes: ReadonlyArray<{ id: string; name: string; subtask?: boolean; hierarchyLevel?: number }>,
  config: Pick<RunwayConfig, 'issueTypes'>,
): Partial<Record<RaidKind, string>> {
  const out: Partial<Record<RaidKind, string>> = {};
  for (const kind of RAID_KINDS) {
    for (const name of config.issueTypes[kind]) {
      const t = siteTypes.find(
        (x) =>
          x.name.toLowerCase() === name.toLowerCase() && x.subtask !== true && (x.hierarchyLevel ?? 0) === 0,
      );
      if (t) {
        out[kind] = t.id;
        break;
      }
    }
  }
  return out;
}
