// The daily alerts function on the local host, as Forge runs it: the scheduled trigger of
// manifest.yml, as the app, against the emulated Jira (notify API, permission check) and app
// storage. One digest per recipient per day, each alert once per state, never about an issue the
// recipient cannot see.
import { APP_ACCOUNT_ID, DEMO_USERS } from '../../src/local/demo/catalog';
import { generatePortfolio } from '../../src/local/demo/generate';
import { HOST_USERS } from '../../src/local/host/app';
import { LocalForge } from '../../src/local/host/forge';
import { runScheduledTrigger } from '../../src/local/host/scheduled';
import { createSiteHandler } from '../../src/local/site/handler';
import type { SiteIssue, SiteNotification, SiteState } from '../../src/local/site/model';
import { outboxOf } from '../../src/local/site/routes-notify';
import { readLastAlertsRun, typedStore } from '../../src/storage';
import { jiraSpec } from '../local/site/openapi';

const REAL_TIMERS = [
  'hrtime',
  'nextTick',
  'performance',
  'queueMicrotask',
  'requestAnimationFrame',
  'cancelAnimationFrame',
  'requestIdleCallback',
  'cancelIdleCallback',
  'setImmediate',
  'clearImmediate',
  'setInterval',
  'clearInterval',
  'setTimeout',
  'clearTimeout',
] as const;

