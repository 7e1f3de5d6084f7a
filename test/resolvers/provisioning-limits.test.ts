// Provisioning within Forge's invocation limits (issue 10 item 3), on the local host with 100 ms per
// Jira request. "One call" is the whole run inside the Settings resolver's one invocation (25 s),
// as before the queue; "queued" is what the Settings page does now: the resolver checks the
// administrator and queues, the `provisioning` consumer (300 s) creates the items. The host
// enforces each function's limit (src/local/host/limits.ts) and records how long each ran.
import { forgePorts } from '../../src/app/forge';
import { runProvisioning, type ProvisioningReport } from '../../src/app/provisioning';
import {
  SETTINGS_KEYS,
  type GetProvisioningResult,
  type ProvisionResult,
} from '../../src/contracts/settings';
import { HOST_USERS } from '../../src/local/host/app';
import { LocalForge } from '../../src/local/host/forge';
import { FORGE_LIMITS, functionLimits, runWithLimits } from '../../src/local/host/limits';
import { createBaseSite } from '../../src/local/demo/catalog';
import { createSiteHandler } from '../../src/local/site/handler';
import type { SiteState } from '../../src/local/site/model';
import type { FaultConfig, SiteHandler } from '../../src/local/site/types';

const PAGE = 'runway-settings';
const LATENCY_MS = 100;
const ITEMS = 23; // 7 issue types and 16 fields a bare site lacks
const RESOLVER_MS = FORGE_LIMITS.runtimeSeconds * 1000;
const CONSUMER_MS = 300_000; // manifest: provision-consumer-fn timeoutSeconds

/**
 * Jira's admin writes under its burst rate limit: every third one answered 429 with Retry-After
 * 2 s (the transport waits and retries while the invocation has time left).
 */
const RATE_LIMITED_WRITES: FaultConfig = {
  latencyMs: LATENCY_MS,
  rateLimit: { every: 3, retryAfterSeconds: 2 },
  endpoints: [
    'POST /rest/api/3/issuetype',
    'POST /rest/api/3/field',
    'POST /rest/api/3/field/{fieldId}/context/{contextId}/option',
  ],
};

const figures: Record<string, unknown> = {};
// The consumer logs each item it creates (Forge's log); the figures are what this file prints.
beforeAll(() => jest.spyOn(console, 'log').mockImplementation(() => undefined));
afterAll(() => {
  jest.restoreAllMocks();
  console.info(`provisioning figures: ${JSON.stringify(figures, null, 1)}`);
});

interface Host {
  forge: LocalForge;
  site: SiteHandler;
  state: SiteState;
  /** Issue types and fields the run created so far. */
  made: () => number;
}

async function host(faults: FaultConfig): Promise<Host> {
  const state = createBaseSite({ provisioned: false });
  const site = createSiteHandler(state, { faults });
  const size = () => state.issueTypes.length + state.fields.length;
  const bare = size();
  return {
    forge: await LocalForge.create({ site, users: HOST_USERS }),
    site,
    state,
    made: () => size() - bare,
  };
}

/** The whole run in one invocation of the Settings resolver, as the admin, within its 25 s. */
async function oneCall({ forge, site }: Host) {
  site.resetLog();
  const started = Date.now();
  const limits = functionLimits(forge.manifest, 'settings-fn');
  const accountId = forge.user('admin').accountId;
  let outcome: ProvisioningReport | Error;
  try {
    outcome = await runWithLimits(limits, () =>
      forge.runtime.run(
        { moduleKey: PAGE, functionKey: 'settings-fn', accountId, timeoutMs: limits.timeoutMs },
        () => runProvisioning(forgePorts('user')),
      ),
    );
  } catch (e) {
    outcome = e instanceof Error ? e : new Error(String(e));
  }
  return { outcome, ms: Date.now() - started, requests: site.requestLog().length };
}

