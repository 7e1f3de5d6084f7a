// Injected faults are deterministic (every n-th request), can be switched at run time, and the
// request log counts what clients asked for.

import { ADMIN, body, demoSite, q, type ErrorBody } from './helpers';

const search = `/rest/api/3/search/jql?jql=${q('project = IMP')}&fields=summary`;

describe('fault injection', () => {
  it('answers every n-th request with 429 and Retry-After, the others normally', async () => {
    const site = demoSite(3, { faults: { rateLimit: { every: 3, retryAfterSeconds: 2 } } });
    const statuses: number[] = [];
    for (let i = 0; i < 7; i++) statuses.push((await site.call('GET', search)).status);
    expect(statuses).toEqual([200, 200, 429, 200, 200, 429, 200]);
    const limited = await site.call('GET', search);
    const again = await site.call('GET', search);
    expect([limited.status, again.status]).toEqual([200, 429]);
    expect(again.headers['retry-after']).toBe('2');
    expect(again.headers['ratelimit-reason']).toBe('jira-burst-based');
    expect(body<ErrorBody>(again).errorMessages).toEqual(['Rate limit exceeded.']);
  });

  it('answers every n-th request with 503, and both faults interleave on one counter', async () => {
    const site = demoSite(3, {
      faults: { rateLimit: { every: 4, retryAfterSeconds: 1 }, unavailable: { every: 3 } },
    });
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++) statuses.push((await site.call('GET', '/rest/api/3/myself')).status);
    expect(statuses).toEqual([200, 200, 503, 429, 200, 503, 200, 429, 503, 200, 200, 429]);
  });

  it('faults only the listed endpoints when asked', async () => {
    const site = demoSite(3, {
      faults: { unavailable: { every: 1 }, endpoints: ['POST /rest/api/3/changelog/bulkfetch'] },
    });
    expect((await site.call('GET', search)).status).toBe(200);
    expect(
      (await site.call('POST', '/rest/api/3/changelog/bulkfetch', ADMIN, { issueIdsOrKeys: ['IMP-1'] }))
        .status,
    ).toBe(503);
  });

  it('adds latency to each request', async () => {
    const site = demoSite(3, { faults: { latencyMs: 40 } });
    const started = performance.now();
    await site.call('GET', '/rest/api/3/myself');
    await site.call('GET', '/rest/api/3/myself');
    expect(performance.now() - started).toBeGreaterThanOrEqual(75);
  });

  it('can be switched on and off while running', async () => {
    const site = demoSite(3);
    expect((await site.call('GET', search)).status).toBe(200);
    site.handler.setFaults({ unavailable: { every: 1 } });
    expect((await site.call('GET', search)).status).toBe(503);
    site.handler.setFaults(undefined);
    expect((await site.call('GET', search)).status).toBe(200);
  });
});

describe('the request log', () => {
  it('counts requests per endpoint template, faults included, until reset', async () => {
    const site = demoSite(3, { faults: { rateLimit: { every: 2, retryAfterSeconds: 1 } } });
    const key = site.portfolio.implementations[0].key;
    await site.call('GET', search);
    await site.call('GET', search);
    await site.call('GET', `/rest/api/3/issue/${key}`);
    await site.call('POST', '/rest/api/3/changelog/bulkfetch', ADMIN, { issueIdsOrKeys: [key] });
    await site.call('GET', '/rest/api/3/nothing-here');
    expect(site.handler.requestCounts()).toEqual({
      'GET /rest/api/3/search/jql': 2,
      'GET /rest/api/3/issue/{issueIdOrKey}': 1,
      'POST /rest/api/3/changelog/bulkfetch': 1,
      unmatched: 1,
    });
    const log = site.handler.requestLog();
    expect(log.map((e) => [e.endpoint, e.status, e.fault ?? null])).toEqual([
      ['GET /rest/api/3/search/jql', 200, null],
      ['GET /rest/api/3/search/jql', 429, 'rateLimit'],
      ['GET /rest/api/3/issue/{issueIdOrKey}', 200, null],
      ['POST /rest/api/3/changelog/bulkfetch', 429, 'rateLimit'],
      ['unmatched', 404, null],
    ]);
    site.handler.resetLog();
    expect(site.handler.requestCounts()).toEqual({});
  });
});
