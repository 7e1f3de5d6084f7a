// Issue 12 (security and reliability review), the stage gates' part: nothing about an issue or page
// leaks to a viewer who cannot see it (defect 1); concurrent writes to one gate leave the Gate issue
// agreeing with the record (defect 5); and the walkthrough's gate items (item 10). The use cases run
// on in-memory ports over the demo site: the viewer cannot browse ENT nor read its Confluence space.
import type { GateActionAnswer, GatesPanel, GateView } from '../../src/contracts/stage-gates';
import { readGates } from '../../src/app/gates/read';
import { recordGateAction, type GateWrite } from '../../src/app/gates/write';
import { defaultConfig, parseConfig } from '../../src/domain';
import { handoverLinkGlobalId } from '../../src/domain/handover';
import { DEMO_USERS } from '../../src/local/demo/catalog';
import { DEFAULT_AS_OF, generatePortfolio } from '../../src/local/demo/generate';
import type { SiteState } from '../../src/local/site/model';
import { storageKey, writeConfig } from '../../src/storage';
import { writePublishedPage } from '../../src/storage/documents';
import { auditLog } from '../../src/storage/gates';
import { HANDOVER_ID } from '../../src/domain/playbooks';
import { createJiraClient } from '../../src/jira';
import { createConfluenceClient } from '../../src/confluence/client';
import { renderDocument } from '../../src/app/documents';
import { readConfig } from '../../src/storage';
import { inMemoryApp, type InMemoryApp } from './support/ports';

const NOW = new Date(`${DEFAULT_AS_OF}T12:00:00.000Z`);
const { admin, consultant, viewer } = DEMO_USERS;
const HIDDEN = 'an item you cannot see';

