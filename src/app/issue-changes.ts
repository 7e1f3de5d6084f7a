// Use case: an issue was created, updated or deleted. It and its parent are marked as changed, so
// KPI snapshots computed before the change are recomputed, not shown.
import { markChanged } from '../storage';
import type { Ports } from './ports';

export interface IssueChange {
  issueKey: string;
  /** The issue's parent (an implementation's child changes its implementation's numbers). */
  parentKey?: string;
}

/** Marks the issue and its parent changed now; the keys marked. */
export async function markIssueChanged(
  ports: Pick<Ports, 'store' | 'now'>,
  change: IssueChange,
): Promise<string[]> {
  const keys = change.parentKey ? [change.issueKey, change.parentKey] : [change.issueKey];
  await markChanged(ports.store, keys, ports.now().getTime());
  return keys;
}
