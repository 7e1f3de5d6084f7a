/**
 * The Jira REST client: one object over one injected HttpFetch. Each call is small, sends
 * exactly one documented endpoint and validates what comes back.
 */
import { z } from 'zod';
import { jiraPath, withQuery } from './path';
import {
  CreatedIssueSchema,
  EntityPropertySchema,
  FieldSchema,
  IssueSchema,
  IssueTypeSchema,
  PermissionsSchema,
  ProjectSchema,
  RemoteLinkIdSchema,
  RemoteLinkSchema,
  TransitionsSchema,
  UserSchema,
  type ChangeHistory,
  type CreatedIssue,
  type JiraField,
  type IssueWire,
  type IssueTypeWire,
  type JiraProject,
  type JiraTransition,
  type UserWire,
  type RemoteLink,
  type SearchPage,
} from './schemas';
import {
  DEFAULT_CHANGELOG_FIELDS,
  bulkFetchChangelogs,
  exportSearch,
  exportSearchPages,
  searchPages,
  type ExportRequest,
  type SearchRequest,
} from './search';
import { createTransport, shapeError, type TransportOptions } from '../http';
import { projectMetaReaderOn, type ProjectMetaReader } from './project-meta';

/** The transport's options; the product is always Jira. */
export type JiraClientOptions = Omit<TransportOptions, 'product'>;

/** Body of create/edit/transition: `fields` to set, `update` operations (add/remove/set). */
export interface IssueChange {
  fields?: Record<string, unknown>;
  update?: Record<string, unknown[]>;
}

export interface RemoteLinkInput {
  /** Makes create an upsert: Jira updates the link that has the same globalId. */
  globalId?: string;
  relationship?: string;
  object: {
    url: string;
    title: string;
    summary?: string;
    icon?: { url16x16?: string; title?: string };
    status?: { resolved?: boolean };
  };
}

export interface CustomFieldInput {
  name: string;
  /** E.g. `com.atlassian.jira.plugin.system.customfieldtypes:datepicker`. */
  type: string;
  searcherKey?: string;
  description?: string;
}

export interface IssueTypeInput {
  name: string;
  description?: string;
  /** 0 = standard, -1 = subtask (Jira's IssueTypeCreateBean). */
  hierarchyLevel?: number;
}

export interface JiraClient {
  /** Requests sent so far, retries included. */
  readonly requestCount: number;
  searchJql(request: SearchRequest): AsyncGenerator<SearchPage>;
  /** Every page collected into one list; `names` merged across pages. */
  searchAll(request: SearchRequest): Promise<{ issues: IssueWire[]; names: Record<string, string> }>;
  getFields(): Promise<JiraField[]>;
  bulkFetchChangelogs(
    issueIdsOrKeys: readonly string[],
    fieldIds?: readonly string[],
  ): Promise<Map<string, ChangeHistory[]>>;
  exportSearch(request: ExportRequest): Promise<SearchPage[]>;
  /** The same export a page at a time, each page yielded once its changelogs are complete. */
  exportSearchPages(request: ExportRequest): AsyncIterable<SearchPage>;
  getIssue(
    issueIdOrKey: string,
    options?: { fields?: readonly string[]; expand?: readonly string[] },
  ): Promise<IssueWire>;
  createIssue(change: IssueChange): Promise<CreatedIssue>;
  editIssue(issueIdOrKey: string, change: IssueChange, options?: { notifyUsers?: boolean }): Promise<void>;
  getTransitions(issueIdOrKey: string): Promise<JiraTransition[]>;
  transitionIssue(issueIdOrKey: string, transitionId: string, change?: IssueChange): Promise<void>;
  /** `undefined` when the issue has no such property (Jira answers 404). */
  getIssueProperty(issueIdOrKey: string, propertyKey: string): Promise<unknown>;
  setIssueProperty(issueIdOrKey: string, propertyKey: string, value: unknown): Promise<void>;
  getRemoteLinks(issueIdOrKey: string, globalId?: string): Promise<RemoteLink[]>;
  createRemoteLink(issueIdOrKey: string, link: RemoteLinkInput): Promise<{ id: number }>;
  updateRemoteLink(issueIdOrKey: string, linkId: number, link: RemoteLinkInput): Promise<void>;
  /** Whether the current identity holds each permission (in the project/issue when given). */
  myPermissions(query: {
    permissions: readonly string[];
    projectKey?: string;
    issueKey?: string;
  }): Promise<Record<string, boolean>>;
  myself(): Promise<UserWire>;
  /** Active users matching a name or email prefix (`GET /rest/api/3/user/search`). */
  searchUsers(query: string, maxResults?: number): Promise<UserWire[]>;
  /**
   * The users of these account ids that the identity may see (`GET /rest/api/3/user/bulk`, a few
   * ids a request); ids Jira does not answer for are left out.
   */
  usersByAccountId(accountIds: readonly string[]): Promise<UserWire[]>;
  getIssueTypes(): Promise<IssueTypeWire[]>;
  createIssueType(input: IssueTypeInput): Promise<IssueTypeWire>;
  createCustomField(input: CustomFieldInput): Promise<JiraField>;
  getProject(projectIdOrKey: string): Promise<JiraProject>;
  /**
   * Every project the identity can see (`GET /rest/api/3/project/search`, all pages); with `keys`
   * (at most 50) only those of them it may browse.
   */
  searchProjects(keys?: readonly string[]): Promise<JiraProject[]>;
  /** A project's createmeta: its usable issue types and their create-screen fields (cached per client). */
  projectMeta: ProjectMetaReader;
}

