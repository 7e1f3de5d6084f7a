import { createConfluenceClient } from '../../src/confluence';
import { HttpError } from '../../src/http';
import { lookUpPage } from '../../src/jira/gates';
import { jiraWords } from '../../src/resolvers/common';
import { recordingSleep, respond, scriptedJira } from './fake-jira';

// A Confluence page as stage-gate evidence is looked up through the Confluence client, so its
// failures are Confluence's, with Confluence's words, never a Jira error.

const page = (status: string) => ({
  id: '42',
  title: 'Sign-off',
  spaceId: '1',
  status,
  version: { number: 3 },
});

function confluence(script: Parameters<typeof scriptedJira>[0]) {
  const fake = scriptedJira(script);
  return { ...fake, client: createConfluenceClient({ fetch: fake.fetch, sleep: recordingSleep().sleep }) };
}

describe('a Confluence page as evidence', () => {
  it('exists with its title when current', async () => {
    const c = confluence([respond(200, page('current'))]);
    expect(await lookUpPage(c.client, '42')).toEqual({ exists: true, title: 'Sign-off' });
    expect(c.sent.map((r) => `${r.method} ${r.path}`)).toEqual(['GET /wiki/api/v2/pages/42']);
  });

  it('is missing when Confluence says it is trashed or deleted', async () => {
    for (const answer of [respond(200, page('trashed')), respond(200, page('deleted'))]) {
      expect(await lookUpPage(confluence([answer]).client, '42')).toEqual({ exists: false });
    }
  });

  // Issue 10 item 6: Confluence answers 404 alike for a deleted page, one the reader may not see
  // (its v2 OpenAPI says so) and a site without Confluence, so a 403 or 404 is "could not check".
  it('could not be checked when Confluence answers 404 or 403, saying which', async () => {
    expect(
      await lookUpPage(
        confluence([respond(404, { errors: [{ status: 404, title: 'Not Found' }] })]).client,
        '42',
      ),
    ).toEqual({
      exists: 'unknown',
      refused: 404,
      reason:
        'Confluence answered 404: the page is deleted or hidden from this reader, or the site has no Confluence',
    });
    expect(
      await lookUpPage(
        confluence([respond(403, { errors: [{ status: 403, title: 'Forbidden' }] })]).client,
        '42',
      ),
    ).toEqual({
      exists: 'unknown',
      refused: 403,
      reason: 'Confluence answered 403: it does not let this page be read',
    });
  });

  it("is unknown, with Confluence's status and no page named, when Confluence fails", async () => {
    const c = confluence([
      respond(400, { errors: [{ status: 400, title: 'Invalid page id', detail: 'abc' }] }),
    ]);
    expect(await lookUpPage(c.client, 'abc')).toEqual({
      exists: 'unknown',
      // No page id or title in the reason: it is stored in audit records that others read.
      reason: 'Confluence answered 400',
    });
  });
});

describe("jiraWords: a product's own words for a failed call", () => {
  const error = (details: Partial<ConstructorParameters<typeof HttpError>[0]>) =>
    new HttpError({ product: 'jira', kind: 'http', method: 'POST', path: '/rest/api/3/issue', ...details });

  it('gives the messages and field errors, fields by their names', () => {
    const e = error({ status: 400, errorMessages: ['Bad'], errors: { customfield_1: 'must be a date' } });
    expect(jiraWords(e, { customfield_1: 'Go-Live Date' })).toBe('Bad; Go-Live Date: must be a date');
  });

  it("says when to come back after a rate limit, not the product's terse words", () => {
    const e = error({ status: 429, retryAfterMs: 40_000, errorMessages: ['Rate limit exceeded.'] });
    expect(jiraWords(e)).toBe(
      'Jira is rate limiting Runway; try again in 40 s (POST /rest/api/3/issue answered 429)',
    );
    const c = new HttpError({
      product: 'confluence',
      kind: 'http',
      method: 'GET',
      path: '/wiki/api/v2/pages/1',
      status: 429,
    });
    expect(jiraWords(c)).toMatch(/^Confluence is rate limiting Runway; try again in a minute/);
  });

  it('is the message of anything else', () => {
    expect(jiraWords(new Error('boom'))).toBe('boom');
    expect(jiraWords('plain')).toBe('plain');
  });
});
