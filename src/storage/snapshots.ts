// KPI snapshots: the portfolio KPIs of one scope as of one date, written by the background
// snapshot functions and read by views for trends. One key per scope and date, so a re-run of the
// same day replaces its own snapshot and nothing else.
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { isoDate, PortfolioKpi } from '../contracts';
import { storageKey, type TypedStore } from './store';

export const KpiSnapshot = z.object({
  asOf: isoDate,
  jql: z.string(),
  /** Epoch ms when it was computed. */
  computedAt: z.number().int(),
  implementations: z.number().int().min(0),
  kpis: z.array(PortfolioKpi),
});
export type KpiSnapshot = z.infer<typeof KpiSnapshot>;

/** A short stable id for a scope (its JQL), usable in a storage key. */
export function scopeId(jql: string): string {
  return createHash('sha256').update(jql.trim()).digest('hex').slice(0, 16);
}

const prefix = (jql: string) => `${storageKey('snapshot', scopeId(jql))}:`;

export async function writeSnapshot(store: TypedStore, snapshot: KpiSnapshot): Promise<void> {
  await store.set(`${prefix(snapshot.jql)}${snapshot.asOf}`, KpiSnapshot, snapshot);
}

/** Snapshots of a scope, oldest first. */
export async function readSnapshots(store: TypedStore, jql: string): Promise<KpiSnapshot[]> {
  return (await store.list(prefix(jql), KpiSnapshot)).map((r) => r.value);
}
