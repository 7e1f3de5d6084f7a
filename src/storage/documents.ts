// What the document macros keep in app storage: the team's playbook templates (validated when they
// are read, so one that no longer validates is refused with the reason) and the page each document
// was last published to (so publishing again updates that page).
import { z } from 'zod';
import { keyPart, storageKey, type TypedStore } from './store';

// Team templates are one record each (`playbooks:template:<id>`), listed by key prefix page by
// page (./store.ts follows the cursors), so no value grows with their number: Forge refuses a
// value over 240 KiB. Sites from before kept them all in one value (`playbooks:templates`): it is
// still read (its templates not yet saved one by one), and the next save moves them out.
const LEGACY_TEMPLATES_KEY = 'playbooks:templates';
const TEMPLATE_PREFIX = `${storageKey('playbooks', 'template')}:`;
/** Templates as the team saved them; the domain's library validates each one when it is read. */
const TeamTemplate = z.unknown();

const templateKey = (id: string) => `${TEMPLATE_PREFIX}${keyPart(id)}`;
/** The key of a template of the old value: by its id, or by its place when it has none (it is refused on reading). */
const legacyKey = (template: unknown, index: number) =>
  typeof template === 'object' && template !== null && 'id' in template && typeof template.id === 'string'
    ? templateKey(template.id)
    : `${TEMPLATE_PREFIX}${keyPart(`#unnamed-${index}`)}`;

/** The old single value, as a list whatever it holds (anything else is one template, refused when read). */
async function readLegacyTemplates(store: TypedStore): Promise<unknown[]> {
  const value = await store.get(LEGACY_TEMPLATES_KEY, z.unknown());
  if (value === undefined) return [];
  return Array.isArray(value) ? value : [value];
}

/** Every team template: the old value's that have no record of their own yet, then the records in key order. */
export async function readTeamTemplates(store: TypedStore): Promise<unknown[]> {
  const [records, legacy] = await Promise.all([
    store.list(TEMPLATE_PREFIX, TeamTemplate),
    readLegacyTemplates(store),
  ]);
  const own = new Set(records.map((r) => r.key));
  return [...legacy.filter((t, i) => !own.has(legacyKey(t, i))), ...records.map((r) => r.value)];
}

/** The team template with this id (its record, else its copy in the old value), or undefined. */
export async function readTeamTemplate(store: TypedStore, id: string): Promise<unknown> {
  const own = await store.get(templateKey(id), TeamTemplate);
  if (own !== undefined) return own;
  const legacy = await readLegacyTemplates(store);
  return legacy.find((t, i) => legacyKey(t, i) === templateKey(id));
}

/**
 * Moves the templates of the old single value into records of their own, then deletes it. A
 * record that exists is kept (it was saved since); re-running after a failure is safe.
 */
export async function migrateTeamTemplates(store: TypedStore): Promise<number> {
  const legacy = await readLegacyTemplates(store);
  if (legacy.length === 0) return 0;
  let moved = 0;
  for (const [i, template] of legacy.entries())
    if (await store.create(legacyKey(template, i), TeamTemplate, template)) moved++;
  await store.delete(LEGACY_TEMPLATES_KEY);
  return moved;
}

/** Adds or replaces (by id) one team template, in its own record. */
export async function writeTeamTemplate(store: TypedStore, id: string, template: unknown): Promise<void> {
  await migrateTeamTemplates(store);
  await store.set(templateKey(id), TeamTemplate, template);
}

/** Writes the old single value (tests of the migration only: Runway no longer writes it). */
export const writeLegacyTeamTemplates = (store: TypedStore, templates: unknown) =>
  store.set(LEGACY_TEMPLATES_KEY, z.unknown(), templates);

export const PublishedPage = z.object({ pageId: z.string().min(1) });
export type PublishedPage = z.infer<typeof PublishedPage>;

/** A document is published once per space: keyed by its remote-link global id and the space. */
const publishedKey = (globalId: string, spaceId: string) => storageKey('published', globalId, spaceId);

export const readPublishedPage = (store: TypedStore, globalId: string, spaceId: string) =>
  store.get(publishedKey(globalId, spaceId), PublishedPage);

export const writePublishedPage = (
  store: TypedStore,
  globalId: string,
  spaceId: string,
  page: PublishedPage,
) => store.set(publishedKey(globalId, spaceId), PublishedPage, page);

/** The pages a document was published to, one per space (the stage gates' handover criterion reads them). */
export const listPublishedPages = async (store: TypedStore, globalId: string): Promise<string[]> =>
  (await store.list(`${storageKey('published', globalId)}:`, PublishedPage)).map((r) => r.value.pageId);
