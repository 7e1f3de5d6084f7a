// The local site's changes kept with app storage (issue 12): every change request the site
// accepts is journaled in the host's SQLite file, and replayed on the same generated site after a
// restart, so an issue created before a restart is still there with the app storage about it.
// A file made for another site (another seed), or app storage without a journal (a file from
// before the journal), is reset whole (storage and journal) and the start says so.
import type { SiteChange } from '../site/handler';
import type { SiteHandler } from '../site/types';
import type { SqliteFile } from './sqlite-file';

const SITE_KEY = 'runway:site';

export interface SitePersistence {
  /** The site handler's clock: the recorded time while replaying, else now. */
  now(): number;
  /** True while the journal replays (the workflow validators already ran for these changes). */
  replaying(): boolean;
  /** The site handler's afterChange. */
  record(change: SiteChange): void;
  /** Replays the journal on the site; returns what happened, for the start message. */
  restore(site: SiteHandler): Promise<string | null>;
}

export function sitePersistence(sqlite: SqliteFile, siteId: string): SitePersistence {
  let replayAt: number | null = null;
  return {
    now: () => replayAt ?? Date.now(),
    replaying: () => replayAt !== null,
    record(change) {
      if (replayAt === null) sqlite.appendJournal(change);
    },
    async restore(site) {
      const stored = sqlite.hostGet(SITE_KEY);
      const journal = sqlite.journal();
      let note: string | null = null;
      if (stored !== undefined && stored !== siteId) {
        sqlite.resetAll();
        note = `the storage file was made for ${String(stored)}, not ${siteId}: app storage and site changes reset`;
      } else if (stored === undefined && sqlite.hasAppStorage()) {
        sqlite.resetAll();
        note = 'the storage file held app storage without the site changes it refers to: reset';
      }
      sqlite.hostSet(SITE_KEY, siteId);
      if (note !== null) return note;
      let failed = 0;
      for (const change of journal) {
        replayAt = change.at;
        try {
          const r = await site.handle({
            method: change.method,
            path: change.path,
            body: change.body,
            accountId: change.accountId,
          });
          if (r.status >= 400) failed++;
        } finally {
          replayAt = null;
        }
      }
      if (journal.length === 0) return null;
      return `${journal.length} site change${journal.length === 1 ? '' : 's'} restored${failed > 0 ? ` (${failed} refused on replay)` : ''}`;
    },
  };
}
