import type { Route } from '@forge/api';
import { basicAuthFetch, createJiraClient, normaliseSite, type FetchLike } from '../../src/jira';
import { fromForgeRequest } from '../../src/jira/forge';
import { respond, toResponse } from './fake-jira';

describe('basicAuthFetch (command line: email + API token)', () => {
  it('sends to the site with basic auth and JSON headers', async () => {
    const calls: { url: string; init: Parameters<FetchLike>[1] }[] = [];
    const fake: FetchLike = (url, init) => {
      calls.push({ url, init });
      return Promise.resolve(toResponse(respond(200, { issues: [], isLast: true })));
    };
    const client = createJiraClient({
      fetch: basicAuthFetch('acme.atlassian.net/', 'me@acme.com', 'tok', fake),
    });
    await client.searchAll({ jql: 'project = IMP', fields: ['summary'] });
    expect(calls).toHaveLength(1);
    expect(calls[0].url).toBe('https://acme.atlassian.net/rest/api/3/search/jql');
    expect(calls[0].init.method).toBe('POST');
    expect(calls[0].init.headers).toEqual({
      Accept: 'application/json',
      'Content-Type': 'application/json',
      Authorization: `Basic ${Buffer.from('me@acme.com:tok').toString('base64')}`,
    });
    expect(JSON.parse(calls[0].init.body ?? '')).toMatchObject({ jql: 'project = IMP' });
    expect(calls[0].init.signal).toBeInstanceOf(AbortSignal);
  });

  it('normalises the site a person types and rejects what is not a URL', () => {
    expect(normaliseSite('https://acme.atlassian.net/')).toBe('https://acme.atlassian.net');
    expect(normaliseSite(' acme.atlassian.net ')).toBe('https://acme.atlassian.net');
    expect(normaliseSite('http://127.0.0.1:4567')).toBe('http://127.0.0.1:4567');
    expect(() => normaliseSite('')).toThrow(/empty/);
    expect(() => normaliseSite('ftp://acme')).toThrow(/http\(s\)/);
    expect(() => normaliseSite('https://')).toThrow(/not a URL/);
  });
});

describe('fromForgeRequest (Forge: asUser()/asApp().requestJira)', () => {
  it('hands requestJira a Route of the already-encoded path', async () => {
    const seen: { route: string; init: unknown }[] = [];
    const requestJira = (route: Route, init?: object) => {
      seen.push({ route: route.value, init });
      return Promise.resolve(toResponse(respond(200, { key: 'runway.gate', value: 1 })));
    };
    const client = createJiraClient({ fetch: fromForgeRequest(requestJira) });
    expect(await client.getIssueProperty('IMP-1', 'runway gate')).toBe(1);
    expect(seen).toEqual([
      {
        route: '/rest/api/3/issue/IMP-1/properties/runway%20gate',
        init: { method: 'GET', headers: { Accept: 'application/json' } },
      },
    ]);
  });
});
