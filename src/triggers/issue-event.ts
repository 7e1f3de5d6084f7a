// `avi:jira:created|updated|deleted:issue`: marks the issue (and its parent, when the event names
// it) as changed, so KPI snapshots computed before the change are recomputed, not shown.
import { z } from 'zod';
import { markChanged, typedStore, type TypedStore } from '../storage';

const IssueEvent = z.looseObject({
  issue: z.looseObject({
    key: z.string().min(1),
    fields: z.looseObject({ parent: z.looseObject({ key: z.string().min(1) }).nullish() }).optional(),
  }),
});

export async function recordIssueChange(event: unknown, store: TypedStore, now: number): Promise<string[]> {
  const parsed = IssueEvent.safeParse(event);
  if (!parsed.success) return [];
  const keys = [parsed.data.issue.key];
  const parent = parsed.data.issue.fields?.parent?.key;
  if (parent) keys.push(parent);
  await markChanged(store, keys, now);
  return keys;
}

export async function issueEventTrigger(event: unknown, _context: unknown): Promise<void> {
  await recordIssueChange(event, typedStore(), Date.now());
}
