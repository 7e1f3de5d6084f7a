import { createConfluenceClient } from '../../src/confluence';
import {
  createSemaphore,
  createTransport,
  HttpError,
  parseErrorBody,
  parseRetryAfter,
  withDeadline,
  type HttpFetch,
} from '../../src/http';
import { createJiraClient } from '../../src/jira';
import { recordingSleep, respond, routedJira, scriptedJira, toResponse } from '../jira/fake-jira';

const FIELDS_PATH = '/rest/api/3/field';

async function failure(promise: Promise<unknown>): Promise<HttpError> {
  const error: unknown = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof HttpError)) throw new Error(`expected an HttpError, got ${String(error)}`);
  return error;
}

/** A clock and a sleep that moves it: waits take no real time, and the deadline sees them. */
function fakeTime(startMs = 1_000_000): {
  now: () => Date;
  sleep: (ms: number) => Promise<void>;
  waits: number[];
  at: () => number;
} {
  let t = startMs;
  const waits: number[] = [];
  return {
    now: () => new Date(t),
    sleep: (ms) => {
      waits.push(ms);
      t += ms;
      return Promise.resolve();
    },
    waits,
    at: () => t,
  };
}

describe('errors', () => {
  it("carries the request, the status and Jira's errorMessages in a readable message", async () => {
    const jira = scriptedJira([
      respond(400, {
        errorMessages: ["Field 'customfield_99' does not exist or you do not have permission to view it."],
        errors: {},
      }),
    ]);
    const error = await failure(
      createJiraClient({ fetch: jira.fetch }).searchAll({ jql: 'cf[99] = 1', fields: ['summary'] }),
    );
    expect(error).toMatchObject({
      kind: 'http',
      method: 'POST',
      path: '/rest/api/3/search/jql',
      status: 400,
      errorMessages: ["Field 'customfield_99' does not exist or you do not have permission to view it."],
    });
    expect(error.message).toBe(
      "Jira POST /rest/api/3/search/jql failed with 400 Bad Request: Field 'customfield_99' does not exist or you do not have permission to view it.",
    );
  });

  it('names each field error Jira gives under errors', async () => {
    const jira = scriptedJira([
      respond(400, { errorMessages: [], errors: { summary: 'You must specify a summary of the issue.' } }),
    ]);
    const error = await failure(createJiraClient({ fetch: jira.fetch }).createIssue({ fields: {} }));
    expect(error.errors).toEqual({ summary: 'You must specify a summary of the issue.' });
    expect(error.message).toBe(
      'Jira POST /rest/api/3/issue failed with 400 Bad Request: summary: You must specify a summary of the issue.',
    );
  });

  it("uses a plain-text body as Jira's message and hints at credentials on 401", async () => {
    const jira = scriptedJira([
      { status: 401, text: 'Client must be authenticated to access this resource.' },
    ]);
    const error = await failure(createJiraClient({ fetch: jira.fetch }).myself());
    expect(error.message).toBe(
      'Jira GET /rest/api/3/myself failed with 401 Unauthorized: Client must be authenticated to access this resource. (check the site, the email and the API token)',
    );
    const html = scriptedJira([{ status: 401, text: '<!DOCTYPE html><html>login</html>' }]);
    const htmlError = await failure(createJiraClient({ fetch: html.fetch }).myself());
    expect(htmlError.message).toBe(
      'Jira GET /rest/api/3/myself failed with 401 Unauthorized: no message from Jira (check the site, the email and the API token)',
    );
  });

  it('is not retried for a client error', async () => {
    const jira = scriptedJira([
      respond(404, { errorMessages: ['Issue does not exist or you do not have permission to see it.'] }),
    ]);
    const error = await failure(createJiraClient({ fetch: jira.fetch }).getIssue('NOPE-1'));
    expect(error.status).toBe(404);
    expect(jira.sent).toHaveLength(1);
  });
});