const ProjectPageSchema = z.looseObject({ values: z.array(ProjectSchema), isLast: z.boolean().optional() });

/** Ids per bulk user request: one page holds them all (maxResults = the ids asked). */
const USERS_A_REQUEST = 50;
const UserPageSchema = z.looseObject({ values: z.array(UserSchema).default([]) });

const RemoteLinksSchema = z.union([z.array(RemoteLinkSchema), RemoteLinkSchema.transform((link) => [link])]);

export function createJiraClient(options: JiraClientOptions): JiraClient {
  const t = createTransport({ ...options, product: 'jira' });
  const projectMeta = projectMetaReaderOn(t);

  return {
    projectMeta,
    get requestCount() {
      return t.requestCount;
    },

    searchJql: (request) => searchPages(t, request),

    async searchAll(request) {
      const issues: IssueWire[] = [];
      const names: Record<string, string> = {};
      for await (const page of searchPages(t, request)) {
        issues.push(...page.issues);
        Object.assign(names, page.names ?? {});
      }
      return { issues, names };
    },

    getFields: () => t.json('GET', '/rest/api/3/field', z.array(FieldSchema)),

    bulkFetchChangelogs: (ids, fieldIds = DEFAULT_CHANGELOG_FIELDS) => bulkFetchChangelogs(t, ids, fieldIds),

    exportSearch: (request) => exportSearch(t, request),
    exportSearchPages: (request) => exportSearchPages(t, request),

    getIssue: (key, opts = {}) =>
      t.json(
        'GET',
        withQuery(jiraPath`/rest/api/3/issue/${key}`, { fields: opts.fields, expand: opts.expand }),
        IssueSchema,
      ),

    createIssue: (change) =>
      t.json('POST', '/rest/api/3/issue', CreatedIssueSchema, { body: change, idempotent: false }),

    async editIssue(key, change, opts = {}) {
      await t.request(
        'PUT',
        withQuery(jiraPath`/rest/api/3/issue/${key}`, { notifyUsers: opts.notifyUsers }),
        {
          body: change,
        },
      );
    },

    async getTransitions(key) {
      return (await t.json('GET', jiraPath`/rest/api/3/issue/${key}/transitions`, TransitionsSchema))
        .transitions;
    },

    async transitionIssue(key, transitionId, change = {}) {
      // Not idempotent: the second send would try the transition from the new status.
      await t.request('POST', jiraPath`/rest/api/3/issue/${key}/transitions`, {
        body: { transition: { id: transitionId }, ...change },
        idempotent: false,
      });
    },

    async getIssueProperty(key, propertyKey) {
      const path = jiraPath`/rest/api/3/issue/${key}/properties/${propertyKey}`;
      const { status, body } = await t.request('GET', path, { accept: [404] });
      if (status === 404) return undefined;
      const parsed = EntityPropertySchema.safeParse(body);
      if (!parsed.success) throw shapeError('jira', 'GET', path, parsed.error);
      return parsed.data.value;
    },

    async setIssueProperty(key, propertyKey, value) {
      await t.request('PUT', jiraPath`/rest/api/3/issue/${key}/properties/${propertyKey}`, {
        body: value ?? null,
      });
    },

    getRemoteLinks: (key, globalId) =>
      t.json(
        'GET',
        withQuery(jiraPath`/rest/api/3/issue/${key}/remotelink`, { globalId }),
        RemoteLinksSchema,
      ),

    async createRemoteLink(key, link) {
      const { id } = await t.json('POST', jiraPath`/rest/api/3/issue/${key}/remotelink`, RemoteLinkIdSchema, {
        body: link,
        idempotent: link.globalId !== undefined,
      });
      return { id };
    },

    async updateRemoteLink(key, linkId, link) {
      await t.request('PUT', jiraPath`/rest/api/3/issue/${key}/remotelink/${linkId}`, { body: link });
    },

    async myPermissions(query) {
      if (query.permissions.length === 0) throw new Error('myPermissions needs at least one permission key');
      const path = withQuery('/rest/api/3/mypermissions', {
        permissions: query.permissions,
        projectKey: query.projectKey,
        issueKey: query.issueKey,
      });
      const { permissions } = await t.json('GET', path, PermissionsSchema);
      return Object.fromEntries(
        query.permissions.map((key) => [key, permissions[key]?.havePermission === true]),
      );
    },

    myself: () => t.json('GET', '/rest/api/3/myself', UserSchema),

    searchUsers: (query, maxResults = 20) =>
      t.json('GET', withQuery('/rest/api/3/user/search', { query, maxResults }), z.array(UserSchema)),

    async usersByAccountId(accountIds) {
      const out: UserWire[] = [];
      const ids = [...new Set(accountIds)];
      for (let i = 0; i < ids.length; i += USERS_A_REQUEST) {
        const chunk = ids.slice(i, i + USERS_A_REQUEST);
        // `accountId` repeats once per id (the spec's example), unlike the comma lists of withQuery.
        const query = new URLSearchParams([
          ...chunk.map((id): [string, string] => ['accountId', id]),
          ['maxResults', String(USERS_A_REQUEST)],
        ]);
        const page = await t.json('GET', `/rest/api/3/user/bulk?${query.toString()}`, UserPageSchema);
        out.push(...page.values);
      }
      return out;
    },

    getIssueTypes: () => t.json('GET', '/rest/api/3/issuetype', z.array(IssueTypeSchema)),

    createIssueType: (input) =>
      t.json('POST', '/rest/api/3/issuetype', IssueTypeSchema, { body: input, idempotent: false }),

    createCustomField: (input) =>
      t.json('POST', '/rest/api/3/field', FieldSchema, { body: input, idempotent: false }),

    getProject: (key) => t.json('GET', jiraPath`/rest/api/3/project/${key}`, ProjectSchema),

    async searchProjects(keys) {
      // `keys` repeats (keys=PA&keys=PB), as the API reference says; `action=browse`: the permission a search needs.
      const only = keys === undefined ? '' : keys.map((k) => `&keys=${encodeURIComponent(k)}`).join('');
      const action = keys === undefined ? undefined : 'browse';
      const projects: JiraProject[] = [];
      for (let startAt = 0; ;) {
        const page = await t.json(
          'GET',
          withQuery('/rest/api/3/project/search', { startAt, maxResults: 100, action }) + only,
          ProjectPageSchema,
        );
        projects.push(...page.values);
        startAt += page.values.length;
        if (page.isLast !== false || page.values.length === 0) return projects;
      }
    },
  };
}

/**
 * Finds field ids by display name, case-insensitively, as data-model.md asks. A name shared by
 * several fields maps to all of them; a name with no field is left out.
 */
export function fieldIdsByName(
  fields: readonly JiraField[],
  names: readonly string[],
): Map<string, string[]> {
  const wanted = new Map(names.map((name) => [name.trim().toLowerCase(), name]));
  const result = new Map<string, string[]>();
  for (const field of fields) {
    const name = wanted.get(field.name.trim().toLowerCase());
    if (name !== undefined) result.set(name, [...(result.get(name) ?? []), field.id]);
  }
  return result;
}
