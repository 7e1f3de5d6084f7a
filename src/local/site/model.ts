// The data of the emulated Jira + Confluence site. Plain JSON-compatible objects, so a site
// can be compared, copied or written to disk; lookups go through `siteIndex` (index.ts).
// Issue histories and change items are kept in Jira's own JSON shape so search and
// bulkfetch answers share them without copying.

export type StatusCategoryKey = 'new' | 'indeterminate' | 'done';

export type ProjectPermissionKey =
  | 'BROWSE_PROJECTS'
  | 'CREATE_ISSUES'
  | 'EDIT_ISSUES'
  | 'TRANSITION_ISSUES'
  | 'ASSIGN_ISSUES'
  | 'RESOLVE_ISSUES'
  | 'ADD_COMMENTS'
  | 'LINK_ISSUES'
  | 'ADMINISTER_PROJECTS';

export type GlobalPermissionKey = 'ADMINISTER' | 'SYSTEM_ADMIN' | 'USER_PICKER' | 'CREATE_SHARED_OBJECTS';

export interface UserDetailsJson {
  self: string;
  accountId: string;
  emailAddress?: string;
  avatarUrls: Record<'16x16' | '24x24' | '32x32' | '48x48', string>;
  displayName: string;
  active: boolean;
  timeZone: string;
  accountType: 'atlassian' | 'app';
}

export interface SiteUser {
  accountId: string;
  displayName: string;
  emailAddress: string;
  accountType: 'atlassian' | 'app';
  active: boolean;
  /** IANA name, reported to clients. */
  timeZone: string;
  /** Fixed UTC offset in minutes used to write this user's timestamps (e.g. -480 for -0800). */
  utcOffsetMinutes: number;
  locale: string;
  groups: string[];
  /** The Jira JSON shape, shared by every history and field that names this user. */
  json: UserDetailsJson;
}

export interface SiteGroup {
  groupId: string;
  name: string;
}

/** Who holds a permission: a group by name, a user by accountId, or the app. */
export type PermissionHolder = { group: string } | { accountId: string } | { app: true };

export interface SiteProject {
  id: string;
  key: string;
  name: string;
  description: string;
  leadAccountId: string;
  projectTypeKey: 'software' | 'business';
  permissions: Record<ProjectPermissionKey, PermissionHolder[]>;
}

export interface SiteIssueType {
  id: string;
  name: string;
  description: string;
  hierarchyLevel: number;
  subtask: boolean;
  avatarId: number;
  /** Statuses an issue of this type can be in, first is the initial status. */
  workflow: string[];
}

export interface SiteStatus {
  id: string;
  name: string;
  description: string;
  category: StatusCategoryKey;
  /** The resolution a transition into this (done) status sets when none is given, by name. */
  resolution?: string;
}

export interface SiteNamedThing {
  id: string;
  name: string;
  description: string;
}

export interface SiteFieldOption {
  id: string;
  value: string;
  disabled: boolean;
}

export interface SiteFieldContext {
  id: string;
  name: string;
  description: string;
  isGlobalContext: boolean;
  isAnyIssueType: boolean;
  options: SiteFieldOption[];
}

export type CustomFieldKind = 'select' | 'date' | 'number' | 'text' | 'datetime' | 'labels';

export interface FieldSchemaJson {
  type: string;
  items?: string;
  system?: string;
  custom?: string;
  customId?: number;
}

export interface SiteField {
  id: string;
  key: string;
  name: string;
  description?: string;
  custom: boolean;
  orderable: boolean;
  navigable: boolean;
  searchable: boolean;
  clauseNames: string[];
  schema?: FieldSchemaJson;
  /** For custom fields: how values are stored, validated and written to the changelog. */
  kind?: CustomFieldKind;
  contexts?: SiteFieldContext[];
}

export interface ChangeItemJson {
  field: string;
  fieldtype: 'jira' | 'custom';
  fieldId?: string;
  from: string | null;
  fromString: string | null;
  to: string | null;
  toString: string | null;
}

export interface HistoryJson {
  id: string;
  author?: UserDetailsJson;
  created: string;
  items: ChangeItemJson[];
}

export interface SiteIssueLink {
  id: string;
  typeId: string;
  /** The issue this link points to (this issue is the inward side, e.g. "is blocked by"). */
  outwardIssueId: string;
}