describe('retries', () => {
  it('waits the Retry-After seconds after a 429, logs the RateLimit-Reason, then succeeds', async () => {
    const { sleep, waits } = recordingSleep();
    const log: string[] = [];
    const jira = scriptedJira([
      respond(
        429,
        { errorMessages: ['Rate limit exceeded.'] },
        { 'Retry-After': '7', 'RateLimit-Reason': 'jira-burst-based' },
      ),
      respond(200, []),
    ]);
    const fields = await createJiraClient({ fetch: jira.fetch, sleep, log: (m) => log.push(m) }).getFields();
    expect(fields).toEqual([]);
    expect(waits).toEqual([7000]);
    expect(jira.sent).toHaveLength(2);
    expect(log).toHaveLength(1);
    expect(log[0]).toContain('RateLimit-Reason: jira-burst-based');
    expect(log[0]).toContain(`GET ${FIELDS_PATH}`);
  });

  it('backs off exponentially with jitter after 503 twice, then succeeds', async () => {
    const { sleep, waits } = recordingSleep();
    const jira = scriptedJira([respond(503), respond(503), respond(200, [])]);
    await createJiraClient({ fetch: jira.fetch, sleep, random: () => 0.5, baseDelayMs: 1000 }).getFields();
    // step 1000 then 2000; equal jitter = half fixed + random × half.
    expect(waits).toEqual([750, 1500]);
    expect(jira.sent).toHaveLength(3);
  });

  it('spreads the backoff by the injected randomness', async () => {
    const low = recordingSleep();
    const high = recordingSleep();
    await createJiraClient({
      fetch: scriptedJira([respond(502), respond(200, [])]).fetch,
      sleep: low.sleep,
      random: () => 0,
      baseDelayMs: 1000,
    }).getFields();
    await createJiraClient({
      fetch: scriptedJira([respond(502), respond(200, [])]).fetch,
      sleep: high.sleep,
      random: () => 0.999,
      baseDelayMs: 1000,
    }).getFields();
    expect(low.waits).toEqual([500]);
    expect(high.waits).toEqual([1000]);
  });

  it('gives up after maxAttempts and reports how many were made', async () => {
    const { sleep, waits } = recordingSleep();
    const jira = routedJira(() => respond(503, { errorMessages: ['Service is temporarily unavailable'] }));
    const error = await failure(createJiraClient({ fetch: jira.fetch, sleep, maxAttempts: 3 }).getFields());
    expect(jira.sent).toHaveLength(3);
    expect(waits).toHaveLength(2);
    expect(error.attempts).toBe(3);
    expect(error.message).toBe(
      'Jira GET /rest/api/3/field failed with 503 Service Unavailable (after 3 attempts): Service is temporarily unavailable',
    );
  });

  it('retries a network error, then succeeds', async () => {
    const { sleep, waits } = recordingSleep();
    const reset = Object.assign(new TypeError('fetch failed'), {
      cause: Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }),
    });
    const jira = scriptedJira([reset, respond(200, [])]);
    await createJiraClient({ fetch: jira.fetch, sleep, random: () => 0.5 }).getFields();
    expect(waits).toEqual([375]);
  });

  it('does not retry a site that does not resolve, and says so', async () => {
    const notFound = Object.assign(new TypeError('fetch failed'), {
      cause: Object.assign(new Error('getaddrinfo ENOTFOUND nosuch.atlassian.net'), { code: 'ENOTFOUND' }),
    });
    const jira = scriptedJira([notFound]);
    const error = await failure(createJiraClient({ fetch: jira.fetch }).myself());
    expect(error.kind).toBe('network');
    expect(error.message).toBe(
      'Jira GET /rest/api/3/myself could not be sent: fetch failed (getaddrinfo ENOTFOUND nosuch.atlassian.net)',
    );
  });

  it('retries creating an issue after a 429 but never after a 503, which may have created it', async () => {
    const { sleep } = recordingSleep();
    const limited = scriptedJira([
      respond(429, undefined, { 'Retry-After': '1' }),
      respond(201, { id: '10', key: 'IMP-10' }),
    ]);
    expect(
      await createJiraClient({ fetch: limited.fetch, sleep }).createIssue({ fields: { summary: 'x' } }),
    ).toMatchObject({ key: 'IMP-10' });
    const unavailable = scriptedJira([respond(503)]);
    const error = await failure(
      createJiraClient({ fetch: unavailable.fetch, sleep }).createIssue({ fields: { summary: 'x' } }),
    );
    expect(error.status).toBe(503);
    expect(unavailable.sent).toHaveLength(1);
  });

  it('fails at once when Retry-After asks for a longer wait than allowed', async () => {
    const { sleep, waits } = recordingSleep();
    const jira = scriptedJira([
      respond(429, { errorMessages: ['Rate limit exceeded.'] }, { 'Retry-After': '3600' }),
    ]);
    const error = await failure(
      createJiraClient({ fetch: jira.fetch, sleep, maxRetryAfterMs: 60_000 }).getFields(),
    );
    expect(error.status).toBe(429);
    expect(error.retryAfterMs).toBe(3_600_000);
    expect(error.message).toBe(
      'Jira is rate limiting Runway; try again in 3600 s (GET /rest/api/3/field answered 429)',
    );
    expect(waits).toEqual([]);
  });
});

