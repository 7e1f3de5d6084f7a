// A provisioning run is done by queue consumer invocations (src/app/provisioning.ts): one that dies
// part-way is resumed where it stopped, one that nears its deadline hands the rest to a new
// event, and no issue type, field or option is ever created twice. In-memory ports: the local site
// and the storage emulation; the clock is moved by hand.
import {
  BUSY_RETRY_SECONDS,
  continueProvisioning,
  ITEM_MARGIN_MS,
  provisioningProgress,
  requestProvisioning,
  type ProvisioningPorts,
} from '../../src/app/provisioning';
import type { ProvisioningEvent } from '../../src/app/provisioning-queue';
import { createBaseSite, DEMO_USERS } from '../../src/local/demo/catalog';
import type { SiteState } from '../../src/local/site/model';
import type { HttpFetch, TypedStore } from '../../src/app/ports';
import { STALE_PROVISIONING_LOCK_MS, takeProvisioningLock } from '../../src/storage/provisioning';
import { inMemoryApp, type InMemoryApp } from './support/ports';

const NOW = new Date('2026-11-23T12:00:00.000Z').getTime();
const { admin } = DEMO_USERS;
const ITEMS = 23;
const TYPES = ['Milestone', 'Risk', 'Assumption', 'Issue', 'Dependency', 'Change Request', 'Gate'];

class Killed extends Error {}

