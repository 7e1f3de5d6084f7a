// The rules of Forge hosted storage that the local store enforces, so local runs find what the
// real service refuses: key and value limits, entity declarations from manifest.yml, cursors.
// The shapes of stored rows and answers are here too, shared by the store and its SQLite file.
import { z } from 'zod';

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

export const KEY_PATTERN = /^(?!\s+$)[a-zA-Z0-9:._\s\-#]+$/;

export class KvsError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export type Space = 'kvs' | 'secret' | 'entity';
export interface Row {
  key: string;
  entity: string;
  value: unknown;
  createdAt: number;
  updatedAt: number;
  expireAt: number | null;
}
export interface Ref {
  space: Space;
  entity: string;
  key: string;
}

export const TTL_MS = { SECONDS: 1000, MINUTES: 60_000, HOURS: 3_600_000, DAYS: 86_400_000 } as const;

const cursorSchema = z.object({
  k: z.string(),
  s: z.array(z.union([z.string(), z.number(), z.boolean(), z.null()])),
});

export function encodeCursor(key: string, sortValues: unknown[]): string {
  return Buffer.from(JSON.stringify({ k: key, s: sortValues }), 'utf8').toString('base64url');
}
export function decodeCursor(cursor: string): z.infer<typeof cursorSchema> {
  try {
    return cursorSchema.parse(JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')));
  } catch {
    throw new KvsError(400, 'INVALID_CURSOR', `The cursor "${cursor}" was not returned by a previous query`);
  }
}

export function depth(value: unknown): number {
  if (typeof value !== 'object' || value === null) return 0;
  const children = Array.isArray(value) ? value : Object.values(value);
  return 1 + children.reduce<number>((max, child) => Math.max(max, depth(child)), 0);
}

/** Checks against the app's declared entities (undefined: any entity, index = attribute). */
export class KvsRules {
  constructor(private readonly entities: Map<string, EntityDefinition> | undefined) {}

  checkKey(key: string): void {
    if (key.length === 0) throw new KvsError(400, 'KEY_TOO_SHORT', 'The key must not be empty');
    if (key.length > KVS_LIMITS.keyLength)
      throw new KvsError(400, 'KEY_TOO_LONG', `The key exceeds ${KVS_LIMITS.keyLength} characters`);
    if (!KEY_PATTERN.test(key)) {
      throw new KvsError(400, 'INVALID_KEY', `The key "${key}" does not match ${String(KEY_PATTERN)}`);
    }
  }

  checkValue(ref: Ref, value: unknown): void {
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

  checkEntityValue(entity: string, value: unknown): void {
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

  entityName(name: string): string {
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

  index(entity: string, indexName: string): EntityIndex {
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

  limit(limit: number | undefined): number {
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
}
