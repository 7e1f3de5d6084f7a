// `avi:forge:installed:app` and `avi:forge:upgraded:app`: provisions Runway's issue types and
// custom fields as the app (a trigger has no user), under the same lock as the Settings page
// (src/app/provisioning). Idempotent, so it runs again on every upgrade. Where the app may not
// create them (no manage:jira-configuration consent, or Jira refuses), it logs why and leaves it
// to an admin.
import { forgePorts } from '../app/forge';
import { runProvisioning, type ProvisioningPorts, type ProvisioningReport } from '../app/provisioning';
import { messageOf } from '../domain';

export interface InstallIo extends ProvisioningPorts {
  log: (message: string) => void;
}

const appIo = (): InstallIo => ({ ...forgePorts('app'), log: (m) => console.log(m) });

/** Runs provisioning; the report, or null when it could not run (the reason is logged). */
export async function provisionOnInstall(io: InstallIo): Promise<ProvisioningReport | null> {
  try {
    const report = await runProvisioning(io);
    io.log(`Runway provisioning: ${report.summary}`);
    for (const item of report.items)
      if (item.status === 'created' || item.status === 'failed') io.log(`  ${item.detail}`);
    return report;
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
