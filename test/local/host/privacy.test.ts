// The personal data report on the local host: the reporting API as the app's Forge fetch reaches
// it, the page that marks an account closed, and the weekly function run on demand. A closed account
// is anonymised in the gate record, which stays complete and in order; an open one is not; the
// panel names people as the viewer's lookup does, and the anonymised one as a former user.
import { privacy } from '@forge/api';
import { STAGE_GATES_KEYS, type GatesPanel, type GetGatesResult } from '../../../src/contracts/stage-gates';
import { defaultConfig, parseConfig } from '../../../src/domain';
import { HOST_USERS, startLocalApp, type LocalApp } from '../../../src/local/host/app';
import { DEFAULT_AS_OF, generatePortfolio } from '../../../src/local/demo/generate';
import { readConfig, typedStore, writeConfig } from '../../../src/storage';
import { auditLog } from '../../../src/storage/gates';

const PANEL = 'runway-stage-gates';
const [admin, consultant] = HOST_USERS;

describe('personal data on the local host', () => {
  let app: LocalApp;
  let key: string;
  let issueId: string;
  let typeId: string;

  const context = () => ({ issue: { id: issueId, key, type: 'Epic', typeId } });
  const call = (as: string, functionKey: string, payload: unknown) =>
    app.forge.invoke({ moduleKey: PANEL, functionKey, payload, as, context: context() });
  const sign = async (as: string, gateId: string, decision: 'approve' | 'reject', comment: string) => {
    const r = (await call(as, STAGE_GATES_KEYS.signGate, {
      gateId,
      decision,
      comment,
      asOf: DEFAULT_AS_OF,
    })) as {
      ok: boolean;
      error?: string;
    };
    if (!r.ok) throw new Error(`sign-off refused: ${r.error}`);
  };
  const panel = async (as: string): Promise<GatesPanel> => {
    const r = (await call(as, STAGE_GATES_KEYS.getGates, { asOf: DEFAULT_AS_OF })) as GetGatesResult;
    if (!r.ok) throw new Error(r.error);
    return r.data;
  };
  const records = () => app.forge.runtime.run({}, () => auditLog(typedStore(), issueId).read());
  const post = (path: string, form: Record<string, string>) =>
    fetch(`${app.url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(form).toString(),
      redirect: 'manual',
    });

  beforeAll(async () => {
    const portfolio = generatePortfolio({ seed: 1 });
    const impl = portfolio.implementations.find((i) => i.stage === 'in-flight' && i.project === 'IMP');
    if (!impl) throw new Error('the demo has no in-flight implementation in IMP');
    app = await startLocalApp({ port: 0, dataFile: null, state: portfolio.state, seedSignOffs: false });
    key = impl.key;
    const issue = portfolio.state.issues.find((i) => i.key === key);
    issueId = issue?.id ?? '';
    typeId = issue?.issueTypeId ?? '';
    // Both leads approve every gate: the consultant also by name.
    const config = parseConfig({
      ...defaultConfig(),
      gates: defaultConfig().gates.map((g) => ({
        ...g,
        approvers: { users: [consultant.accountId], groups: ['implementation-leads'] },
      })),
    });
    if (!config.ok) throw new Error(config.error);
    await app.forge.runtime.run({}, () => writeConfig(typedStore(), config.value));
  });
  afterAll(async () => {
    await app.close();
  });

  it('answers the reporting API as Forge does: closed accounts only, at most 90 a request, as the app', async () => {
    app.forge.privacy.setClosed('acc-closed-elsewhere', true);
    const accounts = Array.from({ length: 100 }, (_, i) => ({
      accountId: i === 95 ? 'acc-closed-elsewhere' : `acc-${i}`,
      updatedAt: '2026-12-01T00:00:00.000Z',
    }));
    // @forge/api splits the 100 into requests of 90 and 10, and joins the answers.
    const answered = await app.forge.runtime.run({}, () => privacy.reportPersonalData(accounts));
    expect(answered).toEqual([{ accountId: 'acc-closed-elsewhere', status: 'closed' }]);
    expect(app.forge.privacy.requests.map((r) => r.accounts.length)).toEqual(
      expect.arrayContaining([90, 10]),
    );
    app.forge.privacy.setClosed('acc-closed-elsewhere', false);

    const body = (n: number) =>
      JSON.stringify({ accounts: accounts.slice(0, n).concat(accounts).slice(0, n) });
    expect(
      app.forge.privacy.handle('POST', true, JSON.stringify({ accounts: [...accounts, ...accounts] })).status,
    ).toBe(400);
    expect(app.forge.privacy.handle('POST', true, body(3)).status).toBe(204);
    expect(app.forge.privacy.handle('POST', false, body(3)).status).toBe(403);
    expect(app.forge.privacy.handle('GET', true, undefined).status).toBe(405);
    expect(
      app.forge.privacy.handle(
        'POST',
        true,
        JSON.stringify({ accounts: [{ accountId: 'a', updatedAt: 'yesterday' }] }),
      ).status,
    ).toBe(400);
  });

  it('anonymises a closed account after the weekly run, keeps the record complete and in order, and leaves an open one', async () => {
    await sign(consultant.alias, 'designSignOff', 'approve', 'Design agreed with the customer');
    await sign(admin.alias, 'designSignOff', 'reject', 'Missing the data flow diagram');
    await sign(consultant.alias, 'migrationReadiness', 'reject', 'Mapping not reviewed');
    await sign(admin.alias, 'designSignOff', 'approve', 'Diagram added');
    const before = await records();
    expect(before.map((r) => r.entry.by.accountId)).toEqual([
      consultant.accountId,
      admin.accountId,
      consultant.accountId,
      admin.accountId,
    ]);
    // The panel names people as the viewer looks them up.
    const named = await panel('viewer');
    expect(named.audit.map((e) => e.by.displayName)).toEqual([
      admin.displayName,
      consultant.displayName,
      admin.displayName,
      consultant.displayName,
    ]);

    const closed = await post('/privacy/accounts', { accountId: consultant.accountId, closed: 'true' });
    expect([closed.status, closed.headers.get('location')]).toEqual([303, '/privacy']);
    const ran = await post('/privacy/run', {});
    expect([ran.status, ran.headers.get('location')]).toEqual([303, '/privacy?ran=1']);

    const reported = app.forge.privacy.requests[0];
    expect(reported.accounts.map((a) => a.accountId).sort()).toEqual(
      [admin.accountId, consultant.accountId].sort(),
    );
    expect(reported.answered).toEqual([{ accountId: consultant.accountId, status: 'closed' }]);

    const after = await records();
    expect(after.map((r) => r.seq)).toEqual(before.map((r) => r.seq));
    expect(after.map((r) => r.entry)).toEqual(
      before.map((r) => ({
        ...r.entry,
        by: {
          accountId: r.entry.by.accountId === consultant.accountId ? 'anonymised-1' : r.entry.by.accountId,
        },
      })),
    );
    const config = await app.forge.runtime.run({}, () => readConfig(typedStore()));
    expect(new Set(config.gates.flatMap((g) => g.approvers.users))).toEqual(new Set());

    const view = await panel('viewer');
    expect(view.audit.map((e) => e.by.displayName)).toEqual([
      admin.displayName,
      'a former user',
      admin.displayName,
      'a former user',
    ]);
    expect(view.audit.map((e) => e.comment)).toEqual([
      'Diagram added',
      'Mapping not reviewed',
      'Missing the data flow diagram',
      'Design agreed with the customer',
    ]);
    const design = view.gates.find((g) => g.id === 'designSignOff');
    expect(design?.approvals.map((d) => d.by.displayName)).toEqual(['a former user', admin.displayName]);

    const page = await (await fetch(`${app.url}/privacy?ran=1`)).text();
    expect(page).toContain('1 closed account');
    expect(page).toContain(consultant.accountId);
    expect(page).toMatch(/2 account ids reported, 1 closed; \d+ stored records\s+anonymised/);
  });

  it('refuses a form without an account id', async () => {
    expect((await post('/privacy/accounts', { accountId: '', closed: 'true' })).status).toBe(400);
  });
});
