// "Publish weekly": the status macro registers its implementation and page; a scheduled function
// (manifest runway-weekly-status) publishes a dated child page, "Status 2026-W49", once per ISO
// week however often it runs: the last week published is kept, and the week's page is updated
// rather than duplicated (src/confluence publishDocument). Stopped schedules are skipped; before
// each page the app re-checks that the person who set it up may still publish it (weekly-check.ts)
// and otherwise pauses it with the reason, which the macro shows (weekly-state.ts).
import type { ResolverResult } from '../../contracts/result';
import type { WeeklyPublished } from '../../contracts/status';
import {
  createConfluenceClient,
  isRunwayPage,
  publishDocument,
  PublishError,
  type ConfluenceClient,
} from '../../confluence';
import { HttpError } from '../../http';
import { addDays, calendarDaysBetween, messageOf } from '../../domain';
import { isoWeek, STATUS_ID, weeklyStatusTitles } from '../../domain/status';
import { createJiraClient } from '../../jira';
import { readConfig, readWeeklyStatuses, sameWeekly, type WeeklyStatus } from '../../storage';
import { todayUtc, type Ports } from '../ports';
import { siteOf, type MacroContext } from './context';
import { failed, type DocumentIo } from './io';
import { renderDocument, type DocumentDeps, type DocumentRequest } from './render';
import { mayStillPublish } from './weekly-check';
import { weeklyWriter } from './weekly-store';

/** The first title of the week's candidates that is free in the space or already this implementation's page. */
async function chooseTitle(
  confluence: ConfluenceClient,
  spaceId: string,
  titles: readonly string[],
  implementationKey: string,
): Promise<string> {
  for (const title of titles) {
    const page = await confluence.findPageByTitle(spaceId, title, { body: true });
    if (page === undefined || isRunwayPage(page, implementationKey)) return title;
  }
  // All taken by other pages (the last names the key): publishDocument refuses, saying which.
  return titles[titles.length - 1] ?? '';
}

/** The title was taken between the choice and the create (another schedule of the same run, or a person). */
const titleTaken = (e: unknown) =>
  e instanceof PublishError ||
  (e instanceof HttpError && e.status === 400 && /same TITLE|title already exists/i.test(e.message));

async function publishWeek(sub: WeeklyStatus, deps: DocumentDeps, io: Ports, today: string) {
  const week = isoWeek(today);
  const request: DocumentRequest = {
    templateId: STATUS_ID,
    implementationKey: sub.implementationKey,
    asOf: today,
    since: addDays(today, -(sub.periodDays - 1)),
  };
  const { document } = await renderDocument(request, deps);
  const confluence = createConfluenceClient({ fetch: io.confluenceFetch });
  let titles = weeklyStatusTitles(week, document.implementation);
  const publishAs = async () =>
    publishDocument(
      { ...document, title: await chooseTitle(confluence, sub.spaceId, titles, sub.implementationKey) },
      {
        spaceId: sub.spaceId,
        parentId: sub.parentId,
        knownPageId: sub.lastWeek === week ? sub.lastPageId : undefined,
      },
      { globalId: `runway:status:${sub.implementationKey}:${week}`, relationship: 'Weekly status' },
      { confluence, jira: deps.jira, siteUrl: deps.siteUrl },
    );
  let result;
  for (;;)
    try {
      result = await publishAs();
      break;
    } catch (e) {
      // Confluence keeps titles unique per space: the next candidate, until the last (keyed) one.
      if (!titleTaken(e) || titles.length <= 1) throw e;
      titles = titles.slice(1);
    }
  const published: Partial<WeeklyStatus> = {
    lastWeek: week,
    lastPageId: result.pageId,
    lastTitle: result.title,
    lastUrl: result.url,
    lastPublishedOn: today,
  };
  return { week, title: result.title, url: result.url, published };
}