describe('an interrupted provisioning run', () => {
  let app: InMemoryApp;
  let state: SiteState;
  let events: Array<{ event: ProvisioningEvent; delay: number }>;
  const enqueue = async (event: ProvisioningEvent, delay = 0) => void events.push({ event, delay });
  const portsAt = (at: number, deadlineAt?: number): ProvisioningPorts => ({
    ...app.portsAs('app', new Date(at)),
    ...(deadlineAt !== undefined ? { deadlineAt } : {}),
  });
  const times = (names: string[], name: string) => names.filter((n) => n === name).length;
  const eachOnce = () => {
    for (const t of TYPES)
      expect([
        t,
        times(
          state.issueTypes.map((x) => x.name),
          t,
        ),
      ]).toEqual([t, 1]);
    const fields = state.fields.map((f) => f.name);
    expect(fields.length).toBe(new Set(fields).size);
  };

  beforeEach(async () => {
    state = createBaseSite({ provisioned: false });
    app = await inMemoryApp(state, new Date(NOW));
    events = [];
  });
  afterEach(() => app.close());

  it('resumes where the dead invocation stopped, finishing the field it was creating, and creates nothing twice', async () => {
    const asked = await requestProvisioning(portsAt(NOW), admin.accountId, enqueue);
    expect(asked.state).toBe('queued');
    const runId = events[0].event.runId;

    // The invocation dies right after Jira created Gate Type, before its options and before the
    // run could record it: every later request and storage call fails, the lock is not released.
    let dead = false;
    const ports = portsAt(NOW);
    const dying: HttpFetch = async (path, init = {}) => {
      if (dead) throw new Killed('the invocation was killed');
      const answer = await ports.jiraFetch(path, init);
      if (init.method === 'POST' && path === '/rest/api/3/field' && (init.body ?? '').includes('"Gate Type"'))
        dead = true;
      return answer;
    };
    const store: TypedStore = {
      ...app.store,
      get: (k, s) => (dead ? Promise.reject(new Killed('killed')) : app.store.get(k, s)),
      set: (k, s, v) => (dead ? Promise.reject(new Killed('killed')) : app.store.set(k, s, v)),
    };
    await expect(continueProvisioning({ ...ports, jiraFetch: dying, store }, runId, enqueue)).rejects.toThrow(
      Killed,
    );
    const gateType = state.fields.find((f) => f.name === 'Gate Type');
    expect(gateType?.contexts?.[0]?.options ?? []).toEqual([]);

    // A minute later it still counts as running: asking again queues nothing.
    expect((await requestProvisioning(portsAt(NOW + 60_000), admin.accountId, enqueue)).state).toBe(
      'running',
    );
    expect(events).toHaveLength(1);

    // Five minutes without a sign of life: interrupted, and asking again resumes the same run.
    const later = NOW + STALE_PROVISIONING_LOCK_MS + 1;
    const stopped = await provisioningProgress(portsAt(later));
    expect([stopped?.state, stopped?.processed, stopped?.total, stopped?.summary]).toEqual([
      'interrupted',
      18,
      ITEMS,
      `Provisioning stopped after 18 of ${ITEMS} items; run it again to resume where it stopped (nothing is created twice).`,
    ]);
    await requestProvisioning(portsAt(later), admin.accountId, enqueue);
    expect(events.map((e) => e.event.runId)).toEqual([runId, runId]);
    expect(await continueProvisioning(portsAt(later), runId, enqueue)).toBe('done');

    const done = await provisioningProgress(portsAt(later));
    expect([done?.state, done?.created, done?.failed, done?.summary]).toEqual([
      'done',
      ITEMS,
      0,
      `Created ${ITEMS} of ${ITEMS} missing items.`,
    ]);
    expect(done?.items.find((i) => i.key === 'gateType')?.detail).toMatch(
      /^Created field Gate Type \(customfield_\d+\); added 6 missing options$/,
    );
    eachOnce();
    expect(state.fields.find((f) => f.name === 'Gate Type')?.contexts?.[0].options).toHaveLength(6);
  });

  it('hands the rest to a new event when its deadline nears, and the next invocation finishes', async () => {
    await requestProvisioning(portsAt(NOW), admin.accountId, enqueue);
    const runId = events[0].event.runId;
    // Each Jira request takes 5 s on this clock; the invocation may run 100 s.
    let clock = NOW;
    const slow: HttpFetch = async (path, init) => {
      clock += 5_000;
      return app.portsAs('app').jiraFetch(path, init);
    };
    const first = {
      ...portsAt(NOW, NOW + ITEM_MARGIN_MS + 40_000),
      jiraFetch: slow,
      now: () => new Date(clock),
    };
    expect(await continueProvisioning(first, runId, enqueue)).toBe('continued');
    expect(events.map((e) => [e.event.runId, e.delay])).toEqual([
      [runId, 0],
      [runId, 0],
    ]);
    const part = await provisioningProgress({ store: app.store, now: () => new Date(clock) });
    expect(part?.state).toBe('running');
    expect(part?.processed).toBeGreaterThan(0);
    expect(part?.processed).toBeLessThan(ITEMS);

    expect(await continueProvisioning(portsAt(clock, clock + 300_000), runId, enqueue)).toBe('done');
    expect((await provisioningProgress(portsAt(clock)))?.created).toBe(ITEMS);
    eachOnce();
  });

  it('drops a duplicate event of the run being worked on, and puts off an event of another run', async () => {
    const held = await takeProvisioningLock(app.store, NOW, 'run:first');
    expect(held.taken).toBe(true);
    expect(await continueProvisioning(portsAt(NOW), 'first', enqueue)).toBe('busy');
    expect(await continueProvisioning(portsAt(NOW), 'second', enqueue)).toBe('retry-later');
    expect(events).toEqual([{ event: { runId: 'second' }, delay: BUSY_RETRY_SECONDS }]);
    expect(state.fields.filter((f) => f.name === 'Gate Type')).toEqual([]);
  });

  it('ignores an event of a run that is over or was replaced', async () => {
    await requestProvisioning(portsAt(NOW), admin.accountId, enqueue);
    const runId = events[0].event.runId;
    expect(await continueProvisioning(portsAt(NOW), 'another-run', enqueue)).toBe('stale-event');
    expect(await continueProvisioning(portsAt(NOW), runId, enqueue)).toBe('done');
    expect(await continueProvisioning(portsAt(NOW), runId, enqueue)).toBe('stale-event');
    eachOnce();
  });
});
