// `avi:forge:installed:app` and `avi:forge:upgraded:app`: asks for a provisioning run of Runway's
// issue types and custom fields as the app (a trigger has no user). The run itself is ~45 admin
// calls, too many for a trigger's 25 s: the `provisioning` queue's consumer does it
// (src/app/provisioning.ts, src/triggers/provisioning.ts) and logs what it did. Idempotent, so it
// runs again on every upgrade (and resumes a run that was interrupted). Where the app may not
// create them (no manage:jira-configuration consent, or Jira refuses), the run records why and an
// admin sees it, and can run it again, on the Settings page.
import { forgePorts } from '../app/forge';
import { requestProvisioning, type Enqueue, type ProvisioningPorts } from '../app/provisioning';
import type { ProvisioningProgress } from '../contracts/settings';
import { messageOf } from '../domain';

export interface InstallIo extends Pick<ProvisioningPorts, 'store' | 'now'> {
  log: (message: string) => void;
  enqueue?: Enqueue;
}

const appIo = (): InstallIo => ({ ...forgePorts('app'), log: (m) => console.log(m) });

/** Queues provisioning; its progress, or null when it could not be queued (the reason is logged). */
export async function provisionOnInstall(io: InstallIo): Promise<ProvisioningProgress | null> {
  try {
    const progress = await requestProvisioning(io, 'app', io.enqueue);
    io.log(`Runway provisioning: ${progress.summary}`);
    return progress;
  } catch (e) {
    io.log(
      `Runway provisioning did not run: ${messageOf(e)}. A Jira administrator can run it from Runway settings.`,
    );
    return null;
  }
}

export async function installTrigger(_event: unknown, _context: unknown): Promise<void> {
  await provisionOnInstall(appIo());
}
