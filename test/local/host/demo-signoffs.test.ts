// Historic sign-offs: the demo's resolved Gate issues become approvals in the app's own audit log
// at host start (by the configured approvers, at the resolution time), only where the log is
// empty, so nothing a person recorded is touched and a second run adds nothing.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import {
  STAGE_GATES_KEYS,
  type GateActionAnswer,
  type GetGatesResult,
} from '../../../src/contracts/stage-gates';
import { DEMO_USERS } from '../../../src/local/demo/catalog';
import { DEFAULT_AS_OF, generatePortfolio } from '../../../src/local/demo/generate';
import { startLocalApp, type LocalApp } from '../../../src/local/host/app';
import { seedHistoricSignOffs } from '../../../src/local/host/demo-signoffs';
import { auditLog } from '../../../src/storage/gates';
import { typedStore } from '../../../src/storage';

const portfolio = generatePortfolio({ seed: 1 });
const live = portfolio.implementations.find((i) => i.stage === 'live' && i.project !== 'ENT');
if (!live) throw new Error('the demo has no live implementation outside ENT');

/** Every audit record of every implementation of the site, as stored. */
async function allRecords(app: LocalApp): Promise<Record<string, unknown[]>> {
  return app.forge.runtime.run({}, async () => {
    const out: Record<string, unknown[]> = {};
    for (const impl of portfolio.implementations) {
      const issue = app.state.issues.find((i) => i.key === impl.key);
      out[impl.key] = (await auditLog(typedStore(), issue?.id ?? '').read()).map((r) => r.entry);
    }
    return out;
  });
}

const gateIssueOf = (app: LocalApp, implKey: string, gateType: string) => {
  const epic = app.state.issues.find((i) => i.key === implKey);
  const field = app.state.fields.find((f) => f.name === 'Gate Type');
  return app.state.issues.find(
    (i) =>
      i.parentId === epic?.id &&
      (i.custom[field?.id ?? ''] as { value?: string } | undefined)?.value === gateType,
  );
};

async function panel(app: LocalApp, key: string) {
  const issue = app.state.issues.find((i) => i.key === key);
  const answer = (await app.forge.invoke({
    moduleKey: 'runway-stage-gates',
    functionKey: STAGE_GATES_KEYS.getGates,
    as: 'admin',
    payload: { asOf: DEFAULT_AS_OF },
    context: { issue: { id: issue?.id ?? '', key, type: 'Epic', typeId: issue?.issueTypeId ?? '' } },
  })) as GetGatesResult;
  if (!answer.ok) throw new Error(answer.error);
  return answer.data;
}

describe('historic sign-offs seeded at host start', () => {
  let dir: string;
  let app: LocalApp;

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'runway-signoffs-'));
    app = await startLocalApp({ port: 0, dataFile: path.join(dir, 'storage.sqlite') });
  });
  afterAll(async () => {
    await app?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('shows, in the Stage gates panel of a live implementation, one approval per resolved Gate issue, by the default approver, at its resolution time', async () => {
    const view = await panel(app, live.key);
    const approvals = view.audit.filter((a) => a.action === 'approve');
    const resolvedGates = view.gates.filter((g) => g.gateIssue?.done === true);
    expect(resolvedGates.length).toBeGreaterThan(0);
    expect(approvals.map((a) => a.gateName).sort()).toEqual(resolvedGates.map((g) => g.name).sort());
    for (const a of approvals) {
      // Nobody is configured, so the project's administrators sign: Priya Shah (jira-admins).
      expect(a.by).toEqual({
        accountId: DEMO_USERS.admin.accountId,
        displayName: DEMO_USERS.admin.displayName,
      });
      const gateIssue = gateIssueOf(app, live.key, a.gateName);
      expect(Date.parse(a.at)).toBe(
        Date.parse((gateIssue?.resolutiondate ?? '').replace(/([+-]\d\d)(\d\d)$/, '$1:$2')),
      );
      expect(a.comment).toBe(
        `Signed off when ${gateIssue?.key} was resolved on ${a.at.slice(0, 10)} (from the site's history).`,
      );
      expect(a.criteria.length).toBeGreaterThan(0);
    }
    // A gate whose Gate issue is resolved and whose criteria are met now passes.
    for (const g of resolvedGates)
      if (g.criteria.every((c) => c.status !== 'fail')) expect(g.status).toBe('passed');
    expect(view.gates.find((g) => g.id === 'designSignOff')?.status).toBe('passed');
  });

  it('adds nothing when it runs again, in the same process or after a restart on the same storage', async () => {
    const before = await allRecords(app);
    expect(app.seeded?.records).toBe(Object.values(before).reduce((n, r) => n + r.length, 0));
    const again = await seedHistoricSignOffs(app.forge, app.state);
    expect(again.records).toBe(0);
    expect(again.seeded).toEqual([]);
    expect(again.kept.length).toBe(app.seeded?.seeded.length);
    expect(await allRecords(app)).toEqual(before);

    await app.close();
    app = await startLocalApp({ port: 0, dataFile: path.join(dir, 'storage.sqlite') });
    expect(app.seeded).toEqual({ seeded: [], kept: again.kept, records: 0 });
    expect(await allRecords(app)).toEqual(before);
  });

  it('is deterministic: another host on the same demo records exactly the same', async () => {
    const other = await startLocalApp({ port: 0 });
    try {
      expect(await allRecords(other)).toEqual(await allRecords(app));
    } finally {
      await other.close();
    }
  });
});

describe('seeding next to what people recorded', () => {
  it('leaves an implementation whose audit record has entries exactly as it is, and seeds the others', async () => {
    const app = await startLocalApp({
      port: 0,
      state: generatePortfolio({ seed: 1 }).state,
      seedSignOffs: false,
    });
    try {
      expect(app.seeded).toBeNull();
      const issue = app.state.issues.find((i) => i.key === live.key);
      const signed = (await app.forge.invoke({
        moduleKey: 'runway-stage-gates',
        functionKey: STAGE_GATES_KEYS.signGate,
        as: 'admin',
        payload: {
          gateId: 'handover',
          decision: 'reject',
          comment: 'The runbook is missing',
          asOf: DEFAULT_AS_OF,
        },
        context: {
          issue: { id: issue?.id ?? '', key: live.key, type: 'Epic', typeId: issue?.issueTypeId ?? '' },
        },
      })) as GateActionAnswer;
      if (!signed.ok) throw new Error(signed.error);
      const report = await seedHistoricSignOffs(app.forge, app.state);
      expect(report.kept).toEqual([live.key]);
      expect(report.seeded.length).toBeGreaterThan(0);
      expect(report.seeded).not.toContain(live.key);
      const view = await panel(app, live.key);
      expect(view.audit.map((a) => [a.action, a.gateId, a.comment])).toEqual([
        ['reject', 'handover', 'The runbook is missing'],
      ]);
    } finally {
      await app.close();
    }
  });
});
