import { createJiraClient, JiraError, parseErrorBody, type JiraFetch } from '../../src/jira';
import { createSemaphore, parseRetryAfter } from '../../src/jira/transport';
import { recordingSleep, respond, routedJira, scriptedJira, toResponse } from './fake-jira';

const FIELDS_PATH = '/rest/api/3/field';

async function failure(promise: Promise<unknown>): Promise<JiraError> {
  const error: unknown = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof JiraError)) throw new Error(`expected a JiraError, got ${String(error)}`);
  return error;
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
    expect(waits).toEqual([]);
  });
});

describe('concurrency', () => {
  it('never has more requests in flight than the bound, and finishes them all', async () => {
    let inFlight = 0;
    let peak = 0;
    const fetch: JiraFetch = async () => {
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
