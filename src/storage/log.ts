// Append-only logs (gate sign-offs, evidence): entries are never updated or deleted. Each entry
// claims the next sequence number with a check-and-set write (keyPolicy FAIL_IF_EXISTS), so two
// people signing off at the same moment both get recorded, in order, and neither overwrites.
import { z } from 'zod';
import { storageKey, StorageError, type TypedStore } from './store';

const SEQ_DIGITS = 8;
const MAX_ATTEMPTS = 20;
const headSchema = z.number().int().min(0);

export interface LogEntry<T> {
  seq: number;
  entry: T;
}

export interface AppendOnlyLog<T, In = T> {
  append(entry: In): Promise<LogEntry<T>>;
  /** Every entry, oldest first. */
  read(): Promise<Array<LogEntry<T>>>;
}

export function appendOnlyLog<S extends z.ZodType>(
  store: TypedStore,
  name: string,
  schema: S,
): AppendOnlyLog<z.infer<S>, z.input<S>> {
  const prefix = `${storageKey('log', name)}:`;
  const headKey = storageKey('loghead', name);
  const entryKey = (seq: number) => `${prefix}${String(seq).padStart(SEQ_DIGITS, '0')}`;
  return {
    async append(entry) {
      // The head is only a hint of the last sequence number: the FAIL_IF_EXISTS write decides.
      let seq = ((await store.get(headKey, headSchema)) ?? 0) + 1;
      for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt += 1, seq += 1) {
        if (await store.create(entryKey(seq), schema, entry)) {
          await store.set(headKey, headSchema, seq);
          return { seq, entry: schema.parse(entry) };
        }
      }
      throw new StorageError(
        `Could not append to log "${name}": ${MAX_ATTEMPTS} concurrent writers took every slot`,
      );
    },
    async read() {
      const rows = await store.list(prefix, schema);
      return rows.map((r) => ({ seq: Number(r.key.slice(prefix.length)), entry: r.value }));
    },
  };
}