describe('the error of either product', () => {
  it("carries Jira's product, method, path, status and messages", async () => {
    const jira = scriptedJira([respond(403, { errorMessages: ['You cannot edit this issue.'], errors: {} })]);
    const error = await failure(createJiraClient({ fetch: jira.fetch }).editIssue('ACME-1', { fields: {} }));
    expect(error).toMatchObject({
      product: 'jira',
      kind: 'http',
      method: 'PUT',
      path: '/rest/api/3/issue/ACME-1',
      status: 403,
      errorMessages: ['You cannot edit this issue.'],
    });
    expect(error.message).toBe(
      'Jira PUT /rest/api/3/issue/ACME-1 failed with 403 Forbidden: You cannot edit this issue.',
    );
  });

  it("carries Confluence's product, method, path, status and its v2 errors as messages", async () => {
    const confluence = scriptedJira([
      respond(400, {
        errors: [
          { status: 400, code: 'INVALID', title: 'A page with this title already exists', detail: 'in IMPL' },
        ],
      }),
    ]);
    const error = await failure(
      createConfluenceClient({ fetch: confluence.fetch }).createPage({
        spaceId: '1',
        title: 'Status',
        adf: { type: 'doc', version: 1, content: [] },
      }),
    );
    expect(error).toMatchObject({
      product: 'confluence',
      kind: 'http',
      method: 'POST',
      path: '/wiki/api/v2/pages',
      status: 400,
      errorMessages: ['A page with this title already exists: in IMPL'],
    });
    expect(error.message).toBe(
      'Confluence POST /wiki/api/v2/pages failed with 400 Bad Request: A page with this title already exists: in IMPL',
    );
  });

  it('is a Confluence error when a Confluence body is not the page it should be', async () => {
    const confluence = scriptedJira([respond(200, { id: '1' })]);
    const error = await failure(createConfluenceClient({ fetch: confluence.fetch }).getPage('1'));
    expect(error).toMatchObject({ product: 'confluence', kind: 'shape', path: '/wiki/api/v2/pages/1' });
  });

  it('retries a Confluence page creation after a 429 but never after a 503', async () => {
    const page = { id: '9', title: 'T', spaceId: '1', status: 'current', version: { number: 1 } };
    const write = {
      spaceId: '1',
      title: 'T',
      adf: { type: 'doc' as const, version: 1 as const, content: [] },
    };
    const limited = scriptedJira([respond(429, undefined, { 'Retry-After': '1' }), respond(200, page)]);
    const { sleep } = recordingSleep();
    expect(await createConfluenceClient({ fetch: limited.fetch, sleep }).createPage(write)).toMatchObject({
      id: '9',
    });
    const unavailable = scriptedJira([respond(503)]);
    const error = await failure(
      createConfluenceClient({ fetch: unavailable.fetch, sleep }).createPage(write),
    );
    expect(error.status).toBe(503);
    expect(unavailable.sent).toHaveLength(1);
  });
});

