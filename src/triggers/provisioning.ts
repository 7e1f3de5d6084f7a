// Consumer of the `provisioning` queue (manifest: runway-provisioning-consumer, 300 s): does the
// next share of a provisioning run as the app (src/app/provisioning.ts) and logs how it ended.
import { z } from 'zod';
import { forgePorts } from '../app/forge';
import { continueProvisioning, provisioningProgress } from '../app/provisioning';
import { ProvisioningEvent } from '../app/provisioning-queue';
import { messageOf } from '../domain';

const ConsumerEvent = z.object({ body: z.unknown() });

/** The consumer's limit: manifest.yml gives provision-consumer-fn `timeoutSeconds: 300`. */
export const PROVISIONING_TIMEOUT_MS = 300_000;

export async function provisioningConsumer(event: unknown, _context: unknown): Promise<void> {
  const parsed = ConsumerEvent.safeParse(event);
  const body = ProvisioningEvent.safeParse(parsed.success ? parsed.data.body : undefined);
  if (!body.success) {
    console.error(`provisioning: an event that is not a provisioning run was ignored: ${body.error.message}`);
    return;
  }
  const ports = forgePorts('app', PROVISIONING_TIMEOUT_MS);
  try {
    const outcome = await continueProvisioning(ports, body.data.runId);
    if (outcome !== 'done') return;
    const progress = await provisioningProgress(ports);
    if (!progress) return;
    console.log(`Runway provisioning: ${progress.summary}`);
    for (const item of progress.items)
      if (item.status === 'created' || item.status === 'failed') console.log(`  ${item.detail}`);
  } catch (e) {
    // The run stays unfinished: it shows as interrupted, and asking again resumes it.
    console.error(`provisioning: run ${body.data.runId} stopped: ${messageOf(e)}`);
  }
}
