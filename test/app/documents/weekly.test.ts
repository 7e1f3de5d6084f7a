// "Publish weekly" with the local site: the macro shows the schedule (who set it up, since when,
// the last page, the next run) and stops it for the right people; the scheduled run, as the app,
// skips stopped schedules and pauses, with the reason, those whose owner may no longer publish;
// the week's page is "Status 2026-W49" where that title is free in the space.
import { forgePorts } from '../../../src/app/forge';
import {
  getWeekly,
  publishWeeklyStatuses,
  startWeekly,
  stopWeekly,
  type MacroContext,
} from '../../../src/app/documents';
import { addDays } from '../../../src/domain';
import { isoWeek, STATUS_ID } from '../../../src/domain/status';
import { readWeeklyStatuses, typedStore, writeWeeklyStatuses } from '../../../src/storage';
import { inMemorySite, type Who } from '../support/site';

describe('publishing the status report weekly', () => {
  const site = inMemorySite();
  const today = new Date().toISOString().slice(0, 10);
  const week = isoWeek(today);
  const state = () => site.portfolio.state;
  const space = () => {
    const s = state().confluence.spaces.find((x) => x.key === 'IMPL');
    if (!s) throw new Error('no IMPL space');
    return s;
  };
  /** A fresh page of the space to hold the macro (each test its own). */
  let pages = 0;
  const newMacroPage = () => {
    const home = state().confluence.pages.find((p) => p.id === space().homepageId);
    if (!home) throw new Error('no home page');
    const page = { ...home, id: String(990_000 + ++pages), title: `Weekly ${pages}`, parentId: home.id };
    state().confluence.pages.push(page);
    return page.id;
  };
  const ctxOf = (who: Who, pageId: string): MacroContext => ({
    accountId: site.accountId(who),
    siteUrl: 'https://runway.local',
    extension: { content: { id: pageId }, space: { id: space().id, key: space().key } },
  });
  const start = (who: Who, pageId: string, implementationKey: string) =>
    site.as(who, () =>
      startWeekly(
        { templateId: STATUS_ID, implementationKey, asOf: today, since: addDays(today, -6) },
        ctxOf(who, pageId),
        forgePorts('user'),
      ),
    );
  const schedules = async (who: Who, pageId: string) => {
    const r = await site.as(who, () => getWeekly(ctxOf(who, pageId), forgePorts('user')));
    if (!r.ok) throw new Error(r.error);
    return r.data.schedules;
  };
  const runAsApp = () => site.asApp(() => publishWeeklyStatuses(forgePorts('app')));
  /** Makes every schedule due again, as if a week had passed since its last page. */
  const aWeekLater = async () => {
    const store = typedStore();
    await site.asApp(async () =>
      writeWeeklyStatuses(
        store,
        (await readWeeklyStatuses(store)).map((s) => ({ ...s, lastWeek: '2000-W01' })),
      ),
    );
  };
  const childrenOf = (pageId: string) => state().confluence.pages.filter((p) => p.parentId === pageId);

  it('publishes "Status <week>" under the page, and shows who set it up, since when, the last page and the next', async () => {
    const pageId = newMacroPage();
    const key = site.implementation('IMP', 'in-flight');
    const started = await start('consultant', pageId, key);
    if (!started.ok) throw new Error(started.error);
    expect(started.data.title).toBe(`Status ${week}`);
    expect(childrenOf(pageId).map((p) => p.title)).toEqual([`Status ${week}`]);
    const [mine] = await schedules('consultant', pageId);
    expect(mine).toMatchObject({
      implementationKey: key,
      state: 'on',
      setUpBy: 'you',
      since: today,
      lastPage: { week, title: `Status ${week}`, publishedOn: today },
      paused: null,
      stopped: null,
      canStop: true,
    });
    // this week is done: the next page is next week's, from its Monday
    expect(mine?.next?.week).not.toBe(week);
    expect(mine?.next?.from).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    const consultant = state().users.find((u) => u.accountId === site.accountId('consultant'));
    const [seen] = await schedules('viewer', pageId);
    expect(seen?.setUpBy).toBe(consultant?.displayName);
  });

  it('falls back to "Status <week> — <implementation>" when another page of the space has the title', async () => {
    const pageId = newMacroPage();
    const [first, second] = site.portfolio.implementations.filter((i) => i.project === 'IMP');
    if (!first || !second) throw new Error('two IMP implementations needed');
    // "Status <week>" is taken in the space by the first test's page: Confluence titles are unique per space
    const started = await start('consultant', pageId, second.key);
    if (!started.ok) throw new Error(started.error);
    expect(started.data.title).toBe(`Status ${week} — ${second.summary}`);
    // publishing the same week again finds its own page: no third title, no second page
    const again = await start('consultant', pageId, second.key);
    expect(again).toMatchObject({ ok: true, data: { title: `Status ${week} — ${second.summary}` } });
    expect(childrenOf(pageId)).toHaveLength(1);
  });

  it('is stopped only by the person who set it up or someone who may edit the page; stopped ones are skipped', async () => {
    const pageId = newMacroPage();
    const key = site.implementation('ONB', 'in-flight');
    expect((await start('consultant', pageId, key)).ok).toBe(true);
    // the viewer may read the page but not edit it, and did not set it up
    expect((await schedules('viewer', pageId))[0]?.canStop).toBe(false);
    const refused = await site.as('viewer', () =>
      stopWeekly({ implementationKey: key }, ctxOf('viewer', pageId), forgePorts('user')),
    );
    expect(refused).toEqual({
      ok: false,
      error: expect.stringMatching(/^Only .+, who set it up, or someone who may edit this page/),
    });
    // an admin who may edit the page can stop it
    const stopped = await site.as('admin', () =>
      stopWeekly({ implementationKey: key }, ctxOf('admin', pageId), forgePorts('user')),
    );
    if (!stopped.ok) throw new Error(stopped.error);
    expect(stopped.data.schedules[0]).toMatchObject({
      state: 'stopped',
      stopped: { by: 'you', at: today },
      next: null,
      canStop: false,
    });
    await aWeekLater();
    const version = childrenOf(pageId)[0]?.version.number;
    const run = await runAsApp();
    expect(run.published).not.toContain(childrenOf(pageId)[0]?.title);
    expect(childrenOf(pageId)[0]?.version.number).toBe(version);
    expect((await schedules('consultant', pageId))[0]?.stopped?.by).toMatch(/\S/);
  });

  it('pauses, with the reason, when the person who set it up may no longer add pages; resumes when they may', async () => {
    const pageId = newMacroPage();
    const key = site.implementation('IMP', 'hypercare');
    expect((await start('consultant', pageId, key)).ok).toBe(true);
    const consultant = state().users.find((u) => u.accountId === site.accountId('consultant'));
    const before = [...space().editGroups];
    space().editGroups = before.filter((g) => !(consultant?.groups ?? []).includes(g) || g === 'app');
    try {
      await aWeekLater();
      const version = childrenOf(pageId)[0]?.version.number;
      const run = await runAsApp();
      expect(run.paused).toEqual(
        expect.arrayContaining([
          expect.stringContaining(
            `${key} (page ${pageId}): The person who set this up can no longer add pages here`,
          ),
        ]),
      );
      expect(childrenOf(pageId)[0]?.version.number).toBe(version);
      const [paused] = await schedules('consultant', pageId);
      expect(paused).toMatchObject({
        state: 'paused',
        paused: { reason: expect.stringContaining('Confluence:'), at: today },
      });
    } finally {
      space().editGroups = before;
    }
    const run = await runAsApp();
    expect(run.paused.filter((p) => p.startsWith(key))).toEqual([]);
    expect((await schedules('consultant', pageId))[0]).toMatchObject({ state: 'on', paused: null });
  });

  it('pauses when the person who set it up can no longer see the implementation in Jira', async () => {
    const pageId = newMacroPage();
    const key = site.implementation('IMP', 'in-flight');
    expect((await start('consultant', pageId, key)).ok).toBe(true);
    const project = state().projects.find((p) => p.key === 'IMP');
    if (!project) throw new Error('no IMP project');
    const consultant = state().users.find((u) => u.accountId === site.accountId('consultant'));
    const before = project.permissions.BROWSE_PROJECTS;
    project.permissions.BROWSE_PROJECTS = before.filter(
      (h) =>
        !('group' in h && (consultant?.groups ?? []).includes(h.group)) &&
        !('accountId' in h && h.accountId === consultant?.accountId),
    );
    try {
      await aWeekLater();
      await runAsApp();
      expect(
        await site.as('admin', () => getWeekly(ctxOf('admin', pageId), forgePorts('user'))),
      ).toMatchObject({
        ok: true,
        data: {
          schedules: [
            {
              state: 'paused',
              paused: {
                reason: `The person who set this up can no longer see ${key} in Jira, so its report is not published in their name.`,
              },
            },
          ],
        },
      });
    } finally {
      project.permissions.BROWSE_PROJECTS = before;
    }
  });

  it('publishes several at once in a new space: one takes "Status <week>", the others their names, none fails', async () => {
    const race = { ...space(), id: '777001', key: 'RACE', homepageId: '777002' };
    const home = state().confluence.pages.find((p) => p.id === space().homepageId);
    if (!home) throw new Error('no home page');
    state().confluence.spaces.push(race);
    state().confluence.pages.push({
      ...home,
      id: '777002',
      spaceId: race.id,
      parentId: null,
      title: 'Race home',
    });
    const keys = site.portfolio.implementations.filter((i) => i.project === 'ONB').slice(0, 4);
    const store = typedStore();
    await site.asApp(async () =>
      writeWeeklyStatuses(store, [
        ...(await readWeeklyStatuses(store)),
        ...keys.map((i) => ({
          implementationKey: i.key,
          spaceId: race.id,
          parentId: '777002',
          periodDays: 7,
          siteUrl: 'https://runway.local',
          by: site.accountId('admin'),
          since: today,
        })),
      ]),
    );
    const run = await runAsApp();
    expect(run.failures).toEqual([]);
    const titles = state()
      .confluence.pages.filter((p) => p.spaceId === race.id && p.parentId === '777002')
      .map((p) => p.title)
      .sort();
    const named = new Set(keys.map((k) => `Status ${week} — ${k.summary}`));
    // which one wins the plain title is a race; that exactly one does, and the rest take their names, is not
    expect(titles.filter((t) => t !== `Status ${week}`).every((t) => named.has(t))).toBe(true);
    expect(titles.filter((t) => t === `Status ${week}`)).toHaveLength(1);
    expect(new Set(titles).size).toBe(keys.length);
  });

  it('fails closed: when the check cannot be made (an account Jira does not know), it pauses and says why', async () => {
    const pageId = newMacroPage();
    const key = site.implementation('IMP', 'in-flight');
    const store = typedStore();
    await site.asApp(async () =>
      writeWeeklyStatuses(store, [
        ...(await readWeeklyStatuses(store)),
        {
          implementationKey: key,
          spaceId: space().id,
          parentId: pageId,
          periodDays: 7,
          siteUrl: '',
          by: 'acc-gone',
          since: today,
        },
      ]),
    );
    await runAsApp();
    expect(childrenOf(pageId)).toEqual([]);
    const [gone] = await schedules('admin', pageId);
    expect(gone).toMatchObject({
      state: 'paused',
      setUpBy: 'a person you cannot see',
      paused: {
        reason: expect.stringMatching(
          /^Runway could not check that the person who set this up may still publish here: /,
        ),
      },
    });
  });
});
