// The app's Custom Entity Store declarations, read from manifest.yml for the local store.
import { z } from 'zod';
import type { EntityDefinition } from './kvs-rules';

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
