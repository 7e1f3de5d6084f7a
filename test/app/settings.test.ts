// The settings and provisioning use cases (src/app/settings, src/app/provisioning) on in-memory
// ports: a site without Runway's issue types and fields, app storage in memory, a fixed clock.
import type { HttpFetch } from '../../src/app/ports';
import { provisionSite, runProvisioning } from '../../src/app/provisioning';
import { readSettings, saveSettings } from '../../src/app/settings';
import { defaultConfig } from '../../src/domain';
import { createBaseSite, DEMO_USERS } from '../../src/local/demo/catalog';
import type { SiteState } from '../../src/local/site/model';
import { readConfig } from '../../src/storage';
import { STALE_PROVISIONING_LOCK_MS, takeProvisioningLock } from '../../src/storage/provisioning';
import { inMemoryApp, type InMemoryApp } from './support/ports';

const NOW = new Date('2026-11-23T12:00:00.000Z');
const { admin, consultant } = DEMO_USERS;
const RUNWAY_ITEMS = 23; // 7 issue types and 16 fields (Stakeholder Confidence included) that a bare site lacks

describe('settings and provisioning use cases', () => {
  let app: InMemoryApp;
  let state: SiteState;
  const counts = () => [state.issueTypes.length, state.fields.length];

  beforeEach(async () => {
    state = createBaseSite({ provisioned: false });
    app = await inMemoryApp(state, NOW);
  });
  afterEach(() => app.close());

  describe('reading and saving settings', () => {
    it('reads the defaults before anything is saved, with what the site lacks', async () => {
      const r = await readSettings(app.portsAs(admin.accountId));
      if (!r.ok) throw new Error(r.error);
      expect([r.data.settings, r.data.canEdit]).toEqual([defaultConfig(), true]);
      expect(r.data.provisioning?.filter((i) => i.status === 'missing')).toHaveLength(RUNWAY_ITEMS);
    });

    it('saves valid settings for an administrator', async () => {
      const settings = { ...defaultConfig(), milestoneToleranceDays: 5 };
      expect(await saveSettings(app.portsAs(admin.accountId), settings)).toEqual({
        ok: true,
        data: { saved: true, settings },
      });
      expect(await readConfig(app.store)).toEqual(settings);
    });

    it('refuses anyone else, and keeps the stored settings', async () => {
      const r = await saveSettings(app.portsAs(consultant.accountId), {
        ...defaultConfig(),
        milestoneToleranceDays: 5,
      });
      expect(r).toEqual({ ok: false, error: 'Only Jira administrators can change Runway settings.' });
      expect(await readConfig(app.store)).toEqual(defaultConfig());
    });

    it('refuses invalid settings with the reason at each field, and keeps the stored settings', async () => {
      const r = await saveSettings(app.portsAs(admin.accountId), {
        ...defaultConfig(),
        milestoneToleranceDays: -2,
      });
      if (!r.ok || r.data.saved) throw new Error('expected a refusal');
      expect(r.data.errors).toEqual([
        { path: 'milestoneToleranceDays', message: 'expected a whole number of days from 0 to 365' },
      ]);
      expect(await readConfig(app.store)).toEqual(defaultConfig());
    });
  });

  describe('provisioning', () => {
    it('creates every missing issue type and field once, and nothing on a second run', async () => {
      const first = await runProvisioning(app.portsAs(admin.accountId));
      expect([first.created, first.failed, first.summary]).toEqual([
        RUNWAY_ITEMS,
        0,
        `Created ${RUNWAY_ITEMS} of ${RUNWAY_ITEMS} missing items.`,
      ]);
      const after = counts();
      const second = await runProvisioning(app.portsAs(admin.accountId));
      expect([second.created, second.summary]).toEqual([
        0,
        'Nothing to do: all 24 issue types and fields exist.', // the 23 and the Epic
      ]);
      expect(counts()).toEqual(after);
    });

    it('refuses a user who is not a Jira administrator, creating and queueing nothing', async () => {
      const before = counts();
      const queued: unknown[] = [];
      expect(
        await provisionSite(app.portsAs(consultant.accountId), consultant.accountId, async (e) => {
          queued.push(e);
        }),
      ).toEqual({
        ok: false,
        error: 'Only Jira administrators can create issue types and fields.',
      });
      expect([counts(), queued]).toEqual([before, []]);
    });

    it('queues one run for an administrator, and answers a second request with that run’s progress', async () => {
      const queued: unknown[] = [];
      const enqueue = async (e: unknown) => void queued.push(e);
      const first = await provisionSite(app.portsAs(admin.accountId), admin.accountId, enqueue);
      const second = await provisionSite(app.portsAs(admin.accountId), admin.accountId, enqueue);
      expect(first).toEqual({
        ok: true,
        data: expect.objectContaining({
          state: 'queued',
          summary: 'Provisioning is queued and starts in a moment.',
        }),
      });
      expect(second).toEqual(first);
      expect(queued).toHaveLength(1);
    });

    it('does not run while another run holds the lock, and creates nothing', async () => {
      const startedAt = NOW.getTime() - 60_000;
      expect((await takeProvisioningLock(app.store, startedAt)).taken).toBe(true);
      const before = counts();
      await expect(runProvisioning(app.portsAs(admin.accountId))).rejects.toThrow(
        `Provisioning is already running (started ${new Date(startedAt).toISOString()}); try again in a minute.`,
      );
      expect(counts()).toEqual(before);
    });

    it('takes over the lock of a run that crashed long ago, and lets go of it when done', async () => {
      await takeProvisioningLock(app.store, NOW.getTime() - STALE_PROVISIONING_LOCK_MS - 1);
      expect((await runProvisioning(app.portsAs(admin.accountId))).created).toBe(RUNWAY_ITEMS);
      expect((await takeProvisioningLock(app.store, NOW.getTime())).taken).toBe(true);
    });

    it('lets exactly one of several runs take over a stale lock at the same moment', async () => {
      await takeProvisioningLock(app.store, NOW.getTime() - STALE_PROVISIONING_LOCK_MS - 1);
      const takers = await Promise.all(
        Array.from({ length: 5 }, () => takeProvisioningLock(app.store, NOW.getTime())),
      );
      expect(takers.filter((t) => t.taken)).toHaveLength(1);
    });

    it('reports an item Jira refuses and creates the others; the lock is let go', async () => {
      const ports = app.portsAs(admin.accountId);
      const refuseGate: HttpFetch = async (path, init = {}) =>
        init.method === 'POST' && path === '/rest/api/3/issuetype' && (init.body ?? '').includes('"Gate"')
          ? {
              status: 400,
              headers: { get: () => null },
              text: async () =>
                JSON.stringify({ errors: { name: 'An issue type with this name already exists.' } }),
            }
          : ports.jiraFetch(path, init);
      const report = await runProvisioning({ ...ports, jiraFetch: refuseGate });
      expect([report.created, report.failed, report.summary]).toEqual([
        RUNWAY_ITEMS - 1,
        1,
        `Created ${RUNWAY_ITEMS - 1} of ${RUNWAY_ITEMS} missing items; 1 failed.`,
      ]);
      expect(report.items.find((i) => i.key === 'gate')).toMatchObject({
        status: 'failed',
        detail: expect.stringMatching(/^Could not create issue type Gate: .*already exists/),
      });
      expect((await takeProvisioningLock(app.store, NOW.getTime())).taken).toBe(true);
    });
  });
});
