// Consumer of the `implementation-markers` queue: re-scans the site as the app and sets
// `runway-implementation` on every implementation the saved settings recognise.
import { z } from 'zod';
import { forgePorts } from '../app/forge';
import { rescanImplementations } from '../app/implementation-marker';
import { RescanEvent } from '../app/marker-queue';
import { createJiraClient } from '../jira';
import { readConfig } from '../storage';

const ConsumerEvent = z.object({ body: z.unknown() });

/** The consumer's limit: manifest.yml gives marker-consumer-fn `timeoutSeconds: 900`. */
export const MARKER_TIMEOUT_MS = 900_000;

export async function markerConsumer(event: unknown, _context: unknown): Promise<void> {
  const parsed = ConsumerEvent.safeParse(event);
  const body = RescanEvent.safeParse(parsed.success ? parsed.data.body : undefined);
  if (!body.success) {
    console.error(
      `implementation-markers: an event that is not a re-scan was ignored: ${body.error.message}`,
    );
    return;
  }
  const ports = forgePorts('app', MARKER_TIMEOUT_MS);
  const marked = await rescanImplementations(
    createJiraClient({ fetch: ports.jiraFetch }),
    await readConfig(ports.store),
  );
  console.log(`implementation-markers: runway-implementation set on ${marked} issue(s)`);
}
