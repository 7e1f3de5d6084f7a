// The `implementation-markers` queue (manifest: consumer runway-marker-consumer, up to 900 s): after
// the settings are saved, one event asks for a re-scan that sets `runway-implementation` on every
// implementation the new settings recognise (src/app/implementation-marker.ts).
import { Queue } from '@forge/events';
import { z } from 'zod';

export const MARKER_QUEUE = 'implementation-markers';

export const RescanEvent = z.object({ reason: z.literal('settings-saved') });
export type RescanEvent = z.infer<typeof RescanEvent>;

export async function pushRescan(): Promise<void> {
  await new Queue({ key: MARKER_QUEUE }).push({ body: RescanEvent.parse({ reason: 'settings-saved' }) });
}
