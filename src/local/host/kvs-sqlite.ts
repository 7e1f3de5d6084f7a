// The local Forge storage service behind `@forge/kvs`: Key-Value Store, secrets, Custom Entity
// Store, queries, transactions and batches, in an embedded SQLite database (sql.js, WASM) that is
// written to a file after every change, so the app's data survives a restart of `runway serve`.
// It answers the HTTP-shaped calls of @forge/kvs (`handle(path, body)`) with the bodies and error
// codes the real service uses (see out/storage-api.js and the Forge storage error reference).
import * as fs from 'node:fs';
import * as path from 'node:path';
import initSqlJs, { type Database, type SqlValue } from 'sql.js';
import { z } from 'zod';
import { compareScalars, matchesCondition, matchesFilters } from './kvs-conditions';
import * as P from './kvs-protocol';

export type AttributeType = 'string' | 'boolean' | 'float' | 'integer' | 'any';
export interface EntityIndex {
  name: string;
  range: string[];
  partition: string[];
}
export interface EntityDefinition {
  name: string;
  attributes: Record<string, AttributeType>;
  indexes: EntityIndex[];
}

export interface KvsAnswer {
  status: number;
  /** JSON body; undefined for an empty answer. */
  body?: unknown;
}

/** What `__forge_fetch__({ type: 'kvs' }, path, init)` is routed to. */
export interface KvsBackend {
  handle(path: string, body: unknown): Promise<KvsAnswer>;
}

export interface SqliteKvsOptions {
  /** Database file; null or undefined keeps everything in memory (tests). */
  file?: string | null;
  /** Entities from manifest.yml (`app.storage.entities`); undefined accepts any entity and index = attribute. */
  entities?: EntityDefinition[];
  /** Clock in epoch milliseconds (TTL, createdAt/updatedAt). */
  now?: () => number;
}

/** Limits of Forge hosted storage that the app must respect, enforced here so local runs find violations. */
export const KVS_LIMITS = {
  keyLength: 500,
  valueBytes: 240 * 1024,
  valueDepth: 32,
  queryDefaultLimit: 10,
  queryMaxLimit: 100,
  batchMaxKeys: 25,
  transactionMaxOperations: 25,
} as const;

