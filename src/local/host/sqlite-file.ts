// The local host's one SQLite file (sql.js, WASM): app storage (table kvs), the host's own state
// (host_state) and the local site's changes (site_journal), so a restart keeps all of them
// together. Written whole to a temporary file and renamed over the old one after every change:
// a crash never leaves half a file, and never app storage without the site changes it refers to.
import * as fs from 'node:fs';
import * as path from 'node:path';
import initSqlJs, { type Database, type SqlValue } from 'sql.js';

/** One change request the local site accepted, replayed on the same site after a restart. */
export interface SiteJournalEntry {
  /** Epoch ms the site dated the change with. */
  at: number;
  method: string;
  path: string;
  body: string | null;
  accountId: string;
}

export class SqliteFile {
  private constructor(
    readonly db: Database,
    private readonly file: string | null,
  ) {}

  /** Opens (or creates) the file; null keeps everything in memory. */
  static async open(file: string | null): Promise<SqliteFile> {
    const SQL = await initSqlJs();
    const db = file && fs.existsSync(file) ? new SQL.Database(fs.readFileSync(file)) : new SQL.Database();
    db.run(`CREATE TABLE IF NOT EXISTS kvs (
      space TEXT NOT NULL, entity TEXT NOT NULL, key TEXT NOT NULL, value TEXT NOT NULL,
      created_at INTEGER NOT NULL, updated_at INTEGER NOT NULL, expire_at INTEGER,
      PRIMARY KEY (space, entity, key))`);
    db.run('CREATE TABLE IF NOT EXISTS host_state (key TEXT PRIMARY KEY, value TEXT NOT NULL)');
    db.run(`CREATE TABLE IF NOT EXISTS site_journal (
      seq INTEGER PRIMARY KEY AUTOINCREMENT, at INTEGER NOT NULL, method TEXT NOT NULL,
      path TEXT NOT NULL, body TEXT, account_id TEXT NOT NULL)`);
    const sqlite = new SqliteFile(db, file);
    sqlite.persist();
    return sqlite;
  }

  select(sql: string, params: SqlValue[] = []): SqlValue[][] {
    const result = this.db.exec(sql, params);
    return result.length ? result[0].values : [];
  }

  /** The host's own state (e.g. dashboard gadget configurations that Jira would keep); never visible to the app. */
  hostGet(key: string): unknown {
    const rows = this.select('SELECT value FROM host_state WHERE key = ?', [key]);
    return rows.length ? JSON.parse(String(rows[0][0])) : undefined;
  }

  hostSet(key: string, value: unknown): void {
    this.db.run('INSERT OR REPLACE INTO host_state (key, value) VALUES (?, ?)', [key, JSON.stringify(value)]);
    this.persist();
  }

  /** Whether the file holds app storage (any key of any space). */
  hasAppStorage(): boolean {
    return this.select('SELECT 1 FROM kvs LIMIT 1').length > 0;
  }

  journal(): SiteJournalEntry[] {
    return this.select('SELECT at, method, path, body, account_id FROM site_journal ORDER BY seq').map(
      ([at, method, p, body, accountId]) => ({
        at: Number(at),
        method: String(method),
        path: String(p),
        body: body === null ? null : String(body),
        accountId: String(accountId),
      }),
    );
  }

  appendJournal(entry: SiteJournalEntry): void {
    this.db.run('INSERT INTO site_journal (at, method, path, body, account_id) VALUES (?, ?, ?, ?, ?)', [
      entry.at,
      entry.method,
      entry.path,
      entry.body,
      entry.accountId,
    ]);
    this.persist();
  }

  /** Empties app storage, host state and the site journal together. */
  resetAll(): void {
    this.db.run('DELETE FROM kvs');
    this.db.run('DELETE FROM host_state');
    this.db.run('DELETE FROM site_journal');
    this.persist();
  }

  /** Writes the whole database to a temporary file and renames it over the old one. */
  persist(): void {
    if (!this.file) return;
    fs.mkdirSync(path.dirname(this.file), { recursive: true });
    const tmp = `${this.file}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, this.db.export());
    fs.renameSync(tmp, this.file);
  }

  close(): void {
    this.db.close();
  }
}