describe('the deadline', () => {
  it('fails at once, without waiting, when Retry-After is longer than the time left', async () => {
    const time = fakeTime();
    const jira = scriptedJira([
      respond(429, { errorMessages: ['Rate limit exceeded.'] }, { 'Retry-After': '40' }),
    ]);
    const client = createJiraClient({
      fetch: jira.fetch,
      now: time.now,
      sleep: time.sleep,
      deadlineAt: time.at() + 20_000,
    });
    const error = await failure(client.getFields());
    expect(error.message).toBe(
      'Jira is rate limiting Runway; try again in 40 s (GET /rest/api/3/field answered 429)',
    );
    expect(error).toMatchObject({ product: 'jira', status: 429, retryAfterMs: 40_000, rateLimited: true });
    expect(error.errorMessages).toEqual(['Rate limit exceeded.']);
    expect(time.waits).toEqual([]);
    expect(jira.sent).toHaveLength(1);
  });

  it('says the same for Confluence', async () => {
    const time = fakeTime();
    const confluence = scriptedJira([respond(429, '', { 'Retry-After': '40' })]);
    const client = createConfluenceClient({
      fetch: withDeadline(confluence.fetch, time.at() + 20_000),
      now: time.now,
      sleep: time.sleep,
    });
    const error = await failure(client.getPage('42'));
    expect(error.message).toBe(
      'Confluence is rate limiting Runway; try again in 40 s (GET /wiki/api/v2/pages/42 answered 429)',
    );
    expect(time.waits).toEqual([]);
  });

  it('waits a Retry-After that fits in the time left', async () => {
    const time = fakeTime();
    const jira = scriptedJira([respond(429, undefined, { 'Retry-After': '5' }), respond(200, [])]);
    await createJiraClient({
      fetch: withDeadline(jira.fetch, time.at() + 20_000),
      now: time.now,
      sleep: time.sleep,
    }).getFields();
    expect(time.waits).toEqual([5000]);
  });

  it('stops retrying when the next backoff would run past it, and reports the last failure', async () => {
    const time = fakeTime();
    const start = time.at();
    const jira = routedJira(() => respond(503, { errorMessages: ['Service is temporarily unavailable'] }));
    const error = await failure(
      createJiraClient({
        fetch: jira.fetch,
        now: time.now,
        sleep: time.sleep,
        random: () => 0.5,
        baseDelayMs: 1000,
        maxAttempts: 10,
        deadlineAt: start + 2500,
      }).getFields(),
    );
    // 750 ms then 1500 ms fit in 2.5 s; the third backoff (3000 ms) does not.
    expect(time.waits).toEqual([750, 1500]);
    expect(jira.sent).toHaveLength(3);
    expect(time.at()).toBeLessThan(start + 2500);
    expect(error).toMatchObject({ kind: 'http', status: 503, attempts: 3 });
  });

  it('does not send a request that waited for a slot until the deadline passed', async () => {
    const time = fakeTime();
    const deadlineAt = time.at() + 1000;
    const sent: string[] = [];
    const fetch: HttpFetch = async (path) => {
      sent.push(path);
      await time.sleep(1500); // the first request takes longer than the time left
      return toResponse(respond(200, { id: '1', key: 'A-1' }));
    };
    const client = createJiraClient({ fetch, now: time.now, concurrency: 1, deadlineAt });
    const [first, second] = await Promise.allSettled([client.getIssue('A-1'), client.getIssue('A-2')]);
    expect(first.status).toBe('fulfilled');
    expect(second.status).toBe('rejected');
    const error = (second as PromiseRejectedResult).reason as HttpError;
    expect(error).toBeInstanceOf(HttpError);
    expect(error.kind).toBe('timeout');
    expect(error.message).toBe('Jira GET /rest/api/3/issue/A-2 did not finish in the time Runway has left');
    expect(sent).toEqual(['/rest/api/3/issue/A-1']);
  });

  it('gives up on a request that is still unanswered at the deadline', async () => {
    const silent: HttpFetch = () => new Promise(() => undefined);
    const t = createTransport({ product: 'confluence', fetch: silent, deadlineAt: Date.now() + 30 });
    const error = await failure(t.request('GET', '/wiki/api/v2/pages/1'));
    expect(error.kind).toBe('timeout');
    expect(error.message).toMatch(
      /^Confluence GET \/wiki\/api\/v2\/pages\/1 did not finish in the time Runway has left: no answer within \d+ ms$/,
    );
  });
});

