// The request bodies that @forge/kvs (out/storage-api.js, out/query.js, out/entity-query.js,
// out/transaction-api.js) posts to `__forge_fetch__({ type: 'kvs' }, path, …)`, as zod schemas:
// the local backend answers only what the real client sends, and says what was wrong otherwise.
import { z } from 'zod';

export const metadataField = z.enum(['CREATED_AT', 'UPDATED_AT', 'EXPIRE_TIME']);

const ttl = z.object({
  value: z.number().int().positive(),
  unit: z.enum(['SECONDS', 'MINUTES', 'HOURS', 'DAYS']),
});
export type Ttl = z.infer<typeof ttl>;

const getOptions = z.object({ metadataFields: z.array(metadataField).optional() }).optional();

export const setOptions = z
  .object({
    ttl: ttl.optional(),
    keyPolicy: z.enum(['OVERRIDE', 'FAIL_IF_EXISTS']).optional(),
    returnValue: z.enum(['PREVIOUS', 'LATEST']).optional(),
    returnMetadataFields: z.array(metadataField).optional(),
  })
  .optional();
export type SetOptions = z.infer<typeof setOptions>;

const scalar = z.union([z.string(), z.number(), z.boolean()]);

/** One condition of a query `where`, an index `range`, a filter or a transaction condition. */
export const condition = z.object({
  condition: z.enum([
    'BEGINS_WITH',
    'BETWEEN',
    'CONTAINS',
    'NOT_CONTAINS',
    'EQUAL_TO',
    'NOT_EQUAL_TO',
    'EXISTS',
    'NOT_EXISTS',
    'GREATER_THAN',
    'GREATER_THAN_EQUAL_TO',
    'LESS_THAN',
    'LESS_THAN_EQUAL_TO',
  ]),
  values: z.array(scalar),
});
export type Condition = z.infer<typeof condition>;

export const filter = condition.extend({ property: z.string().min(1) });
export type Filter = z.infer<typeof filter>;

export const filters = z
  .object({ and: z.array(filter).optional(), or: z.array(filter).optional() })
  .refine((f) => !(f.and && f.or), 'conditions take either "and" or "or", not both');
export type Filters = z.infer<typeof filters>;

export const getRequest = z.object({ key: z.string(), options: getOptions });
export const setRequest = z.object({ key: z.string(), value: z.unknown(), options: setOptions });
export const deleteRequest = z.object({ key: z.string() });

export const entityGetRequest = getRequest.extend({ entityName: z.string() });
export const entitySetRequest = setRequest.extend({ entityName: z.string() });
export const entityDeleteRequest = deleteRequest.extend({ entityName: z.string() });

export const queryRequest = z.object({
  limit: z.number().int().positive().optional(),
  after: z.string().optional(),
  where: z
    .array(filter.extend({ property: z.literal('key'), condition: z.literal('BEGINS_WITH') }))
    .optional(),
  options: getOptions,
});

export const entityQueryRequest = z.object({
  entityName: z.string(),
  indexName: z.string(),
  partition: z.array(scalar).optional(),
  range: condition.optional(),
  filters: filters.optional(),
  sort: z.enum(['ASC', 'DESC']).optional(),
  cursor: z.string().optional(),
  limit: z.number().int().positive().optional(),
  options: getOptions,
});
export type EntityQueryRequest = z.infer<typeof entityQueryRequest>;

const transactionSet = z.object({
  key: z.string(),
  value: z.unknown(),
  entityName: z.string().optional(),
  conditions: filters.optional(),
  options: setOptions,
});
const transactionDelete = z.object({
  key: z.string(),
  entityName: z.string().optional(),
  conditions: filters.optional(),
});
const transactionCheck = z.object({ key: z.string(), entityName: z.string(), conditions: filters });
export const transactionRequest = z.object({
  set: z.array(transactionSet).optional(),
  delete: z.array(transactionDelete).optional(),
  check: z.array(transactionCheck).optional(),
});
export type TransactionRequest = z.infer<typeof transactionRequest>;

export const batchSetRequest = z.array(
  z.object({ key: z.string(), value: z.unknown(), entityName: z.string().optional(), options: setOptions }),
);
export const batchGetRequest = z.array(
  z.object({ key: z.string(), entityName: z.string().optional(), options: getOptions }),
);
export const batchDeleteRequest = z.array(z.object({ key: z.string(), entityName: z.string().optional() }));
