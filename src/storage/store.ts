// Typed access to app storage (@forge/kvs, as the app): every value read back is parsed with its
// zod schema, so data written by an older version or by hand is reported, never trusted.
import { kvs, ForgeKvsAPIError, WhereConditions } from '@forge/kvs';
import type { z } from 'zod';

export type Kvs = typeof kvs;

export class StorageError extends Error {}

/** Forge keys allow letters, digits and `: . _ - #` and spaces; anything else in a part is escaped. */
export function keyPart(text: string): string {
  return text.replace(/[^a-zA-Z0-9._-]/g, (c) => `#${c.codePointAt(0)?.toString(16)}.`);
}

export function storageKey(...parts: string[]): string {
  return parts.map(keyPart).join(':');
}

export interface TypedStore {
  readonly kvs: Kvs;
  get<S extends z.ZodType>(key: string, schema: S): Promise<z.infer<S> | undefined>;
  /** `ttlSeconds`: the storage service deletes the value this long after the write (Forge KVS `ttl`). */
  set<S extends z.ZodType>(
    key: string,
    schema: S,
    value: z.input<S>,
    options?: { ttlSeconds?: number },
  ): Promise<void>;
  /** Writes only if the key is new; false when another writer took it first. */
  create<S extends z.ZodType>(key: string, schema: S, value: z.input<S>): Promise<boolean>;
  delete(key: string): Promise<void>;
  /** Every key and value under a prefix, in key order, following the query cursor to the end. */
  list<S extends z.ZodType>(prefix: string, schema: S): Promise<Array<{ key: string; value: z.infer<S> }>>;
}

function parse<S extends z.ZodType>(key: string, schema: S, value: unknown): z.infer<S> {
  const r = schema.safeParse(value);
  if (!r.success) {
    const why = r.error.issues.map((i) => `${i.path.join('.') || '(value)'}: ${i.message}`).join('; ');
    throw new StorageError(`Stored value of "${key}" is not valid: ${why}`);
  }
  return r.data;
}

export function typedStore(store: Kvs = kvs): TypedStore {
  return {
    kvs: store,
    async get(key, schema) {
      const value = await store.get<unknown>(key);
      return value === undefined ? undefined : parse(key, schema, value);
    },
    async set(key, schema, value, options) {
      const ttl = options?.ttlSeconds;
      await store.set(
        key,
        parse(key, schema, value),
        ttl !== undefined ? { ttl: { value: ttl, unit: 'SECONDS' } } : undefined,
      );
    },
    async create(key, schema, value) {
      try {
        await store.set(key, parse(key, schema, value), { keyPolicy: 'FAIL_IF_EXISTS' });
        return true;
      } catch (e) {
        if (e instanceof ForgeKvsAPIError && e.code === 'KEY_CONFLICT') return false;
        throw e;
      }
    },
    async delete(key) {
      await store.delete(key);
    },
    async list(prefix, schema) {
      const out: Array<{ key: string; value: z.infer<typeof schema> }> = [];
      let cursor: string | undefined;
      do {
        let q = store.query().where('key', WhereConditions.beginsWith(prefix)).limit(100);
        if (cursor) q = q.cursor(cursor);
        const page = await q.getMany<unknown>();
        for (const r of page.results) out.push({ key: r.key, value: parse(r.key, schema, r.value) });
        cursor = page.nextCursor;
      } while (cursor);
      return out;
    },
  };
}