describe('stage gates after the security and reliability review', () => {
  let app: InMemoryApp;
  let state: SiteState;
  let key: string;
  let issueId: string;

  beforeEach(async () => {
    const portfolio = generatePortfolio({ seed: 1 });
    state = portfolio.state;
    const impl = portfolio.implementations.find((i) => i.stage === 'in-flight' && i.project === 'IMP');
    if (!impl) throw new Error('the demo has no in-flight implementation in IMP');
    key = impl.key;
    issueId = state.issues.find((i) => i.key === key)?.id ?? '';
    app = await inMemoryApp(state, NOW);
    const leads = parseConfig({
      gates: defaultConfig().gates.map((g) => ({
        ...g,
        approvers: { users: [], groups: ['implementation-leads'] },
      })),
    });
    if (!leads.ok) throw new Error(leads.error);
    await writeConfig(app.store, leads.value);
  });
  afterEach(() => app.close());

  const records = () => auditLog(app.store, issueId).read();
  const statusOf = (issueKey: string) => {
    const issue = state.issues.find((i) => i.key === issueKey);
    const status = state.statuses.find((s) => s.id === issue?.statusId);
    return { name: status?.name, done: status?.category === 'done' };
  };
  const gateOf = (panel: GatesPanel, id: string): GateView => {
    const gate = panel.gates.find((g) => g.id === id);
    if (!gate) throw new Error(`no gate ${id}`);
    return gate;
  };
  const read = async (as: { accountId: string }) => {
    const r = await readGates(app.portsAs(as.accountId), { issueKey: key, asOf: DEFAULT_AS_OF, siteUrl: '' });
    if (!r.ok) throw new Error(r.error);
    return r.data;
  };
  const write = (as: { accountId: string }, w: GateWrite): Promise<GateActionAnswer> =>
    recordGateAction(app.portsAs(as.accountId), {
      issueKey: key,
      accountId: as.accountId,
      siteUrl: '',
      write: w,
    });
  const done = async (as: { accountId: string }, w: GateWrite) => {
    const r = await write(as, w);
    if (!r.ok) throw new Error(r.error);
    return r.data;
  };
  const sign = (gateId: string, decision: 'approve' | 'reject', comment = 'because'): GateWrite => ({
    kind: 'sign',
    payload: { gateId, decision, comment, asOf: DEFAULT_AS_OF },
  });
  const addIssue = (gateId: string, issueKey: string): GateWrite => ({
    kind: 'addEvidence',
    payload: { gateId, evidence: { type: 'jiraIssue', issueKey }, comment: '', asOf: DEFAULT_AS_OF },
  });
  const addPage = (gateId: string, pageId: string): GateWrite => ({
    kind: 'addEvidence',
    payload: { gateId, evidence: { type: 'confluencePage', page: pageId }, comment: '', asOf: DEFAULT_AS_OF },
  });
  const addUrl = (gateId: string, title: string): GateWrite => ({
    kind: 'addEvidence',
    payload: {
      gateId,
      evidence: { type: 'url', url: `https://example.com/${title}`, title },
      comment: '',
      asOf: DEFAULT_AS_OF,
    },
  });
  const removal = (gateId: string, evidenceId: string): GateWrite => ({
    kind: 'removeEvidence',
    payload: { gateId, evidenceId, comment: '', asOf: DEFAULT_AS_OF },
  });
  const restrictedIssue = () => {
    const issue = state.issues.find((i) => i.key.startsWith('ENT-'));
    if (!issue) throw new Error('the demo has no ENT issue');
    return issue;
  };
  const pageTitled = (prefix: string, spaceKey?: string) => {
    const space = state.confluence.spaces.find((s) => s.key === spaceKey);
    const page = state.confluence.pages.find(
      (p) => p.status === 'current' && p.title.startsWith(prefix) && (!space || p.spaceId === space.id),
    );
    if (!page) throw new Error(`the demo has no page "${prefix}…"`);
    return page;
  };

  describe('defect 1: evidence never shows what the viewer cannot see', () => {
    it('shows an ENT issue and a restricted page as "an item you cannot see" to the viewer, in the evidence and the audit, and records neither title', async () => {
      const ent = restrictedIssue();
      const page = pageTitled('Handover packet', 'ENTP');
      await done(consultant, addIssue('uatReadiness', ent.key));
      await done(consultant, addPage('uatReadiness', page.id));

      // The record keeps references only.
      const stored = JSON.stringify(await records());
      expect([stored.includes(ent.summary), stored.includes(page.title)]).toEqual([false, false]);

      const mine = gateOf(await read(consultant), 'uatReadiness').evidence;
      expect(mine.map((e) => [e.target, e.title, e.missing])).toEqual([
        [ent.key, ent.summary, false],
        [page.id, page.title, false],
      ]);

      const panel = await read(viewer);
      expect(
        gateOf(panel, 'uatReadiness').evidence.map((e) => [e.target, e.title, e.url, e.missing]),
      ).toEqual([
        [null, HIDDEN, null, true],
        [null, HIDDEN, null, true],
      ]);
      expect(panel.audit.map((a) => a.evidence)).toEqual([
        { type: 'confluencePage', target: null, title: HIDDEN, hidden: true },
        { type: 'jiraIssue', target: null, title: HIDDEN, hidden: true },
      ]);
      const seen = JSON.stringify(panel);
      expect([ent.key, ent.summary, page.id, page.title].filter((text) => seen.includes(text))).toEqual([]);
    });

    it('never shows the title an older record stored: it is resolved as the viewer, or hidden', async () => {
      const ent = restrictedIssue();
      await auditLog(app.store, issueId).append({
        at: '2026-10-01T09:00:00.000Z',
        by: { accountId: consultant.accountId, displayName: consultant.displayName },
        gateId: 'uatReadiness',
        gateStatus: 'notReady',
        criteria: [
          { title: 'Handover packet linked', status: 'pass', detail: 'Linked: Secret ENT plan', issues: [] },
        ],
        action: 'addEvidence',
        evidence: {
          id: 'old-1',
          type: 'jiraIssue',
          target: ent.key,
          title: 'Stored ENT summary',
          comment: '',
        },
      });
      const panel = await read(viewer);
      const seen = JSON.stringify(panel);
      expect(
        ['Stored ENT summary', 'Secret ENT plan', ent.key].filter((text) => seen.includes(text)),
      ).toEqual([]);
      expect(gateOf(await read(admin), 'uatReadiness').evidence.map((e) => e.title)).toEqual([ent.summary]);
    });
  });

  describe('defect 1: the handover packet and playbooks', () => {
    const packetAs = async (as: { accountId: string }) => {
      const ports = app.portsAs(as.accountId);
      const { document } = await renderDocument(
        { templateId: HANDOVER_ID, implementationKey: key, asOf: DEFAULT_AS_OF },
        {
          jira: createJiraClient({ fetch: ports.jiraFetch }),
          confluence: createConfluenceClient({ fetch: ports.confluenceFetch }),
          store: ports.store,
          config: await readConfig(ports.store),
          siteUrl: 'https://runway-demo.atlassian.net',
        },
      );
      return JSON.stringify(document);
    };

    it('resolves gate evidence as the reader: the viewer gets "an item you cannot see" for an ENT issue and a restricted page', async () => {
      const ent = restrictedIssue();
      const page = pageTitled('Handover packet', 'ENTP');
      await done(consultant, addIssue('handover', ent.key));
      await done(consultant, addPage('handover', page.id));
      const forConsultant = await packetAs(consultant);
      expect([forConsultant.includes(ent.summary), forConsultant.includes(page.title)]).toEqual([true, true]);
      const forViewer = await packetAs(viewer);
      expect(forViewer.split(HIDDEN).length - 1).toBe(2);
      expect([ent.key, ent.summary, page.title].filter((text) => forViewer.includes(text))).toEqual([]);
    });
  });

  describe('defect 5: writes to one gate are serialised and the Gate issue follows the record', () => {
    /** As `as`, with every storage write held back `ms`: they read Jira first, then write late. */
    const slowWriter = (as: { accountId: string }, w: GateWrite, ms = 400): Promise<GateActionAnswer> => {
      const ports = app.portsAs(as.accountId);
      const create: typeof ports.store.create = async (...args) => {
        await new Promise((r) => setTimeout(r, ms));
        return ports.store.create(...args);
      };
      return recordGateAction(
        { ...ports, store: { ...ports.store, create } },
        { issueKey: key, accountId: as.accountId, siteUrl: '', write: w },
      );
    };
    const agrees = async (gateIssue: string) => {
      const gate = gateOf(await read(viewer), 'designSignOff');
      return { record: gate.status, gateIssueDone: statusOf(gateIssue).done };
    };

    it('ends with the Gate issue agreeing with the record after concurrent approve and reject', async () => {
      const gateIssue = gateOf(await read(viewer), 'designSignOff').gateIssue?.key ?? '';
      await done(consultant, sign('designSignOff', 'reject', 'not yet'));
      expect(await agrees(gateIssue)).toEqual({ record: 'rejected', gateIssueDone: false });

      // The consultant approves (the gate passes) while the admin's rejection, read earlier, lands late.
      const first = await Promise.all([
        write(consultant, sign('designSignOff', 'approve', 'now yes')),
        slowWriter(admin, sign('designSignOff', 'reject', 'not so fast')),
      ]);
      expect(first.map((a) => a.ok)).toEqual([true, true]);
      expect(await agrees(gateIssue)).toEqual({ record: 'rejected', gateIssueDone: false });

      // The admin rejects while their own approval, read earlier, lands late: the gate passes again.
      await done(admin, sign('designSignOff', 'approve', 'fine'));
      expect(await agrees(gateIssue)).toEqual({ record: 'passed', gateIssueDone: true });
      const second = await Promise.all([
        write(admin, sign('designSignOff', 'reject', 'wait')),
        slowWriter(admin, sign('designSignOff', 'approve', 'fine after all')),
      ]);
      expect(second.map((a) => a.ok)).toEqual([true, true]);
      const end = await agrees(gateIssue);
      expect(end.gateIssueDone).toBe(end.record === 'passed');
      const log = await records();
      expect(log.map((r) => r.seq)).toEqual(log.map((_, i) => i + 1));
    });

    it('records one approval of a gate that needs one when two arrive at once, and refuses the other as passed', async () => {
      const answers = await Promise.all([
        write(admin, sign('hypercareExit', 'approve', 'admin ok')),
        write(consultant, sign('hypercareExit', 'approve', 'consultant ok')),
        write(admin, sign('designSignOff', 'approve', 'admin ok')),
        write(consultant, sign('designSignOff', 'approve', 'consultant ok')),
      ]);
      // hypercareExit is not ready (criteria fail), so both approvals land; designSignOff passes on the first.
      expect(answers.slice(0, 2).map((a) => a.ok)).toEqual([true, true]);
      expect(answers.slice(2).filter((a) => a.ok)).toHaveLength(1);
      expect(answers.slice(2).find((a) => !a.ok)).toEqual({
        ok: false,
        error: 'Design Sign-off has already passed; there is nothing to approve.',
      });
      const actions = (await records()).map((r) => [r.entry.gateId, r.entry.action]);
      expect(actions.filter(([g]) => g === 'designSignOff')).toHaveLength(1);
      expect(actions.filter(([g]) => g === 'hypercareExit')).toHaveLength(2);
    });

    it('removes a piece of evidence once when two removals arrive at once, and keeps evidence added meanwhile', async () => {
      const added = await done(consultant, addUrl('uatReadiness', 'plan'));
      const [plan] = gateOf(added.panel, 'uatReadiness').evidence;
      const answers = await Promise.all([
        write(consultant, removal('uatReadiness', plan.id)),
        write(admin, removal('uatReadiness', plan.id)),
        write(consultant, addUrl('uatReadiness', 'signed-plan')),
      ]);
      expect(answers.filter((a) => a.ok)).toHaveLength(2);
      expect((await records()).filter((r) => r.entry.action === 'removeEvidence')).toHaveLength(1);
      expect(gateOf(await read(consultant), 'uatReadiness').evidence.map((e) => e.title)).toEqual([
        'signed-plan',
      ]);
    });

    it('re-syncs a Gate issue found out of step with the record when the reader may transition it, and otherwise says so', async () => {
      const gateIssue = gateOf(await read(viewer), 'designSignOff').gateIssue?.key ?? '';
      // Done in Jira before anyone signed off in Runway: shown as out of step, not reopened.
      expect(statusOf(gateIssue).done).toBe(true);
      expect((await read(consultant)).warnings).toContain(
        `${gateIssue} (Design Sign-off) is done in Jira, but the gate has not passed in Runway.`,
      );
      expect(statusOf(gateIssue).done).toBe(true);

      // The record decides (rejected), but someone resolves the Gate issue in Jira behind Runway's back.
      await done(consultant, sign('designSignOff', 'reject', 'not yet'));
      expect(statusOf(gateIssue).done).toBe(false);
      const issue = state.issues.find((i) => i.key === gateIssue);
      const passed = state.statuses.find((s) => s.name === 'Passed');
      if (!issue || !passed) throw new Error('no Gate issue or Passed status');
      issue.statusId = passed.id;

      const seenByViewer = await read(viewer);
      expect(statusOf(gateIssue).done).toBe(true);
      expect(seenByViewer.warnings).toContain(
        `${gateIssue} (Design Sign-off) is done in Jira, but the gate has not passed in Runway.`,
      );
      const seenByConsultant = await read(consultant);
      expect(statusOf(gateIssue)).toEqual({ name: 'Reopened', done: false });
      expect(gateOf(seenByConsultant, 'designSignOff').gateIssue?.done).toBe(false);
      expect(seenByConsultant.warnings).toContain(
        `${gateIssue} reopened (Reopened): it was out of step with the gate.`,
      );
    });
  });

  describe('item 10: the walkthrough', () => {
    it('lets only whoever added evidence, or an administrator, remove it, and the audit names what was removed', async () => {
      const added = await done(admin, addUrl('uatReadiness', 'admin-plan'));
      const [plan] = gateOf(added.panel, 'uatReadiness').evidence;
      expect(gateOf(await read(consultant), 'uatReadiness').evidence[0].canRemove).toBe(false);
      expect(await write(consultant, removal('uatReadiness', plan.id))).toEqual({
        ok: false,
        error: 'Only Priya Shah or an administrator can remove this evidence.',
      });
      const mine = await done(consultant, addUrl('uatReadiness', 'my-plan'));
      const [, own] = gateOf(mine.panel, 'uatReadiness').evidence;
      expect(own.canRemove).toBe(true);
      const removed = await done(consultant, removal('uatReadiness', own.id));
      expect(removed.panel.audit[0]).toMatchObject({
        action: 'removeEvidence',
        evidence: { type: 'url', target: 'https://example.com/my-plan', title: 'my-plan', hidden: false },
      });
      expect((await done(admin, removal('uatReadiness', plan.id))).panel.gates[2].evidence).toEqual([]);
    });

    it('offers no Approve on a passed gate, and each approval keeps its own text', async () => {
      const config = parseConfig({
        gates: defaultConfig().gates.map((g) => ({
          ...g,
          approvers: { users: [], groups: ['implementation-leads'] },
          requiredApprovals: g.id === 'designSignOff' ? 2 : g.requiredApprovals,
        })),
      });
      if (!config.ok) throw new Error(config.error);
      await writeConfig(app.store, config.value);
      await done(consultant, sign('designSignOff', 'approve', 'design reviewed'));
      const second = await done(consultant, sign('designSignOff', 'approve', 'security reviewed'));
      const open = gateOf(second.panel, 'designSignOff');
      expect([open.approvals.map((a) => a.comment), open.approvalCount, open.canApprove]).toEqual([
        ['design reviewed', 'security reviewed'],
        1,
        true,
      ]);
      const passed = gateOf(
        (await done(admin, sign('designSignOff', 'approve', 'agreed'))).panel,
        'designSignOff',
      );
      expect([passed.status, passed.approvalCount, passed.canApprove, passed.canSign]).toEqual([
        'passed',
        2,
        false,
        true,
      ]);
      expect(passed.approvals.map((a) => a.comment)).toEqual([
        'design reviewed',
        'security reviewed',
        'agreed',
      ]);
    });

    it('passes "Handover packet linked" only on a page Runway published as the packet, or one titled or labelled so', async () => {
      const criterion = (panel: GatesPanel) =>
        gateOf(panel, 'handover').criteria.find((c) => c.title === 'Handover packet linked')?.status;
      const other = pageTitled('Runway playbook library');
      const packet = pageTitled('Handover packet', 'IMPL');
      await done(consultant, addPage('handover', other.id));
      expect(criterion(await read(consultant))).toBe('fail');
      // Runway published `other` as this implementation's handover packet (what publish records).
      await writePublishedPage(app.store, handoverLinkGlobalId(key), other.spaceId, { pageId: other.id });
      expect(criterion(await read(consultant))).toBe('pass');
      await app.store.delete(storageKey('published', handoverLinkGlobalId(key), other.spaceId));
      expect(criterion(await read(consultant))).toBe('fail');
      expect(criterion((await done(consultant, addPage('handover', packet.id))).panel)).toBe('pass');
    });

    it('passes "Handover packet linked" on a page labelled handover-packet, whatever its title', async () => {
      const criterion = (panel: GatesPanel) =>
        gateOf(panel, 'handover').criteria.find((c) => c.title === 'Handover packet linked')?.status;
      const other = pageTitled('Runway playbook library');
      await done(consultant, addPage('handover', other.id));
      expect(criterion(await read(consultant))).toBe('fail');
      other.labels = ['handover-packet'];
      expect(criterion(await read(consultant))).toBe('pass');
    });
  });
});
