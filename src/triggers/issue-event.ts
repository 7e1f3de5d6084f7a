// `avi:jira:created|updated|deleted:issue`: parses the event and marks the issue (and its parent,
// when the event names it) as changed (src/app/issue-changes); sets `runway-implementation` on an
// issue the settings recognise as an implementation (src/app/implementation-marker).
import { z } from 'zod';
import { forgePorts } from '../app/forge';
import { markIssueChanged } from '../app/issue-changes';
import { markFromEvent } from '../app/implementation-marker';
import type { TypedStore } from '../app/ports';
import { messageOf } from '../domain';

const IssueEvent = z.looseObject({
  issue: z.looseObject({
    key: z.string().min(1),
    fields: z.looseObject({ parent: z.looseObject({ key: z.string().min(1) }).nullish() }).optional(),
  }),
});

/** The keys marked changed; none for an event that names no issue. */
export async function recordIssueChange(event: unknown, store: TypedStore, now: number): Promise<string[]> {
  const parsed = IssueEvent.safeParse(event);
  if (!parsed.success) return [];
  return markIssueChanged(
    { store, now: () => new Date(now) },
    { issueKey: parsed.data.issue.key, parentKey: parsed.data.issue.fields?.parent?.key ?? undefined },
  );
}

export async function issueEventTrigger(event: unknown, _context: unknown): Promise<void> {
  const ports = forgePorts('app');
  await recordIssueChange(event, ports.store, ports.now().getTime());
  // The issue panels show where this property is set (manifest.yml): set it as the app.
  try {
    await markFromEvent(event, ports);
  } catch (e) {
    console.error(`runway-implementation could not be set: ${messageOf(e)}`);
  }
}
