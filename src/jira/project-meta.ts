/**
 * A project's configuration as Jira's REST API shows it. `createProjectMetaReader` reads createmeta
 * (the issue types a create may use in a project, and each type's create-screen fields), cached
 * for the life of the reader: one reader per resolver call. The scheme and screen calls are what
 * an administrator's provisioning changes (company-managed projects only).
 */
import { z } from 'zod';
import type { ProjectMeta } from '../domain/project-setup';
import { createTransport, type HttpFetch, type Transport } from '../http';
import { jiraPath, withQuery } from './path';

const MetaType = z.looseObject({
  id: z.string(),
  name: z.string(),
  hierarchyLevel: z.number().optional(),
  subtask: z.boolean().optional(),
});
const MetaTypes = z.looseObject({ issueTypes: z.array(MetaType).default([]) });
const MetaField = z.looseObject({
  fieldId: z.string(),
  name: z.string(),
  allowedValues: z.array(z.unknown()).optional(),
});
export type CreateMetaField = z.output<typeof MetaField>;
const MetaFields = z.looseObject({ fields: z.array(MetaField).default([]), total: z.number().optional() });
const Project = z.looseObject({
  id: z.string(),
  key: z.string(),
  name: z.string(),
  style: z.string().optional(),
});

export interface ProjectMetaReader {
  /** The project's usable types and, for each, the fields of its create screen. */
  project(projectKey: string): Promise<ProjectMeta & { id: string }>;
  /** The create-screen fields of one type (with allowed values). */
  fields(projectKey: string, issueTypeId: string): Promise<CreateMetaField[]>;
}

export function createProjectMetaReader(fetch: HttpFetch): ProjectMetaReader {
  return projectMetaReaderOn(createTransport({ fetch }));
}

/** A reader on a client's own transport (its retries and limits). */
export function projectMetaReaderOn(t: Transport): ProjectMetaReader {
  const fieldCache = new Map<string, Promise<CreateMetaField[]>>();
  const projectCache = new Map<string, Promise<ProjectMeta & { id: string }>>();

  function fields(projectKey: string, issueTypeId: string): Promise<CreateMetaField[]> {
    const key = `${projectKey}/${issueTypeId}`;
    let found = fieldCache.get(key);
    if (!found) {
      found = t
        .json(
          'GET',
          withQuery(jiraPath`/rest/api/3/issue/createmeta/${projectKey}/issuetypes/${issueTypeId}`, {
            maxResults: 200,
          }),
          MetaFields,
        )
        .then((page) => page.fields);
      fieldCache.set(key, found);
    }
    return found;
  }

  async function load(projectKey: string): Promise<ProjectMeta & { id: string }> {
    const [project, page] = await Promise.all([
      t.json('GET', jiraPath`/rest/api/3/project/${projectKey}`, Project),
      t.json(
        'GET',
        withQuery(jiraPath`/rest/api/3/issue/createmeta/${projectKey}/issuetypes`, { maxResults: 200 }),
        MetaTypes,
      ),
    ]);
    const types = page.issueTypes.map((x) => ({
      id: x.id,
      name: x.name,
      hierarchyLevel: x.hierarchyLevel ?? 0,
      subtask: x.subtask ?? false,
    }));
    const perType = await Promise.all(types.map((x) => fields(project.key, x.id)));
    return {
      id: project.id,
      key: project.key,
      name: project.name,
      style: project.style === 'next-gen' ? 'team' : 'company',
      types,
      fieldIds: Object.fromEntries(types.map((x, i) => [x.id, perType[i].map((f) => f.fieldId)])),
    };
  }

  return {
    project(projectKey) {
      const key = projectKey.toUpperCase();
      let found = projectCache.get(key);
      if (!found) {
        found = load(key);
        projectCache.set(key, found);
      }
      return found;
    },
    fields,
  };
}

// ---- company-managed schemes and screens (Administer Jira) ------------------------------------

const PageOf = <T extends z.ZodType>(item: T) => z.looseObject({ values: z.array(item).default([]) });
const SchemeProjects = PageOf(
  z.looseObject({
    issueTypeScheme: z.looseObject({ id: z.string(), name: z.string() }),
    projectIds: z.array(z.string()),
  }),
);
const ScreenSchemeProjects = PageOf(
  z.looseObject({
    issueTypeScreenScheme: z.looseObject({ id: z.string(), name: z.string() }),
    projectIds: z.array(z.string()),
  }),
);
const ScreenSchemeMapping = PageOf(z.looseObject({ issueTypeId: z.string(), screenSchemeId: z.string() }));
const ScreenSchemes = PageOf(
  z.looseObject({
    id: z.number(),
    name: z.string(),
    screens: z.looseObject({
      default: z.number(),
      create: z.number().optional(),
      edit: z.number().optional(),
    }),
  }),
);
const Tabs = z.array(z.looseObject({ id: z.number(), name: z.string() }));
const TabFields = z.array(z.looseObject({ id: z.string(), name: z.string() }));