/** What the Settings page does now: ask (one resolver call), then wait for the consumer. */
async function queued({ forge, site }: Host) {
  site.resetLog();
  const started = Date.now();
  const asked = (await forge.invoke({
    moduleKey: PAGE,
    functionKey: SETTINGS_KEYS.provision,
    payload: {},
    as: 'admin',
  })) as ProvisionResult;
  const resolverMs = Date.now() - started;
  const resolverRequests = site.requestLog().length;
  if (!asked.ok) throw new Error(asked.error);
  await forge.queueIdle();
  const polled = (await forge.invoke({
    moduleKey: PAGE,
    functionKey: SETTINGS_KEYS.getProvisioning,
    payload: {},
    as: 'admin',
  })) as GetProvisioningResult;
  if (!polled.ok || polled.data === null) throw new Error('no provisioning run');
  const consumer = forge.usage.byFunction.get('provision-consumer-fn');
  return {
    progress: polled.data,
    ms: Date.now() - started,
    resolverMs,
    resolverRequests,
    requests: site.requestLog().length,
    longestResolverMs: forge.usage.byFunction.get('settings-fn')?.maxMs ?? 0,
    consumer: { invocations: consumer?.count ?? 0, longestMs: consumer?.maxMs ?? 0 },
    errors: forge.consumerErrors,
  };
}

describe('provisioning within Forge’s invocation limits (100 ms per Jira request)', () => {
  jest.setTimeout(180_000);

  it('makes 40 Jira calls in one resolver invocation as one call; with the queue the resolver makes one', async () => {
    const before = await host({ latencyMs: LATENCY_MS });
    const old = await oneCall(before).finally(() => before.forge.close());
    if (old.outcome instanceof Error) throw old.outcome;
    expect(old.outcome.created).toBe(ITEMS);
    expect(old.requests).toBeGreaterThanOrEqual(40);
    expect(before.made()).toBe(ITEMS);
    // A timer may fire a millisecond early: at least the requests' latency, less that.
    expect(old.ms).toBeGreaterThanOrEqual(old.requests * (LATENCY_MS - 1));

    const after = await host({ latencyMs: LATENCY_MS });
    const now = await queued(after).finally(() => after.forge.close());
    expect([now.progress.state, now.progress.created, now.progress.failed]).toEqual(['done', ITEMS, 0]);
    expect(after.made()).toBe(ITEMS);
    expect(now.errors).toEqual([]);
    // The resolver asks Jira one thing (is the caller an administrator?) and queues.
    expect(now.resolverRequests).toBe(1);
    expect(now.longestResolverMs).toBeLessThan(2_000);
    expect(now.consumer.longestMs).toBeLessThan(CONSUMER_MS);
    figures['100 ms per request'] = {
      oneCall: { requestsInOneInvocation: old.requests, ms: old.ms },
      queued: {
        resolverRequests: now.resolverRequests,
        longestResolverMs: now.longestResolverMs,
        consumer: now.consumer,
        totalRequests: now.requests,
        ms: now.ms,
      },
    };
  });

  it('runs out of its 25 s as one call once Jira rate-limits admin writes; the queued run finishes, every invocation within its limit', async () => {
    const before = await host(RATE_LIMITED_WRITES);
    const old = await oneCall(before).finally(() => before.forge.close());
    // Either the host stopped it at 25 s, or requests gave up at the deadline: not all 23 made.
    const oldCreated = before.made();
    expect(oldCreated).toBeLessThan(ITEMS);
    expect(old.ms).toBeGreaterThan(RESOLVER_MS - 5_000);
    // What it could not make failed for want of time: a Retry-After longer than what was left, or a deadline.
    if (!(old.outcome instanceof Error))
      for (const item of old.outcome.items.filter((i) => i.status === 'failed'))
        expect(item.detail).toMatch(/rate limit|did not finish in the time Runway has left/i);

    const after = await host(RATE_LIMITED_WRITES);
    const now = await queued(after).finally(() => after.forge.close());
    expect([now.progress.state, now.progress.created, now.progress.failed]).toEqual(['done', ITEMS, 0]);
    expect(now.errors).toEqual([]);
    expect(now.longestResolverMs).toBeLessThan(2_000);
    expect(now.consumer.longestMs).toBeGreaterThan(RESOLVER_MS); // more than a resolver could have had
    expect(now.consumer.longestMs).toBeLessThan(CONSUMER_MS);
    expect(after.made()).toBe(ITEMS); // each once
    figures['100 ms per request, every third admin write 429 Retry-After 2 s'] = {
      oneCall: {
        ms: old.ms,
        requests: old.requests,
        created: oldCreated,
        error: old.outcome instanceof Error ? old.outcome.message : null,
      },
      queued: {
        longestResolverMs: now.longestResolverMs,
        consumer: now.consumer,
        totalRequests: now.requests,
        ms: now.ms,
      },
    };
  });
});