/** Turns weekly publishing on for the macro's page, publishing this week's page now, as the user. */
export async function startWeekly(
  request: DocumentRequest | { error: string },
  ctx: MacroContext,
  io: DocumentIo,
): Promise<ResolverResult<WeeklyPublished>> {
  if ('error' in request) return { ok: false, error: request.error };
  const spaceId = ctx.extension?.space?.id;
  const parentId = ctx.extension?.content?.id;
  if (spaceId === undefined || parentId === undefined)
    return {
      ok: false,
      error: 'Publish weekly works from a Confluence page: the macro has no page in its context.',
    };
  if (ctx.accountId === undefined)
    return { ok: false, error: 'Publish weekly needs a signed-in user: it publishes in their name.' };
  try {
    const deps: DocumentDeps = {
      jira: createJiraClient({ fetch: io.jiraFetch }),
      store: io.store,
      config: await readConfig(io.store),
      siteUrl: siteOf(ctx),
    };
    const today = request.asOf;
    const periodDays = calendarDaysBetween(request.since ?? today, today) + 1;
    const sub: WeeklyStatus = {
      implementationKey: request.implementationKey,
      spaceId,
      parentId,
      periodDays,
      siteUrl: deps.siteUrl,
      by: ctx.accountId,
      since: today,
    };
    // Publishing as the user first: the page exists only if they may read the issues and write here.
    const done = await publishWeek(sub, deps, io, today);
    const issue = await deps.jira.getIssue(sub.implementationKey, { fields: ['summary'] });
    const writer = weeklyWriter(io.store, await readWeeklyStatuses(io.store));
    // Setting it up again (after a stop or a pause) starts it afresh, in this user's name.
    await writer.replace((s) => sameWeekly(s, sub), {
      ...sub,
      ...(issue.id === undefined ? {} : { implementationId: issue.id }),
      ...done.published,
    });
    return { ok: true, data: { week: done.week, title: done.title, url: done.url } };
  } catch (e) {
    return failed(e);
  }
}

export interface WeeklyRun {
  week: string;
  published: string[];
  /** Already published this week, or stopped. */
  skipped: number;
  /** Paused now: the person who set it up may no longer publish it. */
  paused: string[];
  failures: string[];
  /** Left for the next run: the invocation's deadline came first. */
  deferred: number;
}

/** Schedules published at once: each publication is ~12 sequential requests; 4 keep Jira and Confluence unhurried. */
export const WEEKLY_CONCURRENCY = 4;
/** No new publication starts this close to the invocation's deadline (one takes seconds), nor in its last fifth. */
const DEADLINE_MARGIN_MS = 60_000;

/** The scheduled run: each schedule that is on (or paused) and not yet published this ISO week. */
export async function publishWeeklyStatuses(io: Ports): Promise<WeeklyRun> {
  const today = todayUtc(io.now());
  const week = isoWeek(today);
  const writer = weeklyWriter(io.store, await readWeeklyStatuses(io.store));
  const config = await readConfig(io.store);
  const jira = createJiraClient({ fetch: io.jiraFetch });
  const run: WeeklyRun = { week, published: [], skipped: 0, paused: [], failures: [], deferred: 0 };
  const due = writer.list().filter((s) => {
    const skip = s.stopped !== undefined || s.lastWeek === week;
    if (skip) run.skipped++;
    return !skip;
  });
  const one = async (sub: WeeklyStatus) => {
    const named = `${sub.implementationKey} (page ${sub.parentId})`;
    try {
      // Fail closed: a check that cannot be made pauses the schedule too, saying why.
      const check = await mayStillPublish(sub, io).catch((e: unknown) => ({
        ok: false as const,
        reason: `Runway could not check that the person who set this up may still publish here: ${messageOf(e)}`,
      }));
      if (!check.ok) {
        if (sub.paused?.reason !== check.reason) run.paused.push(`${named}: ${check.reason}`);
        await writer.update(sub, { paused: { reason: check.reason, at: sub.paused?.at ?? today } });
        return;
      }
      const deps = { jira, store: io.store, config, siteUrl: sub.siteUrl };
      const done = await publishWeek(sub, deps, io, today);
      // Saved after each page: a run cut short does not publish the same week twice.
      await writer.update(sub, {
        ...done.published,
        implementationId: check.implementationId,
        paused: undefined,
      });
      run.published.push(done.title);
    } catch (e) {
      run.failures.push(`${named}: ${messageOf(e)}`);
    }
  };
  // One implementation's schedules (on several pages) share its week's page: one after the other.
  const byKey = new Map<string, WeeklyStatus[]>();
  for (const s of due) byKey.set(s.implementationKey, [...(byKey.get(s.implementationKey) ?? []), s]);
  const groups = [...byKey.values()];
  let next = 0;
  const stopAt =
    io.deadlineAt === undefined
      ? Infinity
      : io.deadlineAt - Math.min(DEADLINE_MARGIN_MS, (io.deadlineAt - Date.now()) / 5);
  const worker = async () => {
    while (next < groups.length) {
      const group = groups[next++] ?? [];
      for (const [i, sub] of group.entries()) {
        if (Date.now() > stopAt) {
          run.deferred += group.length - i + groups.slice(next).reduce((n, g) => n + g.length, 0);
          next = groups.length;
          return;
        }
        await one(sub);
      }
    }
  };
  await Promise.all(Array.from({ length: WEEKLY_CONCURRENCY }, worker));
  await writer.flushed();
  return run;
}