export interface ScreenRef {
  screenId: string;
  tabId: string;
  /** Fields on the whole screen (every tab). */
  fieldIds: Set<string>;
}

export interface ProjectSchemes {
  issueTypeScheme: { id: string; name: string };
  /** Per issue type id, the distinct create and edit screens its issues use. */
  screensOf(issueTypeId: string): Promise<ScreenRef[]>;
}

/** A company-managed project's issue type scheme and its screens, as an administrator reads them. */
export async function readProjectSchemes(fetch: HttpFetch, projectId: string): Promise<ProjectSchemes> {
  const t = createTransport({ fetch });
  const [schemes, itss] = await Promise.all([
    t.json('GET', withQuery('/rest/api/3/issuetypescheme/project', { projectId }), SchemeProjects),
    t.json(
      'GET',
      withQuery('/rest/api/3/issuetypescreenscheme/project', { projectId }),
      ScreenSchemeProjects,
    ),
  ]);
  const scheme = schemes.values[0]?.issueTypeScheme;
  const screenScheme = itss.values[0]?.issueTypeScreenScheme;
  if (!scheme || !screenScheme)
    throw new Error(`project ${projectId} has no issue type scheme or screen scheme`);
  const mapping = await t.json(
    'GET',
    withQuery('/rest/api/3/issuetypescreenscheme/mapping', {
      issueTypeScreenSchemeId: screenScheme.id,
      maxResults: 100,
    }),
    ScreenSchemeMapping,
  );
  const screens = new Map<string, Promise<ScreenRef>>();
  const screen = (screenId: string) => {
    let found = screens.get(screenId);
    if (!found) {
      found = (async () => {
        const tabs = await t.json('GET', jiraPath`/rest/api/3/screens/${screenId}/tabs`, Tabs);
        if (tabs.length === 0) throw new Error(`screen ${screenId} has no tab to add fields to`);
        const perTab = await Promise.all(
          tabs.map((tab) =>
            t.json('GET', jiraPath`/rest/api/3/screens/${screenId}/tabs/${String(tab.id)}/fields`, TabFields),
          ),
        );
        return { screenId, tabId: String(tabs[0].id), fieldIds: new Set(perTab.flat().map((f) => f.id)) };
      })();
      screens.set(screenId, found);
    }
    return found;
  };
  return {
    issueTypeScheme: scheme,
    async screensOf(issueTypeId) {
      const schemeId =
        mapping.values.find((m) => m.issueTypeId === issueTypeId)?.screenSchemeId ??
        mapping.values.find((m) => m.issueTypeId === 'default')?.screenSchemeId;
      if (!schemeId) throw new Error(`no screen scheme maps issue type ${issueTypeId}`);
      const page = await t.json(
        'GET',
        withQuery('/rest/api/3/screenscheme', { id: schemeId }),
        ScreenSchemes,
      );
      const s = page.values[0];
      if (!s) throw new Error(`screen scheme ${schemeId} was not found`);
      const ids = [...new Set([s.screens.create ?? s.screens.default, s.screens.edit ?? s.screens.default])];
      return Promise.all(ids.map((id) => screen(String(id))));
    },
  };
}

export async function addIssueTypesToScheme(
  fetch: HttpFetch,
  schemeId: string,
  typeIds: string[],
): Promise<void> {
  await createTransport({ fetch }).request(
    'PUT',
    jiraPath`/rest/api/3/issuetypescheme/${schemeId}/issuetype`,
    {
      body: { issueTypeIds: typeIds },
      idempotent: false,
    },
  );
}

export async function addFieldToScreen(fetch: HttpFetch, screen: ScreenRef, fieldId: string): Promise<void> {
  await createTransport({ fetch }).request(
    'POST',
    jiraPath`/rest/api/3/screens/${screen.screenId}/tabs/${screen.tabId}/fields`,
    { body: { fieldId }, idempotent: false },
  );
  screen.fieldIds.add(fieldId);
}
