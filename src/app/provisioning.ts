// Use case: provision Runway's issue types and custom fields (data-model.md, as the settings name
// them) — from the Settings page as a Jira administrator, or from the install trigger as the app.
// One run at a time (a storage lock), and each item is checked by name first, so running it
// again, or twice at once, never creates anything twice. An item Jira refuses is reported, and
// the run goes on with the others.
import type { ProvisionResult } from '../contracts/settings';
import type { RunwayConfig } from '../domain';
import { createJiraClient, type JiraClient, type HttpFetch } from '../jira';
import { isJiraAdmin } from '../jira/gates';
import {
  addMissingOptions,
  createFieldFor,
  createIssueTypeFor,
  inspectProvisioning,
  type ProvisioningItem,
  type ProvisioningReport,
} from '../jira/provisioning';
import { readConfig } from '../storage';
import { releaseProvisioningLock, takeProvisioningLock } from '../storage/provisioning';
import { attempt, fail } from './failure';
import type { Ports } from './ports';
import { messageOf } from '../domain';

export type { ProvisioningItem, ProvisioningReport };

/** The ports provisioning uses: Jira as the provisioning identity, app storage, the clock. */
export type ProvisioningPorts = Pick<Ports, 'jiraFetch' | 'store' | 'now'>;

/** One item brought into existence, or why it could not be; an item that exists stays as it is. */
async function provisionItem(
  jira: JiraClient,
  fetch: HttpFetch,
  config: RunwayConfig,
  item: ProvisioningItem,
): Promise<ProvisioningItem> {
  if (item.kind === 'issueType') {
    if (item.status !== 'missing') return item;
    try {
      const created = await createIssueTypeFor(jira, item);
      return { ...item, status: 'created', id: created.id, detail: `Created issue type ${created.name}` };
    } catch (e) {
      return {
        ...item,
        status: 'failed',
        detail: `Could not create issue type ${item.name}: ${messageOf(e)}`,
      };
    }
  }
  if (item.status === 'exists') {
    try {
      const added = await addMissingOptions(fetch, item, config);
      return added
        ? { ...item, detail: `${item.detail}; added ${added} missing option${added === 1 ? '' : 's'}` }
        : item;
    } catch (e) {
      return {
        ...item,
        status: 'failed',
        detail: `${item.detail}, but its options could not be checked: ${messageOf(e)}`,
      };
    }
  }
  if (item.status !== 'missing') return item;
  try {
    const created = await createFieldFor(jira, fetch, item, config);
    const options = created.options > 0 ? ` with ${created.options} options` : '';
    return {
      ...item,
      status: 'created',
      id: created.id,
      detail: `Created field ${created.name} (${created.id})${options}`,
    };
  } catch (e) {
    return { ...item, status: 'failed', detail: `Could not create field ${item.name}: ${messageOf(e)}` };
  }
}

/** The report of a run: what it created and what failed, in one sentence. */
export function reportOf(items: ProvisioningItem[]): ProvisioningReport {
  const created = items.filter((i) => i.status === 'created').length;
  const failed = items.filter((i) => i.status === 'failed').length;
  const missing = items.filter((i) => i.status !== 'exists').length;
  const summary =
    created === 0 && failed === 0
      ? `Nothing to do: all ${items.length} issue types and fields exist.`
      : `Created ${created} of ${missing} missing item${created === 1 ? '' : 's'}${failed > 0 ? `; ${failed} failed` : ''}.`;
  return { items, created, failed, summary };
}

/**
 * Creates what is missing, as the ports' identity, under the provisioning lock (an admin's click
 * and the install trigger never run at once: each checks names before creating, so two at once
 * could both see a type missing). Throws when another run holds the lock.
 */
export async function runProvisioning(ports: ProvisioningPorts): Promise<ProvisioningReport> {
  const lock = await takeProvisioningLock(ports.store, ports.now().getTime());
  if (!lock.taken)
    throw new Error(
      lock.heldSince === null
        ? 'Provisioning is already running; try again in a minute.'
        : `Provisioning is already running (started ${new Date(lock.heldSince).toISOString()}); try again in a minute.`,
    );
  try {
    const config = await readConfig(ports.store);
    const jira = createJiraClient({ fetch: ports.jiraFetch });
    const items: ProvisioningItem[] = [];
    for (const item of await inspectProvisioning(jira, config))
      items.push(await provisionItem(jira, ports.jiraFetch, config, item));
    return reportOf(items);
  } finally {
    await releaseProvisioningLock(ports.store);
  }
}

/** From the Settings page: Jira administrators only, as themselves. */
export function provisionSite(ports: ProvisioningPorts): Promise<ProvisionResult> {
  return attempt(async () => {
    if (!(await isJiraAdmin(createJiraClient({ fetch: ports.jiraFetch }))))
      return fail('Only Jira administrators can create issue types and fields.');
    return { ok: true, data: await runProvisioning(ports) };
  });
}
