// The host's outbox: each user's mail from Jira's notify API, and the daily alerts on demand.
import { HOST_USERS, startLocalApp, type LocalApp } from '../../../src/local/host/app';
import { outboxOf } from '../../../src/local/site/routes-notify';

describe('the outbox page of the local host', () => {
  let app: LocalApp;
  beforeAll(async () => {
    app = await startLocalApp({ port: 0, dataFile: null });
  });
  afterAll(async () => {
    await app.close();
  });

  it('runs the daily alerts on demand (a same-origin post only) and shows each user what they received', async () => {
    const before = await fetch(`${app.url}/outbox?user=admin`);
    expect(await before.text()).toContain('The daily alerts have not run yet.');

    const foreign = await fetch(`${app.url}/outbox/run`, {
      method: 'POST',
      headers: { origin: 'https://evil.example' },
      redirect: 'manual',
    });
    expect(foreign.status).toBe(403);
    expect(app.state.notifications ?? []).toEqual([]);

    const ran = await fetch(`${app.url}/outbox/run`, { method: 'POST', redirect: 'manual' });
    expect([ran.status, ran.headers.get('location')]).toEqual([303, '/outbox?ran=1']);
    const sent = app.state.notifications ?? [];
    expect(sent.length).toBeGreaterThan(0);

    for (const user of HOST_USERS) {
      const page = await (await fetch(`${app.url}/outbox?user=${user.alias}&ran=1`)).text();
      const mine = outboxOf(app.state, user.accountId);
      expect(page).toContain(`Outbox of ${user.displayName}`);
      expect(page).toContain(`${mine.length} message${mine.length === 1 ? '' : 's'}`);
      expect(page.match(/data-testid="mail"/g)?.length ?? 0).toBe(mine.length);
      expect(page).toMatch(/Last run as of <strong>\d{4}-\d{2}-\d{2}<\/strong>/);
      for (const m of mine) expect(page).toContain(m.issueKey);
    }
    // Everyone who received mail is a person of the site, and each got one digest.
    const recipients = sent.map((m) => m.to);
    expect(new Set(recipients).size).toBe(recipients.length);
  });
});