describe('concurrency', () => {
  it('never has more requests in flight than the bound, and finishes them all', async () => {
    let inFlight = 0;
    let peak = 0;
    const fetch: HttpFetch = async () => {
      inFlight += 1;
      peak = Math.max(peak, inFlight);
      await new Promise((resolve) => setTimeout(resolve, 2));
      inFlight -= 1;
      return toResponse(respond(200, { id: '1', key: 'A-1' }));
    };
    const client = createJiraClient({ fetch, concurrency: 3 });
    const issues = await Promise.all(Array.from({ length: 12 }, (_, i) => client.getIssue(`A-${i}`)));
    expect(issues).toHaveLength(12);
    expect(peak).toBe(3);
    expect(client.requestCount).toBe(12);
  });

  it('holds for Confluence too', async () => {
    let inFlight = 0;
    let peak = 0;
    const fetch: HttpFetch = async (path) => {
      inFlight += 1;
      peak = Math.max(peak, inFlight);
      await new Promise((resolve) => setTimeout(resolve, 2));
      inFlight -= 1;
      const id = path.split('/').pop() ?? '';
      return toResponse(
        respond(200, { id, title: id, spaceId: '1', status: 'current', version: { number: 1 } }),
      );
    };
    const client = createConfluenceClient({ fetch, concurrency: 2 });
    const pages = await Promise.all(Array.from({ length: 8 }, (_, i) => client.getPage(String(i))));
    expect(pages.map((p) => p?.id)).toEqual(['0', '1', '2', '3', '4', '5', '6', '7']);
    expect(peak).toBe(2);
  });

  it('the semaphore lets waiting tasks through in order as slots free', async () => {
    const limit = createSemaphore(1);
    const order: number[] = [];
    await Promise.all([1, 2, 3].map((n) => limit(async () => void order.push(n))));
    expect(order).toEqual([1, 2, 3]);
    expect(() => createSemaphore(0)).toThrow(/positive integer/);
  });
});

describe('parseRetryAfter', () => {
  it('reads delta-seconds and HTTP dates', () => {
    expect(parseRetryAfter('5', 0)).toBe(5000);
    expect(parseRetryAfter('Thu, 01 Jan 1970 00:00:10 GMT', 4000)).toBe(6000);
    expect(parseRetryAfter(null, 0)).toBeUndefined();
    expect(parseRetryAfter('soon', 0)).toBeUndefined();
  });
});

describe('parseErrorBody', () => {
  it("reads Jira's ErrorCollection, keeping only the messages that are text", () => {
    const body = JSON.stringify({
      errorMessages: ['No such JQL', 7, ' '],
      errors: { duedate: 'bad date', n: 1 },
    });
    expect(parseErrorBody(body)).toEqual({ errorMessages: ['No such JQL'], errors: { duedate: 'bad date' } });
  });

  it("reads the gateway's message when there is nothing else", () => {
    expect(parseErrorBody('{"message":"Unauthorized; scope does not match"}')).toEqual({
      errorMessages: ['Unauthorized; scope does not match'],
    });
  });

  it("reads Confluence v2's errors list as messages, title then detail", () => {
    const body = JSON.stringify({
      errors: [
        { status: 400, code: 'X', title: 'A page with this title already exists', detail: 'in this space' },
        { status: 403, title: 'Not permitted', detail: null },
      ],
    });
    expect(parseErrorBody(body)).toEqual({
      errorMessages: ['A page with this title already exists: in this space', 'Not permitted'],
      errors: {},
    });
  });

  it('ignores fields of the wrong shape rather than trusting them', () => {
    expect(parseErrorBody('{"errorMessages":"oops","errors":["x"]}')).toEqual({
      errorMessages: [],
      errors: {},
    });
  });

  it('keeps a short plain-text body as the reason, and nothing of an HTML page', () => {
    expect(parseErrorBody('Service Unavailable')).toEqual({ reason: 'Service Unavailable' });
    expect(parseErrorBody('["not", "an object"]')).toEqual({ reason: '["not", "an object"]' });
    expect(parseErrorBody('<!DOCTYPE html><html></html>')).toEqual({});
  });
});
