/**
 * Issue 12 defect 9: the local host keeps the site's changes in the same SQLite file as app
 * storage, so after a restart an issue created before it is still there, with its app storage;
 * a file made for another site is reset whole, and the start says so.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { DEMO_USERS } from '../../../src/local/demo/catalog';
import { startLocalApp, type LocalApp } from '../../../src/local/host/app';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'runway-restart-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
const dataFile = path.join(dir, 'runway.sqlite');
const CONSULTANT = DEMO_USERS.consultant.accountId;

const start = (seed = 1) => startLocalApp({ port: 0, dataFile, seed, seedSignOffs: false });

async function call(app: LocalApp, method: string, p: string, body?: unknown) {
  const r = await app.site.handle({
    method,
    path: p,
    body: body === undefined ? null : JSON.stringify(body),
    accountId: CONSULTANT,
  });
  return {
    status: r.status,
    json: JSON.parse(typeof r.body === 'string' ? r.body : '{}') as Record<string, unknown>,
  };
}

const storageGet = async (app: LocalApp, key: string) =>
  (await app.forge.storage.handle('/api/v1/get', { key })).body as { value?: unknown } | undefined;

describe('restarting the local host', () => {
  it('keeps an issue created before the restart and the app storage that points at it', async () => {
    const first = await start();
    expect(first.restored).toBeNull();
    const epic = first.state.issues.find((i) => i.labels.includes('implementation'));
    if (!epic) throw new Error('the demo site has no implementation');
    const created = await call(first, 'POST', '/rest/api/3/issue', {
      fields: {
        project: { key: epic.key.split('-')[0] },
        issuetype: { name: 'Risk' },
        summary: 'Risk: created before the restart',
        parent: { key: epic.key },
      },
    });
    expect(created.status).toBe(201);
    const key = String(created.json.key);
    await first.forge.storage.handle('/api/v1/set', { key: `risk-note:${key}`, value: { about: key } });
    await first.close();

    const second = await start();
    try {
      expect(second.restored).toBe('1 site change restored');
      const issue = await call(second, 'GET', `/rest/api/3/issue/${key}`);
      expect(issue.status).toBe(200);
      expect(issue.json.fields).toMatchObject({ summary: 'Risk: created before the restart' });
      expect(await storageGet(second, `risk-note:${key}`)).toMatchObject({ value: { about: key } });
    } finally {
      await second.close();
    }
  }, 60_000);

  it('resets app storage and the site changes together when the file was made for another site, and says so', async () => {
    const other = await start(2);
    try {
      expect(other.restored).toMatch(
        /made for demo seed 1, not demo seed 2: app storage and site changes reset/,
      );
      const query = await other.forge.storage.handle('/api/v1/query', { limit: 10 });
      expect(query.status).toBe(200);
      expect((query.body as { data?: unknown[] }).data).toEqual([]);
    } finally {
      await other.close();
    }
  }, 60_000);
});
