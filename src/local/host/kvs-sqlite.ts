// The local Forge storage service behind `@forge/kvs`: Key-Value Store, secrets, Custom Entity
// Store, queries, transactions and batches, in an embedded SQLite database (sqlite-file.ts) that
// is written to a file after every change, so the app's data survives a restart of `runway serve`.
// It answers the HTTP-shaped calls of @forge/kvs (`handle(path, body)`) with the bodies and error
// codes the real service uses (see out/storage-api.js and the Forge storage error reference).
// Limits and entity rules: kvs-rules.ts; manifest entities: kvs-manifest.ts.
import type { SqlValue } from 'sql.js';
import { z } from 'zod';
import { compareScalars, matchesCondition, matchesFilters } from './kvs-conditions';
import * as P from './kvs-protocol';
import {
  decodeCursor,
  encodeCursor,
  KVS_LIMITS,
  KvsError,
  KvsRules,
  TTL_MS,
  type EntityDefinition,
  type KvsAnswer,
  type KvsBackend,
  type Ref,
  type Row,
} from './kvs-rules';
import { SqliteFile } from './sqlite-file';

export {
  type AttributeType,
  type EntityDefinition,
  type EntityIndex,
  type KvsAnswer,
  type KvsBackend,
} from './kvs-rules';
export { entitiesFromManifest } from './kvs-manifest';
export { KVS_LIMITS };

export interface SqliteKvsOptions {
  /** An open SQLite file to share (the local app shares it with the site journal); else `file` is opened. */
  sqlite?: SqliteFile;
  /** Database file; null or undefined keeps everything in memory (tests). */
  file?: string | null;
  /** Entities from manifest.yml (`app.storage.entities`); undefined accepts any entity and index = attribute. */
  entities?: EntityDefinition[];
  /** Clock in epoch milliseconds (TTL, createdAt/updatedAt). */
  now?: () => number;
}

export class SqliteKvs implements KvsBackend {
  private constructor(
    /** The SQLite file app storage shares with the host's state and the local site's journal. */
    readonly sqlite: SqliteFile,
    private readonly rules: KvsRules,
    private readonly now: () => number,
  ) {}

  private get db() {
    return this.sqlite.db;
  }

  static async open(options: SqliteKvsOptions = {}): Promise<SqliteKvs> {
    const sqlite = options.sqlite ?? (await SqliteFile.open(options.file ?? null));
    const entities = options.entities ? new Map(options.entities.map((e) => [e.name, e])) : undefined;
    return new SqliteKvs(sqlite, new KvsRules(entities), options.now ?? Date.now);
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
    return this.sqlite.hostGet(key);
  }

  hostSet(key: string, value: unknown): void {
    this.sqlite.hostSet(key, value);
  }

  close(): void {
    this.sqlite.close();
  }

  private route(requestPath: string, body: unknown): KvsAnswer {
    switch (requestPath) {
      case '/api/v1/get':
        return this.get({ space: 'kvs', entity: '', key: P.getRequest.parse(body).key });
      case '/api/v1/secret/get':
        return this.get({ space: 'secret', entity: '', key: P.getRequest.parse(body).key });
      case '/api/v1/entity/get': {
        const r = P.entityGetRequest.parse(body);
        return this.get({ space: 'entity', entity: this.rules.entityName(r.entityName), key: r.key });
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
        const ref: Ref = { space: 'entity', entity: this.rules.entityName(r.entityName), key: r.key };
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
          this.delete({ space: 'entity', entity: this.rules.entityName(r.entityName), key: r.key }),
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
    this.rules.checkKey(ref.key);
    const row = this.read(ref);
    if (!row) throw new KvsError(404, 'KEY_NOT_FOUND', 'Provided key does not exist');
    return { status: 200, body: this.withMetadata(row, ['CREATED_AT', 'UPDATED_AT', 'EXPIRE_TIME']) };
  }

  private set(ref: Ref, value: unknown, options: P.SetOptions): KvsAnswer {
    this.rules.checkKey(ref.key);
    this.rules.checkValue(ref, value);
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
    this.rules.checkKey(ref.key);
    if (!this.read(ref)) throw new KvsError(404, 'KEY_NOT_FOUND', 'Provided key does not exist');
    this.remove(ref);
    return { status: 204 };
  }

  // ---- queries --------------------------------------------------------------------------------

  private query(r: z.infer<typeof P.queryRequest>): KvsAnswer {
    const limit = this.rules.limit(r.limit);
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
    const entity = this.rules.entityName(r.entityName);
    const index = this.rules.index(entity, r.indexName);
    const limit = this.rules.limit(r.limit);
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
        : { space: 'entity', entity: this.rules.entityName(op.entityName), key: op.key };
    const all = [...sets, ...deletes, ...checks].map(refOf);
    this.checkUnique(all, 'transaction');
    all.forEach((ref) => this.rules.checkKey(ref.key));
    sets.forEach((op) => this.rules.checkValue(refOf(op), op.value));
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
        this.rules.checkKey(item.key);
        this.rules.checkValue(refs[i], item.value);
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
        : { space: 'entity', entity: this.rules.entityName(item.entityName), key: item.key },
    );
    this.checkUnique(refs, 'batch');
    return refs;
  }

  private itemId(item: { key: string; entityName?: string }) {
    return item.entityName === undefined ? { key: item.key } : { key: item.key, entityName: item.entityName };
  }

  // ---- validation -----------------------------------------------------------------------------

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
    return this.sqlite.select(sql, params);
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

  private persist(): void {
    this.sqlite.persist();
  }
}
