// "Publish weekly": the status macro registers its implementation and page; a scheduled function
// (manifest runway-weekly-status) publishes a dated child page, "Status 2026-W49 (IMP-12)", once per
// ISO week however often it runs: the last week published is kept, and a page of the same title is
// updated rather than duplicated (src/confluence publishDocument).
import type { ResolverResult } from '../../contracts/result';
import { createConfluenceClient, publishDocument } from '../../confluence';
import { addDays, calendarDaysBetween } from '../../domain/dates';
import { isoWeek, STATUS_ID, weeklyStatusTitle } from '../../domain/status';
import { createJiraClient } from '../../jira';
import {
  readConfig,
  readWeeklyStatuses,
  sameWeekly,
  writeWeeklyStatuses,
  type WeeklyStatus,
} from '../../storage';
import { todayUtc, type Ports } from '../ports';
import { siteOf, type MacroContext } from './context';
import { failed, type DocumentIo } from './io';
import { renderDocument, type DocumentDeps, type DocumentRequest } from './render';

export interface WeeklyPublished {
  week: string;
  title: string;
  url: string;
}

async function publishWeek(sub: WeeklyStatus, deps: DocumentDeps, io: Ports, today: string) {
  const week = isoWeek(today);
  const request: DocumentRequest = {
    templateId: STATUS_ID,
    implementationKey: sub.implementationKey,
    asOf: today,
    since: addDays(today, -(sub.periodDays - 1)),
  };
  const { document } = await renderDocument(request, deps);
  const title = weeklyStatusTitle(week, sub.implementationKey);
  const result = await publishDocument(
    { ...document, title },
    { spaceId: sub.spaceId, parentId: sub.parentId },
    { globalId: `runway:status:${sub.implementationKey}:${week}`, relationship: 'Weekly status' },
    {
      confluence: createConfluenceClient({ fetch: io.confluenceFetch }),
      jira: deps.jira,
      siteUrl: deps.siteUrl,
    },
  );
  return { week, title: result.title, url: result.url, pageId: result.pageId };
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
      by: ctx.accountId ?? 'unknown',
      since: today,
    };
    // Publishing as the user first: the page exists only if they may read the issues and write here.
    const published = await publishWeek(sub, deps, io, today);
    const list = (await readWeeklyStatuses(io.store)).filter((s) => !sameWeekly(s, sub));
    list.push({ ...sub, lastWeek: published.week, lastPageId: published.pageId });
    await writeWeeklyStatuses(io.store, list);
    return { ok: true, data: { week: published.week, title: published.title, url: published.url } };
  } catch (e) {
    return failed(e);
  }
}

export interface WeeklyRun {
  week: string;
  published: string[];
  skipped: number;
  failures: string[];
}

/** The scheduled run: each registered report not yet published this ISO week is published. */
export async function publishWeeklyStatuses(io: Ports): Promise<WeeklyRun> {
  const today = todayUtc(io.now());
  const week = isoWeek(today);
  const list = await readWeeklyStatuses(io.store);
  const config = await readConfig(io.store);
  const jira = createJiraClient({ fetch: io.jiraFetch });
  const run: WeeklyRun = { week, published: [], skipped: 0, failures: [] };
  for (const [i, sub] of list.entries()) {
    if (sub.lastWeek === week) {
      run.skipped++;
      continue;
    }
    try {
      const done = await publishWeek(sub, { jira, store: io.store, config, siteUrl: sub.siteUrl }, io, today);
      list[i] = { ...sub, lastWeek: week, lastPageId: done.pageId };
      run.published.push(done.title);
      // Saved after each page: a run cut short does not publish the same week twice.
      await writeWeeklyStatuses(io.store, list);
    } catch (e) {
      run.failures.push(
        `${sub.implementationKey} (page ${sub.parentId}): ${e instanceof Error ? e.message : String(e)}`,
      );
    }
  }
  return run;
}