describe('the daily alerts scheduled function on the local host', () => {
  let state: SiteState;
  let restricted: string;
  const sentBodies: string[] = [];
  const requestErrors: string[] = [];
  let forge: LocalForge;
  const mails = () => state.notifications ?? [];

  /** Runs the trigger as if it were 06:00 UTC on `day`; returns the mails it sent. */
  async function runOn(day: string): Promise<SiteNotification[]> {
    const before = mails().length;
    jest.setSystemTime(new Date(`${day}T06:00:00Z`));
    await runScheduledTrigger(forge, 'runway-daily-alerts');
    expect(forge.consumerErrors).toEqual([]);
    return mails().slice(before);
  }

  const typeOf = (i: SiteIssue) => state.issueTypes.find((t) => t.id === i.issueTypeId)?.name;
  const statusCategory = (i: SiteIssue) => state.statuses.find((s) => s.id === i.statusId)?.category;
  const projectKey = (i: SiteIssue) => state.projects.find((p) => p.id === i.projectId)?.key;

  /** An open RAID item, due before the demo's asOf, of an open implementation. */
  function overdueRaidItem(where: (i: SiteIssue) => boolean): SiteIssue {
    const found = state.issues.find((i) => {
      if (!['Risk', 'Issue', 'Dependency', 'Assumption'].includes(typeOf(i) ?? '')) return false;
      const parent = state.issues.find((p) => p.id === i.parentId);
      return (
        parent !== undefined &&
        parent.resolutiondate === null &&
        i.resolutiondate === null &&
        statusCategory(i) !== 'done' &&
        i.duedate !== null &&
        i.duedate < '2026-11-20' &&
        where(i)
      );
    });
    if (!found) throw new Error('the demo has no overdue RAID item here');
    return found;
  }

  /** A RAID item of an open implementation in `project`, made open (the demo may have closed it). */
  function openRaidItemIn(project: string): SiteIssue {
    const item = state.issues.find((i) => {
      const parent = state.issues.find((p) => p.id === i.parentId);
      return typeOf(i) === 'Risk' && projectKey(i) === project && parent?.resolutiondate === null;
    });
    if (!item) throw new Error(`the demo has no risk in an open implementation of ${project}`);
    item.resolutiondate = null;
    item.resolutionId = null;
    item.statusId = state.statuses.find((s) => s.category === 'new')?.id ?? item.statusId;
    return item;
  }

  beforeAll(async () => {
    jest.useFakeTimers({ doNotFake: [...REAL_TIMERS] });
    const portfolio = generatePortfolio({ seed: 7, implementations: 12 });
    state = portfolio.state;
    restricted = portfolio.restrictedProject ?? 'ENT';
    const site = createSiteHandler(state);
    const handle = site.handle.bind(site);
    // Every request the function sends to the two new endpoints is checked against the OpenAPI.
    const checked = {
      'POST /rest/api/3/permissions/check': 'BulkPermissionsRequestBean',
      notify: 'Notification',
    };
    forge = await LocalForge.create({
      site: {
        handle: async (req) => {
          const path = req.path.split('?')[0];
          const component = path.endsWith('/notify')
            ? checked.notify
            : path === '/rest/api/3/permissions/check'
              ? checked['POST /rest/api/3/permissions/check']
              : undefined;
          if (component) {
            sentBodies.push(component);
            requestErrors.push(...jiraSpec().componentErrors(component, JSON.parse(req.body ?? 'null')));
          }
          const answer = await handle(req);
          if (path === '/rest/api/3/permissions/check')
            requestErrors.push(
              ...jiraSpec().errors('POST', path, answer.status, JSON.parse(answer.body || 'null')),
            );
          return answer;
        },
      },
      users: HOST_USERS,
      dataFile: null,
    });
  });
  afterAll(() => {
    forge.close();
    jest.useRealTimers();
  });

  it('sends one digest per recipient, through notify on an implementation, listing their alerts', async () => {
    const sent = await runOn('2026-11-23');
    expect(sent.length).toBeGreaterThan(0);
    const recipients = sent.map((m) => m.to);
    expect(new Set(recipients).size).toBe(recipients.length);
    for (const m of sent) {
      expect(m.from).toBe(APP_ACCOUNT_ID);
      expect(m.subject).toMatch(/^Runway: \d+ things? needs? you \(2026-11-23\)$/);
      expect(m.textBody).toContain('Runway alerts as of 2026-11-23.');
      const onIssue = state.issues.find((i) => i.key === m.issueKey);
      expect(onIssue?.labels).toContain('implementation');
    }
  });

  it('does not send again the next day what it already sent (still overdue is not news)', async () => {
    const first = mails().filter((m) => m.sentAt.startsWith('2026-11-23'));
    const next = await runOn('2026-11-24');
    for (const m of next) {
      const earlier = first.find((f) => f.to === m.to);
      if (!earlier) continue;
      const lines = (text: string) => text.split('\n').filter((l) => l.startsWith('- '));
      const again = lines(m.textBody).filter((l) =>
        lines(earlier.textBody).some((e) => e.split(':')[0] === l.split(':')[0]),
      );
      expect(again).toEqual([]);
    }
  });

  it('runs once a day: a second run the same day sends nothing', async () => {
    expect(await runOn('2026-11-24')).toEqual([]);
  });

  it('sends again after a change: the due date moved and passed again', async () => {
    const item = overdueRaidItem((i) => i.assigneeId !== null && projectKey(i) !== restricted);
    const mentions = (ms: readonly SiteNotification[]) =>
      ms.filter((m) => m.to === item.assigneeId && m.textBody.includes(`- ${item.key} `));
    expect(mentions(mails())).toHaveLength(1);
    item.duedate = '2026-11-10';
    const sent = await runOn('2026-11-25');
    expect(mentions(sent)).toHaveLength(1);
    expect(mentions(await runOn('2026-11-26'))).toEqual([]);
  });

  it('never tells someone about an issue they cannot see', async () => {
    const item = openRaidItemIn(restricted);
    item.assigneeId = DEMO_USERS.viewer.accountId; // the viewer cannot browse the restricted project
    item.duedate = '2026-11-12';
    const run = await runOn('2026-11-27');
    expect(run.some((m) => m.textBody.includes(`- ${item.key} `))).toBe(false);
    const last = await forge.runtime.run({ moduleKey: 'test', timeoutMs: 10_000 }, () =>
      readLastAlertsRun(typedStore()),
    );
    expect(last?.withheld).toBeGreaterThan(0);
    const viewerMail = outboxOf(state, DEMO_USERS.viewer.accountId);
    for (const m of viewerMail) expect(m.textBody).not.toContain(item.key);
    expect(
      mails().some((m) => m.textBody.includes(`- ${item.key} `) && m.to === DEMO_USERS.viewer.accountId),
    ).toBe(false);
  });

  it('sent only requests and got only answers the OpenAPI document allows', () => {
    expect(sentBodies).toContain('Notification');
    expect(sentBodies).toContain('BulkPermissionsRequestBean');
    expect(requestErrors).toEqual([]);
  });
});
