// What the status macro shows of "Publish weekly" on its page (on, paused and why, or stopped;
// who set it up and since when; the last page published; the next one), and its Stop control,
// as the reader. Who may stop a schedule is src/domain/status mayStopWeekly's rule.
import type { ResolverResult } from '../../contracts/result';
import type { WeeklySchedule, WeeklySchedules } from '../../contracts/status';
import { mayEditPage } from '../../confluence';
import { mayStopWeekly, nextWeeklyRun, weeklyState } from '../../domain/status';
import { createTransport } from '../../http';
import { displayNameOf } from '../../jira/user-name';
import { readWeeklyStatuses, type WeeklyStatus } from '../../storage';
import { todayOf, type MacroContext } from './context';
import { failed, type DocumentIo } from './io';
import { weeklyWriter } from './weekly-store';

interface Reader {
  accountId: string | null;
  mayEditPage: boolean;
  name: (accountId: string) => Promise<string>;
}

async function readerOf(ctx: MacroContext, io: DocumentIo, pageId: string): Promise<Reader> {
  const jira = createTransport({ fetch: io.jiraFetch, product: 'jira' });
  const names = new Map<string, Promise<string>>();
  const name = (accountId: string) => {
    let found = names.get(accountId);
    if (!found)
      names.set(
        accountId,
        (found = displayNameOf(jira, accountId)
          .catch(() => null)
          .then((n) => n ?? 'a person you cannot see')),
      );
    return found;
  };
  return {
    accountId: ctx.accountId ?? null,
    mayEditPage: await mayEditPage(io.confluenceFetch, pageId),
    name,
  };
}

async function scheduleView(s: WeeklyStatus, reader: Reader, today: string): Promise<WeeklySchedule> {
  return {
    implementationKey: s.implementationKey,
    state: weeklyState(s),
    setUpBy: reader.accountId === s.by ? 'you' : await reader.name(s.by),
    since: s.since,
    lastPage:
      s.lastWeek === undefined
        ? null
        : {
            week: s.lastWeek,
            title: s.lastTitle ?? `Status ${s.lastWeek}`,
            url: s.lastUrl ?? null,
            publishedOn: s.lastPublishedOn ?? null,
          },
    next: nextWeeklyRun(s, today),
    paused: s.paused ?? null,
    stopped: s.stopped
      ? { by: reader.accountId === s.stopped.by ? 'you' : await reader.name(s.stopped.by), at: s.stopped.at }
      : null,
    canStop: s.stopped === undefined && mayStopWeekly(s, reader),
  };
}

const pageOf = (ctx: MacroContext) => ctx.extension?.content?.id;

/** The schedules of the macro's page, newest set-up first. */
export async function getWeekly(ctx: MacroContext, io: DocumentIo): Promise<ResolverResult<WeeklySchedules>> {
  const pageId = pageOf(ctx);
  if (pageId === undefined) return { ok: true, data: { schedules: [] } };
  try {
    const mine = (await readWeeklyStatuses(io.store)).filter((s) => s.parentId === pageId);
    if (mine.length === 0) return { ok: true, data: { schedules: [] } };
    const reader = await readerOf(ctx, io, pageId);
    const today = todayOf(io);
    const schedules = await Promise.all(
      [...mine].sort((a, b) => b.since.localeCompare(a.since)).map((s) => scheduleView(s, reader, today)),
    );
    return { ok: true, data: { schedules } };
  } catch (e) {
    return failed(e);
  }
}

/** Stops the page's schedule of `implementationKey`, if the reader may (mayStopWeekly). */
export async function stopWeekly(
  payload: { implementationKey: string },
  ctx: MacroContext,
  io: DocumentIo,
): Promise<ResolverResult<WeeklySchedules>> {
  const pageId = pageOf(ctx);
  if (pageId === undefined)
    return { ok: false, error: 'Stop works from a Confluence page: the macro has no page in its context.' };
  try {
    const list = await readWeeklyStatuses(io.store);
    const key = { parentId: pageId, implementationKey: payload.implementationKey };
    const s = list.find((x) => x.parentId === pageId && x.implementationKey === payload.implementationKey);
    if (s === undefined)
      return {
        ok: false,
        error: `${payload.implementationKey} is not published weekly from this page, so there is nothing to stop.`,
      };
    if (s.stopped === undefined) {
      const reader = await readerOf(ctx, io, pageId);
      if (!mayStopWeekly(s, reader))
        return {
          ok: false,
          error: `Only ${await reader.name(s.by)}, who set it up, or someone who may edit this page can stop the weekly pages of ${s.implementationKey}.`,
        };
      await weeklyWriter(io.store, list).stop(key, { by: reader.accountId ?? 'unknown', at: todayOf(io) });
    }
    return getWeekly(ctx, io);
  } catch (e) {
    return failed(e);
  }
}