export interface SiteIssueLinkType {
  id: string;
  name: string;
  inward: string;
  outward: string;
}

export interface SiteRemoteLink {
  id: number;
  globalId?: string;
  application?: { type?: string; name?: string };
  relationship?: string;
  object: {
    url: string;
    title: string;
    summary?: string;
    icon?: { url16x16?: string; title?: string };
    status?: { resolved?: boolean; icon?: { url16x16?: string; title?: string; link?: string } };
  };
}

export interface SiteIssue {
  id: string;
  key: string;
  projectId: string;
  issueTypeId: string;
  statusId: string;
  priorityId: string | null;
  resolutionId: string | null;
  assigneeId: string | null;
  reporterId: string | null;
  creatorId: string | null;
  parentId: string | null;
  summary: string;
  /** ADF document or null. */
  description: unknown;
  created: string;
  updated: string;
  resolutiondate: string | null;
  statuscategorychangedate: string;
  duedate: string | null;
  labels: string[];
  timeoriginalestimate: number | null;
  timeestimate: number | null;
  timespent: number | null;
  /** customfield_NNNNN → the value in Jira's JSON shape. Absent or null = empty. */
  custom: Record<string, unknown>;
  links: SiteIssueLink[];
  /** Oldest first. */
  histories: HistoryJson[];
  properties: Record<string, unknown>;
  remoteLinks: SiteRemoteLink[];
}

export interface ConfluenceSpace {
  id: string;
  key: string;
  name: string;
  type: 'global' | 'collaboration' | 'knowledge_base' | 'personal';
  authorId: string;
  createdAt: string;
  homepageId: string;
  /** Groups (or 'app') that may read / write pages. */
  viewGroups: string[];
  editGroups: string[];
}

export interface ConfluencePageVersion {
  number: number;
  message: string;
  minorEdit: boolean;
  authorId: string;
  createdAt: string;
}

export interface ConfluencePage {
  id: string;
  spaceId: string;
  parentId: string | null;
  title: string;
  status: 'current' | 'draft' | 'trashed';
  authorId: string;
  ownerId: string;
  createdAt: string;
  position: number;
  version: ConfluencePageVersion;
  /** Either an ADF document (atlas_doc_format) or storage-format XHTML. */
  body: { representation: 'atlas_doc_format'; value: unknown } | { representation: 'storage'; value: string };
}

export interface SiteState {
  /** e.g. https://runway-demo.atlassian.net */
  baseUrl: string;
  cloudId: string;
  users: SiteUser[];
  /** The identity of `asApp()` calls. */
  appUser: SiteUser;
  groups: SiteGroup[];
  /** Groups whose members hold global permissions. */
  globalPermissions: Record<GlobalPermissionKey, string[]>;
  /** API token → accountId, for basic auth on the HTTP server. */
  apiTokens: Record<string, string>;
  projects: SiteProject[];
  issueTypes: SiteIssueType[];
  statuses: SiteStatus[];
  resolutions: SiteNamedThing[];
  priorities: SiteNamedThing[];
  fields: SiteField[];
  issueLinkTypes: SiteIssueLinkType[];
  issues: SiteIssue[];
  confluence: { spaces: ConfluenceSpace[]; pages: ConfluencePage[] };
  /** Next ids; every id the site hands out comes from here. */
  counters: {
    issueId: number;
    historyId: number;
    worklogId: number;
    fieldId: number;
    optionId: number;
    contextId: number;
    issueTypeId: number;
    remoteLinkId: number;
    issueLinkId: number;
    pageId: number;
    /** Per project key, the last issue number used. */
    issueNumber: Record<string, number>;
  };
  /** Epoch ms of the latest change on the site; new changes are never dated before it. */
  lastChangeMs: number;
  /** Jira's mail queue: what the notify API sent, oldest first (routes-notify.ts). */
  notifications?: SiteNotification[];
}

/** One email Jira queued through `POST /rest/api/3/issue/{issueIdOrKey}/notify`, per recipient. */
export interface SiteNotification {
  id: string;
  issueId: string;
  issueKey: string;
  /** Who called notify (`app` for the app). */
  from: string;
  to: string;
  subject: string;
  textBody: string;
  htmlBody: string;
  /** ISO instant. */
  sentAt: string;
}
