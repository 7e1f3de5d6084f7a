// The issue panels' display conditions read `runway-implementation` (manifest.yml) besides the
// default label and type; on a site that renamed the implementation label, the app sets that
// property on the implementations it recognises (issue-event trigger), so the panels appear there.
import fs from 'node:fs';
import path from 'node:path';
import { markFromEvent, rescanImplementations } from '../../src/app/implementation-marker';
import { saveSettings } from '../../src/app/settings';
import { defaultConfig, IMPLEMENTATION_PROPERTY } from '../../src/domain';
import { createJiraClient } from '../../src/jira';
import { APP_ACCOUNT_ID, createBaseSite, DEMO_USERS } from '../../src/local/demo/catalog';
import type { SiteState } from '../../src/local/site/model';
import { inMemoryApp, type InMemoryApp } from './support/ports';

const NOW = new Date('2026-11-23T12:00:00.000Z');

/** The manifest's display condition of a panel, evaluated for one issue (its three clauses). */
function panelShows(issue: { labels: string[]; type: string; properties: Record<string, unknown> }) {
  const manifest = fs.readFileSync(path.resolve(__dirname, '../../manifest.yml'), 'utf8');
  expect(manifest.match(/issue\.properties\['runway-implementation'\] != null/g)).toHaveLength(2);
  return (
    issue.labels.map((l) => l.toLowerCase()).includes('implementation') ||
    issue.type.toLowerCase() === 'implementation' ||
    issue.properties[IMPLEMENTATION_PROPERTY] != null
  );
}

describe('the runway-implementation issue property', () => {
  let app: InMemoryApp;
  let state: SiteState;
  let rescans = 0;

  beforeEach(async () => {
    state = createBaseSite();
    app = await inMemoryApp(state, NOW);
    rescans = 0;
    const saved = await saveSettings(
      {
        ...app.portsAs(DEMO_USERS.admin.accountId),
        enqueueRescan: async () => {
          rescans++;
        },
      },
      { ...defaultConfig(), implementationLabel: 'onboarding' },
    );
    expect(saved.ok).toBe(true);
    expect(rescans).toBe(1);
  });
  afterEach(() => app.close());

  async function createEpic(labels: string[]): Promise<string> {
    const reply = await app.site.handle({
      method: 'POST',
      path: '/rest/api/3/issue',
      accountId: DEMO_USERS.consultant.accountId,
      body: JSON.stringify({
        fields: { project: { key: 'IMP' }, issuetype: { name: 'Epic' }, summary: 'Acme', labels },
      }),
    });
    return (JSON.parse(reply.body) as { key: string }).key;
  }
  const event = (key: string, labels: string[]) => ({
    issue: { key, fields: { labels, issuetype: { name: 'Epic', hierarchyLevel: 1 } } },
  });

  it('is set as the app on an implementation of a renamed label, so the panels appear on it', async () => {
    const key = await createEpic(['onboarding']);
    const issue = state.issues.find((i) => i.key === key);
    expect(panelShows({ labels: ['onboarding'], type: 'Epic', properties: issue?.properties ?? {} })).toBe(
      false,
    );
    expect(await markFromEvent(event(key, ['onboarding']), app.portsAs(APP_ACCOUNT_ID))).toBe(true);
    expect(issue?.properties[IMPLEMENTATION_PROPERTY]).toEqual({ label: 'onboarding' });
    expect(panelShows({ labels: ['onboarding'], type: 'Epic', properties: issue?.properties ?? {} })).toBe(
      true,
    );
    expect(await markFromEvent(event(key, ['onboarding']), app.portsAs(APP_ACCOUNT_ID))).toBe(false);
  });

  it('is not set on an issue that is not an implementation', async () => {
    const key = await createEpic(['other']);
    expect(await markFromEvent(event(key, ['other']), app.portsAs(APP_ACCOUNT_ID))).toBe(false);
    expect(state.issues.find((i) => i.key === key)?.properties).toEqual({});
  });

  it('is set on every implementation by the re-scan queued when the settings are saved', async () => {
    const keys = [await createEpic(['onboarding']), await createEpic(['onboarding', 'x'])];
    const other = await createEpic(['implementation-ish']);
    const ports = app.portsAs(APP_ACCOUNT_ID);
    const config = { ...defaultConfig(), implementationLabel: 'onboarding' };
    expect(await rescanImplementations(createJiraClient({ fetch: ports.jiraFetch }), config)).toBe(2);
    for (const key of keys)
      expect(state.issues.find((i) => i.key === key)?.properties[IMPLEMENTATION_PROPERTY]).toEqual({
        label: 'onboarding',
      });
    expect(state.issues.find((i) => i.key === other)?.properties).toEqual({});
    expect(await rescanImplementations(createJiraClient({ fetch: ports.jiraFetch }), config)).toBe(0);
  });
});
