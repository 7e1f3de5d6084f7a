// The `provisioning` queue (manifest: consumer runway-provisioning-consumer, up to 300 s per
// event): an event names the provisioning run it starts or continues (src/app/provisioning.ts).
import { Queue } from '@forge/events';
import { z } from 'zod';

export const PROVISIONING_QUEUE = 'provisioning';

export const ProvisioningEvent = z.object({ runId: z.string().min(1) });
export type ProvisioningEvent = z.infer<typeof ProvisioningEvent>;

export async function pushProvisioning(event: ProvisioningEvent, delayInSeconds = 0): Promise<void> {
  await new Queue({ key: PROVISIONING_QUEUE }).push({
    body: ProvisioningEvent.parse(event),
    ...(delayInSeconds > 0 ? { delayInSeconds } : {}),
  });
}