const KEY_PATTERN = /^(?!\s+$)[a-zA-Z0-9:._\s\-#]+$/;

class KvsError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

type Space = 'kvs' | 'secret' | 'entity';
interface Row {
  key: string;
  entity: string;
  value: unknown;
  createdAt: number;
  updatedAt: number;
  expireAt: number | null;
}
interface Ref {
  space: Space;
  entity: string;
  key: string;
}

const TTL_MS = { SECONDS: 1000, MINUTES: 60_000, HOURS: 3_600_000, DAYS: 86_400_000 } as const;

const cursorSchema = z.object({
  k: z.string(),
  s: z.array(z.union([z.string(), z.number(), z.boolean(), z.null()])),
});

function encodeCursor(key: string, sortValues: unknown[]): string {
  return Buffer.from(JSON.stringify({ k: key, s: sortValues }), 'utf8').toString('base64url');
}
function decodeCursor(cursor: string): z.infer<typeof cursorSchema> {
  try {
    return cursorSchema.parse(JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')));
  } catch {
    throw new KvsError(400, 'INVALID_CURSOR', `The cursor "${cursor}" was not returned by a previous query`);
  }
}

function depth(value: unknown): number {
  if (typeof value !== 'object' || value === null) return 0;
  const children = Array.isArray(value) ? value : Object.values(value);
  return 1 + children.reduce<number>((max, child) => Math.max(max, depth(child)), 0);
}

export class SqliteKvs implements KvsBackend {
  private constructor(
    private readonly db: Database,
    private readonly file: string | null,
    private readonly entities: Map<string, EntityDefinition> | undefined,
    private readonly now: () => number,
  ) {}

  static async open(options: SqliteKvsOptions = {}): Promise<SqliteKvs> {
    const SQL = await initSqlJs();
    const file = options.file ?? null;
    const db = file && fs.existsSync(file) ? new SQL.Database(fs.readFileSync(file)) : new SQL.Database();
    db.run(`CREATE TABLE IF NOT EXISTS kvs (
      space TEXT NOT NULL, entity TEXT NOT NULL, key TEXT NOT NULL, value TEXT NOT NULL,
      created_at INTEGER NOT NULL, updated_at INTEGER NOT NULL, expire_at INTEGER,
      PRIMARY KEY (space, entity, key))`);
    db.run('CREATE TABLE IF NOT EXISTS host_state (key TEXT PRIMARY KEY, value TEXT NOT NULL)');
    const entities = options.entities ? new Map(options.entities.map((e) => [e.name, e])) : undefined;
    const kvs = new SqliteKvs(db, file, entities, options.now ?? Date.now);
    kvs.persist();
    return kvs;
  }

  async handle(requestPath: string, body: unknown): Promise<KvsAnswer> {
    try {
      return this.route(requestPath, body);
    } catch (e) {
      if (e instanceof KvsError) return { status: e.status, body: { code: e.code, message: e.message } };
      if (e instanceof z.ZodError) {
        const issues = e.issues.map((i) => `${i.path.join('.') || '(body)'}: ${i.message}`).join('; ');
        return {
          status: 400,
          body: { code: 'BAD_REQUEST', message: `Invalid request body for ${requestPath}: ${issues}` },
        };
      }
      throw e;
    }
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

  close(): void {
    this.db.close();
  }

  private route(requestPath: string, body: unknown): KvsAnswer {
    switch (requestPath) {
      case '/api/v1/get':
        return this.get({ space: 'kvs', entity: '', key: P.getRequest.parse(body).key });
      case '/api/v1/secret/get':
        return this.get({ space: 'secret', entity: '', key: P.getRequest.parse(body).key });
      case '/api/v1/entity/get': {
        const r = P.entityGetRequest.parse(body);
        return this.get({ space: 'entity', entity: this.entityName(r.entityName), key: r.key });
      }
      case '/api/v1/set': {
        const r = P.setRequest.parse(body);
        return this.mutate(() => this.set({ space: 'kvs', entity: '', key: r.key }, r.value, r.options));
      }
      case '/api/v1/secret/set': {
        const r = P.setRequest.parse(body);
        return this.mutate(() => this.set({ space: 'secret', entity: '', key: r.key }, r.value, r.options));
      }
      case '/api/v1/entity/set': {
        const r = P.entitySetRequest.parse(body);
        const ref: Ref = { space: 'entity', entity: this.entityName(r.entityName), key: r.key };
        return this.mutate(() => this.set(ref, r.value, r.options));
      }
      case '/api/v1/delete':
        return this.mutate(() =>
          this.delete({ space: 'kvs', entity: '', key: P.deleteRequest.parse(body).key }),
        );
      case '/api/v1/secret/delete':
        return this.mutate(() =>
          this.delete({ space: 'secret', entity: '', key: P.deleteRequest.parse(body).key }),
        );
      case '/api/v1/entity/delete': {
        const r = P.entityDeleteRequest.parse(body);
        return this.mutate(() =>
          this.delete({ space: 'entity', entity: this.entityName(r.entityName), key: r.key }),
        );
      }
      case '/api/v1/query':
        return this.query(P.queryRequest.parse(body));
      case '/api/v1/entity/query':
        return this.queryEntity(P.entityQueryRequest.parse(body));
      case '/api/v1/transaction':
        return this.mutate(() => this.transaction(P.transactionRequest.parse(body)));
      case '/api/v1/batch/set':
        return this.mutate(() => this.batchSet(P.batchSetRequest.parse(body)));
      case '/api/v1/batch/get':
        return this.batchGet(P.batchGetRequest.parse(body));
      case '/api/v1/batch/delete':
        return this.mutate(() => this.batchDelete(P.batchDeleteRequest.parse(body)));
      default:
        throw new KvsError(404, 'NOT_FOUND', `The local storage service has no endpoint ${requestPath}`);
    }
  }

  // ---- single operations --------------------------------------------------------------------

  private get(ref: Ref): KvsAnswer {
    this.checkKey(ref.key);
    const row = this.read(ref);
    if (!row) throw new KvsError(404, 'KEY_NOT_FOUND', 'Provided key does not exist');
    return { status: 200, body: this.withMetadata(row, ['CREATED_AT', 'UPDATED_AT', 'EXPIRE_TIME']) };
  }

  private set(ref: Ref, value: unknown, options: P.SetOptions): KvsAnswer {
    this.checkKey(ref.key);
    this.checkValue(ref, value);
    const previous = this.read(ref);
    if (previous && options?.keyPolicy === 'FAIL_IF_EXISTS') {
      throw new KvsError(409, 'KEY_CONFLICT', `The key "${ref.key}" already exists`);
    }
    const row = this.write(ref, value, options, previous);
    const fields = options?.returnMetadataFields ?? [];
    if (options?.returnValue === 'LATEST') return { status: 200, body: this.withMetadata(row, fields) };
    if (options?.returnValue === 'PREVIOUS')
      return { status: 200, body: previous ? this.withMetadata(previous, fields) : undefined };
    return { status: 204 };
  }

  private delete(ref: Ref): KvsAnswer {
    this.checkKey(ref.key);
    if (!this.read(ref)) throw new KvsError(404, 'KEY_NOT_FOUND', 'Provided key does not exist');
    this.remove(ref);
    return { status: 204 };
  }

  // ---- queries --------------------------------------------------------------------------------

  private query(r: z.infer<typeof P.queryRequest>): KvsAnswer {
    const limit = this.limit(r.limit);
    const after = r.after === undefined ? undefined : decodeCursor(r.after).k;
    const prefix = r.where?.[0] ? String(r.where[0].values[0] ?? '') : '';
    const rows = this.rows(
      `SELECT key, entity, value, created_at, updated_at, expire_at FROM kvs
       WHERE space = 'kvs' AND entity = '' AND substr(key, 1, length(?)) = ? AND key > ? AND (expire_at IS NULL OR expire_at > ?)
       ORDER BY key LIMIT ?`,
      [prefix, prefix, after ?? '', this.now(), limit + 1],
    );
    const page = rows.slice(0, limit);
    const fields = r.options?.metadataFields ?? [];
    const last = page[page.length - 1];
    return {
      status: 200,
      body: {
        data: page.map((row) => this.withMetadata(row, fields)),
        ...(rows.length > limit && last ? { cursor: encodeCursor(last.key, []) } : {}),
      },
    };
  }

  private queryEntity(r: P.EntityQueryRequest): KvsAnswer {
    const entity = this.entityName(r.entityName);
    const index = this.index(entity, r.indexName);
    const limit = this.limit(r.limit);
    if (index.partition.length && (r.partition ?? []).length !== index.partition.length) {
      throw new KvsError(
        400,
        'INVALID_PARTITION',
        `Index "${index.name}" of entity "${entity}" is partitioned by ${index.partition.join(', ')}: give one partition value for each`,
      );
    }
    const attr = (value: unknown, name: string): unknown =>
      typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[name] : undefined;
    const sortValues = (row: Row) => index.range.map((name) => attr(row.value, name) ?? null);
    const direction = r.sort === 'DESC' ? -1 : 1;
    const compare = (a: Row, b: Row) => {
      const sa = sortValues(a);
      const sb = sortValues(b);
      for (let i = 0; i < sa.length; i += 1) {
        const c = compareScalars(sa[i], sb[i]);
        if (c !== 0) return c * direction;
      }
      return (a.key < b.key ? -1 : a.key > b.key ? 1 : 0) * direction;
    };
    let rows = this.rows(
      `SELECT key, entity, value, created_at, updated_at, expire_at FROM kvs
       WHERE space = 'entity' AND entity = ? AND (expire_at IS NULL OR expire_at > ?)`,
      [entity, this.now()],
    )
      // An item is in an index only when it has every attribute of the index.
      .filter((row) =>
        [...index.partition, ...index.range].every((name) => attr(row.value, name) !== undefined),
      )
      .filter((row) => index.partition.every((name, i) => attr(row.value, name) === r.partition?.[i]))
      .filter((row) => !r.range || matchesCondition(attr(row.value, index.range[0]), r.range))
      .filter((row) => !r.filters || matchesFilters(row.value, r.filters))
      .sort(compare);
    if (r.cursor !== undefined) {
      const c = decodeCursor(r.cursor);
      const marker: Row = {
        key: c.k,
        entity,
        value: Object.fromEntries(index.range.map((n, i) => [n, c.s[i]])),
        createdAt: 0,
        updatedAt: 0,
        expireAt: null,
      };
      rows = rows.filter((row) => compare(row, marker) > 0);
    }
    const page = rows.slice(0, limit);
    const fields = r.options?.metadataFields ?? [];
    const last = page[page.length - 1];
    return {
      status: 200,
      body: {
        data: page.map((row) => this.withMetadata(row, fields)),
        ...(rows.length > limit && last ? { cursor: encodeCursor(last.key, sortValues(last)) } : {}),
      },
    };
  }

  // ---- transactions and batches ----------------------------------------------------------------

  private transaction(r: P.TransactionRequest): KvsAnswer {
    const sets = r.set ?? [];
    const deletes = r.delete ?? [];
    const checks = r.check ?? [];
    const count = sets.length + deletes.length + checks.length;
    if (count === 0)
      throw new KvsError(400, 'BAD_REQUEST', 'A transaction needs at least one set, delete or check');
    if (count > KVS_LIMITS.transactionMaxOperations) {
      throw new KvsError(
        400,
        'TOO_MANY_OPERATIONS',
        `A transaction takes at most ${KVS_LIMITS.transactionMaxOperations} operations, got ${count}`,
      );
    }
    const refOf = (op: { key: string; entityName?: string }): Ref =>
      op.entityName === undefined
        ? { space: 'kvs', entity: '', key: op.key }
        : { space: 'entity', entity: this.entityName(op.entityName), key: op.key };
    const all = [...sets, ...deletes, ...checks].map(refOf);
    this.checkUnique(all, 'transaction');
    all.forEach((ref) => this.checkKey(ref.key));
    sets.forEach((op) => this.checkValue(refOf(op), op.value));
    for (const op of [...sets, ...deletes, ...checks]) {
      if (!op.conditions) continue;
      const ref = refOf(op);
      if (ref.space !== 'entity')
        throw new KvsError(400, 'BAD_REQUEST', `Conditions apply to entities only (key "${ref.key}")`);
      if (!matchesFilters(this.read(ref)?.value, op.conditions)) {
        throw new KvsError(
          409,
          'CONDITIONAL_CHECK_FAILED',
          `Transaction cancelled: the conditions on key "${ref.key}" of entity "${ref.entity}" are not met`,
        );
      }
    }
    this.db.run('BEGIN');
    try {
      for (const op of sets) {
        const ref = refOf(op);
        this.write(ref, op.value, op.options, this.read(ref));
      }
      for (const op of deletes) this.remove(refOf(op));
      this.db.run('COMMIT');
    } catch (e) {
      this.db.run('ROLLBACK');
      throw e;
    }
    return { status: 204 };
  }

  private batchSet(items: z.infer<typeof P.batchSetRequest>): KvsAnswer {
    const refs = this.batchRefs(items);
    const successfulKeys: unknown[] = [];
    const failedKeys: unknown[] = [];
    items.forEach((item, i) => {
      try {
        this.checkKey(item.key);
        this.checkValue(refs[i], item.value);
        this.write(refs[i], item.value, item.options, this.read(refs[i]));
        successfulKeys.push(this.itemId(item));
      } catch (e) {
        if (!(e instanceof KvsError)) throw e;
        failedKeys.push({ ...this.itemId(item), error: { code: e.code, message: e.message } });
      }
    });
    return { status: 200, body: { successfulKeys, failedKeys } };
  }

  private batchGet(items: z.infer<typeof P.batchGetRequest>): KvsAnswer {
    const refs = this.batchRefs(items);
    const successfulKeys: unknown[] = [];
    const failedKeys: unknown[] = [];
    items.forEach((item, i) => {
      const row = this.read(refs[i]);
      if (row)
        successfulKeys.push({
          ...this.itemId(item),
          ...this.withMetadata(row, item.options?.metadataFields ?? []),
        });
      else
        failedKeys.push({
          ...this.itemId(item),
          error: { code: 'KEY_NOT_FOUND', message: 'Provided key does not exist' },
        });
    });
    return { status: 200, body: { successfulKeys, failedKeys } };
  }

  private batchDelete(items: z.infer<typeof P.batchDeleteRequest>): KvsAnswer {
    const refs = this.batchRefs(items);
    const successfulKeys: unknown[] = [];
    const failedKeys: unknown[] = [];
    items.forEach((item, i) => {
      if (this.read(refs[i])) {
        this.remove(refs[i]);
        successfulKeys.push(this.itemId(item));
      } else
        failedKeys.push({
          ...this.itemId(item),
          error: { code: 'KEY_NOT_FOUND', message: 'Provided key does not exist' },
        });
    });
    return { status: 200, body: { successfulKeys, failedKeys } };
  }

  private batchRefs(items: Array<{ key: string; entityName?: string }>): Ref[] {
    if (items.length === 0) throw new KvsError(400, 'BAD_REQUEST', 'A batch needs at least one key');
    if (items.length > KVS_LIMITS.batchMaxKeys) {
      throw new KvsError(
        400,
        'TOO_MANY_KEYS',
        `A batch takes at most ${KVS_LIMITS.batchMaxKeys} keys, got ${items.length}`,
      );
    }
    const refs = items.map((item): Ref =>
      item.entityName === undefined
        ? { space: 'kvs', entity: '', key: item.key }
        : { space: 'entity', entity: this.entityName(item.entityName), key: item.key },
    );
    this.checkUnique(refs, 'batch');
    return refs;
  }

  private itemId(item: { key: string; entityName?: string }) {
    return item.entityName === undefined ? { key: item.key } : { key: item.key, entityName: item.entityName };
  }

  // ---- validation -----------------------------------------------------------------------------

  private checkKey(key: string): void {
    if (key.length === 0) throw new KvsError(400, 'KEY_TOO_SHORT', 'The key must not be empty');
    if (key.length > KVS_LIMITS.keyLength)
      throw new KvsError(400, 'KEY_TOO_LONG', `The key exceeds ${KVS_LIMITS.keyLength} characters`);
    if (!KEY_PATTERN.test(key)) {
      throw new KvsError(400, 'INVALID_KEY', `The key "${key}" does not match ${String(KEY_PATTERN)}`);
    }
  }

  private checkValue(ref: Ref, value: unknown): void {
    if (value === undefined) throw new KvsError(400, 'BAD_REQUEST', `No value given for key "${ref.key}"`);
    if (Buffer.byteLength(JSON.stringify(value), 'utf8') > KVS_LIMITS.valueBytes) {
      throw new KvsError(
        400,
        'MAX_SIZE',
        `The value of key "${ref.key}" exceeds ${KVS_LIMITS.valueBytes} bytes`,
      );
    }
    if (depth(value) > KVS_LIMITS.valueDepth) {
      throw new KvsError(
        400,
        'MAX_DEPTH',
        `The value of key "${ref.key}" is nested deeper than ${KVS_LIMITS.valueDepth} levels`,
      );
    }
    if (ref.space === 'entity') this.checkEntityValue(ref.entity, value);
  }

  private checkEntityValue(entity: string, value: unknown): void {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      throw new KvsError(
        400,
        'INVALID_ENTITY_VALUE',
        `A value of entity "${entity}" must be an object of its attributes`,
      );
    }
    const definition = this.entities?.get(entity);
    if (!definition) return;
    for (const [name, v] of Object.entries(value)) {
      const type = definition.attributes[name];
      if (!type)
        throw new KvsError(
          400,
          'INVALID_ATTRIBUTE',
          `Entity "${entity}" has no attribute "${name}" in manifest.yml`,
        );
      const ok =
        type === 'any' ||
        (type === 'string' && typeof v === 'string') ||
        (type === 'boolean' && typeof v === 'boolean') ||
        (type === 'float' && typeof v === 'number') ||
        (type === 'integer' && Number.isInteger(v));
      if (!ok)
        throw new KvsError(
          400,
          'INVALID_ATTRIBUTE',
          `Attribute "${name}" of entity "${entity}" must be ${type}, got ${JSON.stringify(v)}`,
        );
    }
  }

  private entityName(name: string): string {
    if (name.length < 3)
      throw new KvsError(400, 'ENTITY_TYPE_TOO_SHORT', `Entity name "${name}" is shorter than 3 characters`);
    if (name.length > 60)
      throw new KvsError(400, 'ENTITY_TYPE_TOO_LARGE', `Entity name "${name}" exceeds 60 characters`);
    if (this.entities && !this.entities.has(name)) {
      throw new KvsError(
        400,
        'INVALID_ENTITY',
        `Entity "${name}" is not declared in manifest.yml (app.storage.entities)`,
      );
    }
    return name;
  }

  private index(entity: string, indexName: string): EntityIndex {
    const definition = this.entities?.get(entity);
    if (!definition) return { name: indexName, range: [indexName], partition: [] };
    const index = definition.indexes.find((i) => i.name === indexName);
    if (!index)
      throw new KvsError(
        400,
        'INVALID_INDEX',
        `Entity "${entity}" has no index "${indexName}" in manifest.yml`,
      );
    return index;
  }

  private limit(limit: number | undefined): number {
    if (limit === undefined) return KVS_LIMITS.queryDefaultLimit;
    if (limit > KVS_LIMITS.queryMaxLimit) {
      throw new KvsError(
        400,
        'INVALID_LIMIT',
        `A query returns at most ${KVS_LIMITS.queryMaxLimit} results per page, asked for ${limit}`,
      );
    }
    return limit;
  }

  private checkUnique(refs: Ref[], what: string): void {
    const seen = new Set<string>();
    for (const ref of refs) {
      const id = JSON.stringify([ref.space, ref.entity, ref.key]);
      if (seen.has(id)) {
        throw new KvsError(
          400,
          'DUPLICATE_KEYS',
          `A ${what} may name the key "${ref.key}"${ref.entity ? ` of entity "${ref.entity}"` : ''} only once`,
        );
      }
      seen.add(id);
    }
  }

  // ---- rows -----------------------------------------------------------------------------------

  private mutate(fn: () => KvsAnswer): KvsAnswer {
    const answer = fn();
    this.persist();
    return answer;
  }

  private read(ref: Ref): Row | undefined {
    return this.rows(
      `SELECT key, entity, value, created_at, updated_at, expire_at FROM kvs
       WHERE space = ? AND entity = ? AND key = ? AND (expire_at IS NULL OR expire_at > ?)`,
      [ref.space, ref.entity, ref.key, this.now()],
    )[0];
  }

  private write(ref: Ref, value: unknown, options: P.SetOptions, previous: Row | undefined): Row {
    const now = this.now();
    const expireAt = options?.ttl ? now + options.ttl.value * TTL_MS[options.ttl.unit] : null;
    const row: Row = {
      key: ref.key,
      entity: ref.entity,
      value,
      createdAt: previous?.createdAt ?? now,
      updatedAt: now,
      expireAt,
    };
    this.db.run(
      `INSERT OR REPLACE INTO kvs (space, entity, key, value, created_at, updated_at, expire_at) VALUES (?, ?, ?, ?, ?, ?, ?)`,
      [ref.space, ref.entity, ref.key, JSON.stringify(value), row.createdAt, row.updatedAt, expireAt],
    );
    return row;
  }

  private remove(ref: Ref): void {
    this.db.run('DELETE FROM kvs WHERE space = ? AND entity = ? AND key = ?', [
      ref.space,
      ref.entity,
      ref.key,
    ]);
  }

  private withMetadata(row: Row, fields: readonly string[]) {
    return {
      key: row.key,
      value: row.value,
      ...(fields.includes('CREATED_AT') ? { createdAt: row.createdAt } : {}),
      ...(fields.includes('UPDATED_AT') ? { updatedAt: row.updatedAt } : {}),
      ...(fields.includes('EXPIRE_TIME') && row.expireAt !== null
        ? { expireTime: new Date(row.expireAt).toISOString() }
        : {}),
    };
  }

  private select(sql: string, params: SqlValue[]): SqlValue[][] {
    const result = this.db.exec(sql, params);
    return result.length ? result[0].values : [];
  }

  private rows(sql: string, params: SqlValue[]): Row[] {
    return this.select(sql, params).map(([key, entity, value, createdAt, updatedAt, expireAt]) => ({
      key: String(key),
      entity: String(entity),
      value: JSON.parse(String(value)),
      createdAt: Number(createdAt),
      updatedAt: Number(updatedAt),
      expireAt: expireAt === null ? null : Number(expireAt),
    }));
  }

  /** Writes the whole database to a temporary file and renames it over the old one: a crash never leaves half a file. */
  private persist(): void {
    if (!this.file) return;
    fs.mkdirSync(path.dirname(this.file), { recursive: true });
    const tmp = `${this.file}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, this.db.export());
    fs.renameSync(tmp, this.file);
  }
}

/** Entity definitions from a parsed manifest's `app.storage.entities` (index shorthand `- name` = range on that attribute). */
export function entitiesFromManifest(manifest: unknown): EntityDefinition[] {
  const schema = z.object({
    app: z
      .object({
        storage: z
          .object({
            entities: z
              .array(
                z.object({
                  name: z.string(),
                  attributes: z.record(
                    z.string(),
                    z.object({ type: z.enum(['string', 'boolean', 'float', 'integer', 'any']) }),
                  ),
                  indexes: z
                    .array(
                      z.union([
                        z.string(),
                        z.object({
                          name: z.string(),
                          range: z.array(z.string()).min(1),
                          partition: z.array(z.string()).optional(),
                        }),
                      ]),
                    )
                    .optional(),
                }),
              )
              .optional(),
          })
          .optional(),
      })
      .optional(),
  });
  const entities = schema.parse(manifest).app?.storage?.entities ?? [];
  return entities.map((e) => ({
    name: e.name,
    attributes: Object.fromEntries(Object.entries(e.attributes).map(([k, v]) => [k, v.type])),
    indexes: (e.indexes ?? []).map((i) =>
      typeof i === 'string'
        ? { name: i, range: [i], partition: [] }
        : { name: i.name, range: i.range, partition: i.partition ?? [] },
    ),
  }));
}
