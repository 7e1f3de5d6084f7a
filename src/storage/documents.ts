// What the document macros keep in app storage: the team's playbook templates (validated when they
// are read, so one that no longer validates is refused with the reason) and the page each document
// was last published to (so publishing again updates that page).
import { z } from 'zod';
import { storageKey, type TypedStore } from './store';

const TEAM_TEMPLATES_KEY = 'playbooks:templates';
/** Templates as the team saved them; the domain's library validates each one. */
const TeamTemplates = z.array(z.unknown());

export const readTeamTemplates = async (store: TypedStore): Promise<unknown[]> =>
  (await store.get(TEAM_TEMPLATES_KEY, TeamTemplates)) ?? [];

export const writeTeamTemplates = (store: TypedStore, templates: unknown[]) =>
  store.set(TEAM_TEMPLATES_KEY, TeamTemplates, templates);

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
