// `avi:forge:installed:app` and `avi:forge:upgraded:app`: provisions Runway's issue types and
// custom fields as the app (a trigger has no user), under the same lock as the Settings page.
// Idempotent, so it runs again on every upgrade. Where the app may not create them (no
// manage:jira-configuration consent, or Jira refuses), it logs why and leaves it to an admin.
import api from '@forge/api';
import { createJiraClient, type HttpFetch } from '../jira';
import { fromForgeRequest } from '../jira/forge';
import type { ProvisioningReport } from '../jira/provisioning';
import { runProvisioning } from '../resolvers/settings';
import { readConfig, typedStore, type TypedStore } from '../storage';
import { messageOf } from '../domain';

export interface InstallIo {
  jiraFetch: HttpFetch;
  store: TypedStore;
  now: () => number;
  log: (message: string) => void;
}

const appIo = (): InstallIo => ({
  jiraFetch: fromForgeRequest(api.asApp().requestJira),
  store: typedStore(),
  now: () => Date.now(),
  log: (m) => console.log(m),
});

/** Runs provisioning; the report, or null when it could not run (the reason is logged). */
export async function provisionOnInstall(io: InstallIo): Promise<ProvisioningReport | null> {
  try {
    const config = await readConfig(io.store);
    const report = await runProvisioning(
      createJiraClient({ fetch: io.jiraFetch }),
      io.jiraFetch,
      config,
      io.store,
      io.now,
    );
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
