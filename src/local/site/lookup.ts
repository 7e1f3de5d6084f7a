// Lookup maps over a SiteState, cached per state and rebuilt when its arrays grow.
// Ids and keys never change once handed out, so "grew" is the only invalidation needed.

import type {
  SiteField,
  SiteIssue,
  SiteIssueType,
  SiteNamedThing,
  SiteProject,
  SiteState,
  SiteStatus,
  SiteUser,
} from './model';
import { APP_ACCOUNT } from './types';

interface IssueMaps {
  count: number;
  byKey: Map<string, SiteIssue>;
  byId: Map<string, SiteIssue>;
}

interface MetaMaps {
  sizes: number[];
  projectsByKey: Map<string, SiteProject>;
  projectsById: Map<string, SiteProject>;
  issueTypesById: Map<string, SiteIssueType>;
  statusesById: Map<string, SiteStatus>;
  resolutionsById: Map<string, SiteNamedThing>;
  prioritiesById: Map<string, SiteNamedThing>;
  fieldsById: Map<string, SiteField>;
  usersById: Map<string, SiteUser>;
}

const issueCache = new WeakMap<SiteState, IssueMaps>();
const metaCache = new WeakMap<SiteState, MetaMaps>();

function issueMaps(state: SiteState): IssueMaps {
  let maps = issueCache.get(state);
  if (!maps || maps.count !== state.issues.length) {
    maps = { count: state.issues.length, byKey: new Map(), byId: new Map() };
    for (const issue of state.issues) {
      maps.byKey.set(issue.key, issue);
      maps.byId.set(issue.id, issue);
    }
    issueCache.set(state, maps);
  }
  return maps;
}

function sameSizes(state: SiteState, sizes: number[]): boolean {
  return (
    sizes[0] === state.projects.length &&
    sizes[1] === state.issueTypes.length &&
    sizes[2] === state.statuses.length &&
    sizes[3] === state.resolutions.length &&
    sizes[4] === state.priorities.length &&
    sizes[5] === state.fields.length &&
    sizes[6] === state.users.length
  );
}

function metaMaps(state: SiteState): MetaMaps {
  let maps = metaCache.get(state);
  if (!maps || !sameSizes(state, maps.sizes)) {
    const sizes = [
      state.projects.length,
      state.issueTypes.length,
      state.statuses.length,
      state.resolutions.length,
      state.priorities.length,
      state.fields.length,
      state.users.length,
    ];
    maps = {
      sizes,
      projectsByKey: new Map(state.projects.map((p) => [p.key, p])),
      projectsById: new Map(state.projects.map((p) => [p.id, p])),
      issueTypesById: new Map(state.issueTypes.map((t) => [t.id, t])),
      statusesById: new Map(state.statuses.map((s) => [s.id, s])),
      resolutionsById: new Map(state.resolutions.map((r) => [r.id, r])),
      prioritiesById: new Map(state.priorities.map((p) => [p.id, p])),
      fieldsById: new Map(state.fields.map((f) => [f.id, f])),
      usersById: new Map(state.users.map((u) => [u.accountId, u])),
    };
    metaCache.set(state, maps);
  }
  return maps;
}

/** An issue by key (case-insensitive) or numeric id. */
export function findIssue(state: SiteState, idOrKey: string): SiteIssue | undefined {
  const maps = issueMaps(state);
  return /^\d+$/.test(idOrKey) ? maps.byId.get(idOrKey) : maps.byKey.get(idOrKey.toUpperCase());
}

export function issueById(state: SiteState, id: string): SiteIssue | undefined {
  return issueMaps(state).byId.get(id);
}

export function findProject(state: SiteState, idOrKey: string): SiteProject | undefined {
  const maps = metaMaps(state);
  return maps.projectsById.get(idOrKey) ?? maps.projectsByKey.get(idOrKey.toUpperCase());
}

export function projectById(state: SiteState, id: string): SiteProject {
  const project = metaMaps(state).projectsById.get(id);
  if (!project) throw new Error(`Site data is inconsistent: no project ${id}`);
  return project;
}

export function issueTypeById(state: SiteState, id: string): SiteIssueType {
  const type = metaMaps(state).issueTypesById.get(id);
  if (!type) throw new Error(`Site data is inconsistent: no issue type ${id}`);
  return type;
}

export function statusById(state: SiteState, id: string): SiteStatus {
  const status = metaMaps(state).statusesById.get(id);
  if (!status) throw new Error(`Site data is inconsistent: no status ${id}`);
  return status;
}

export function resolutionById(state: SiteState, id: string): SiteNamedThing | undefined {
  return metaMaps(state).resolutionsById.get(id);
}

export function priorityById(state: SiteState, id: string): SiteNamedThing | undefined {
  return metaMaps(state).prioritiesById.get(id);
}

export function fieldById(state: SiteState, id: string): SiteField | undefined {
  return metaMaps(state).fieldsById.get(id);
}

/** A user by accountId; 'app' is the app's own account. */
export function findUser(state: SiteState, accountId: string): SiteUser | undefined {
  if (accountId === APP_ACCOUNT || accountId === state.appUser.accountId) return state.appUser;
  return metaMaps(state).usersById.get(accountId);
}

export function byName<T extends { name: string }>(items: readonly T[], name: string): T | undefined {
  const wanted = name.toLowerCase();
  return items.find((item) => item.name.toLowerCase() === wanted);
}
