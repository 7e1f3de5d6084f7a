// The demo site's configuration: people, groups, projects with permission schemes, issue types
// with workflows, statuses, resolutions, priorities and fields (Runway's custom fields as
// customfield_100xx). Stable ids, so tests and saved links keep working across runs.

import type {
  PermissionHolder,
  ProjectPermissionKey,
  SiteField,
  SiteIssueType,
  SiteNamedThing,
  SiteProject,
  SiteState,
  SiteStatus,
  SiteUser,
  StatusCategoryKey,
} from '../site/model';
import { PROJECT_KEY_PATTERN } from '../../domain/issue-key';
import { newCustomField } from '../site/custom-fields';
import { avatarUrls } from '../site/render';

export const DEFAULT_BASE_URL = 'https://runway-demo.atlassian.net';

/** A person who can sign in to the local site (user switcher, `--email/--token`). */
export interface DemoLogin {
  accountId: string;
  displayName: string;
  email: string;
  token: string;
}

const accountId = (n: number) => `6130a1e5c0ffee0001${n.toString(16).padStart(6, '0')}`;

/** The three people of the user switcher. The viewer cannot browse the restricted project (ENT). */
export const DEMO_USERS = {
  admin: {
    accountId: accountId(1),
    displayName: 'Priya Shah',
    email: 'priya.shah@runway-demo.example',
    token: 'demo-admin-token',
  },
  consultant: {
    accountId: accountId(2),
    displayName: 'Marco Rossi',
    email: 'marco.rossi@runway-demo.example',
    token: 'demo-consultant-token',
  },
  viewer: {
    accountId: accountId(3),
    displayName: 'Jordan Lee',
    email: 'jordan.lee@runway-demo.example',
    token: 'demo-viewer-token',
  },
} as const satisfies Record<string, DemoLogin>;

export const APP_ACCOUNT_ID = accountId(0xa99);

export const GROUPS = {
  siteAdmins: 'site-admins',
  jiraAdmins: 'jira-admins',
  users: 'jira-software-users',
  consultants: 'runway-consultants',
  viewers: 'runway-viewers',
  leads: 'implementation-leads',
} as const;

const TIME_ZONES: Record<number, string> = {
  [-480]: 'America/Los_Angeles',
  [-360]: 'America/Chicago',
  [-300]: 'America/New_York',
  [-180]: 'America/Sao_Paulo',
  0: 'Europe/London',
  60: 'Europe/Berlin',
  180: 'Europe/Istanbul',
  330: 'Asia/Kolkata',
  480: 'Asia/Singapore',
  540: 'Asia/Tokyo',
};

/** The implementation team: assignees, reporters and authors of the demo histories. */
const TEAM: Array<[string, number]> = [
  ['Ada Ito', 540],
  ['Ben Okafor', 60],
  ['Chen Wu', 480],
  ['Dana Ruiz', -300],
  ['Eli Novak', 60],
  ['Fay Singh', 330],
  ['Gus Larsen', 60],
  ['Hana Kim', 540],
  ['Ivan Petrov', 180],
  ['Jade Moreau', 60],
  ['Kofi Mensah', 0],
  ['Lena Fischer', 60],
  ['Mia Lopez', -360],
  ['Noah Clark', -480],
  ['Olga Berg', 60],
  ['Pedro Alves', -180],
];

function makeUser(
  baseUrl: string,
  id: string,
  displayName: string,
  email: string,
  offset: number,
  groups: string[],
  app = false,
): SiteUser {
  const initials = displayName
    .split(/\s+/)
    .map((w) => w[0])
    .join('');
  return {
    accountId: id,
    displayName,
    emailAddress: email,
    accountType: app ? 'app' : 'atlassian',
    active: true,
    timeZone: TIME_ZONES[offset] ?? 'UTC',
    utcOffsetMinutes: offset,
    locale: 'en_US',
    groups,
    json: {
      self: `${baseUrl}/rest/api/3/user?accountId=${id}`,
      accountId: id,
      emailAddress: email,
      avatarUrls: avatarUrls(initials),
      displayName,
      active: true,
      timeZone: TIME_ZONES[offset] ?? 'UTC',
      accountType: app ? 'app' : 'atlassian',
    },
  };
}

function makeUsers(baseUrl: string): { users: SiteUser[]; app: SiteUser } {
  const { admin, consultant, viewer } = DEMO_USERS;
  const g = GROUPS;
  const users = [
    makeUser(baseUrl, admin.accountId, admin.displayName, admin.email, 0, [
      g.siteAdmins,
      g.jiraAdmins,
      g.users,
      g.consultants,
      g.leads,
    ]),
    makeUser(baseUrl, consultant.accountId, consultant.displayName, consultant.email, 60, [
      g.users,
      g.consultants,
      g.leads,
    ]),
    makeUser(baseUrl, viewer.accountId, viewer.displayName, viewer.email, -300, [g.users, g.viewers]),
    ...TEAM.map(([name, offset], i) =>
      makeUser(
        baseUrl,
        accountId(0x100 + i),
        name,
        `${name.toLowerCase().replace(/\s+/g, '.')}@runway-demo.example`,
        offset,
        i < 3 ? [g.users, g.consultants, g.leads] : [g.users, g.consultants],
      ),
    ),
  ];
  const app = makeUser(baseUrl, APP_ACCOUNT_ID, 'Runway', 'runway@connect.atlassian.com', 0, [], true);
  return { users, app };
}

/** Team members (not the three sign-in users) who run implementations in the demo. */
export function teamMembers(state: SiteState): SiteUser[] {
  const logins = new Set<string>(Object.values(DEMO_USERS).map((u) => u.accountId));
  return state.users.filter((u) => !logins.has(u.accountId));
}

// ---- statuses and issue types -----------------------------------------------------------------

const S = (
  id: string,
  name: string,
  category: StatusCategoryKey,
  description: string,
  resolution?: string,
): SiteStatus =>
  resolution ? { id, name, category, description, resolution } : { id, name, category, description };

export const STATUSES: SiteStatus[] = [
  S('1', 'To Do', 'new', 'Work that has not been started.'),
  S('3', 'In Progress', 'indeterminate', 'Work that is being done.'),
  S('10000', 'In Review', 'indeterminate', 'Waiting for review or approval.'),
  S('10001', 'Done', 'done', 'Work that is complete.', 'Done'),
  S('10002', 'Backlog', 'new', 'Work that is not yet planned.'),
  S('10010', 'Discovery', 'indeterminate', 'Implementation: understanding the customer and scope.'),
  S('10011', 'Design', 'indeterminate', 'Implementation: solution design.'),
  S('10012', 'Build', 'indeterminate', 'Implementation: configuration, integrations and migration.'),
  S('10013', 'UAT', 'indeterminate', 'Implementation: user acceptance testing.'),
  S('10014', 'Cutover', 'indeterminate', 'Implementation: preparing and running the cutover.'),
  S('10015', 'Live', 'indeterminate', 'Implementation: the customer is live.'),
  S('10016', 'Hypercare', 'indeterminate', 'Implementation: heightened support after go-live.'),
  S(
    '10017',
    'On Hold',
    'indeterminate',
    'Implementation: paused by the customer; the clock of active time stops.',
  ),
  S('10020', 'Passed', 'done', 'Gate passed.', 'Done'),
  S('10021', 'Failed', 'indeterminate', 'The test failed and needs rework.'),
  S('10022', 'Rejected', 'done', 'Rejected.', "Won't Do"),
  S('10023', 'Reopened', 'indeterminate', 'Reopened after being closed.'),
  S('10024', 'Approved', 'indeterminate', 'Change approved, not yet delivered.'),
  S('10030', 'Open', 'new', 'Raised and not yet acted on.'),
  S('10031', 'Mitigating', 'indeterminate', 'Mitigation under way.'),
  S('10032', 'Closed', 'done', 'No longer a concern.', 'Done'),
  S('10033', 'Resolved', 'done', 'Resolved.', 'Done'),
];

const statusId = (name: string): string => {
  const status = STATUSES.find((s) => s.name === name);
  if (!status) throw new Error(`No demo status ${name}`);
  return status.id;
};
const flow = (...names: string[]) => names.map(statusId);

const T = (
  id: string,
  name: string,
  description: string,
  hierarchyLevel: number,
  avatarId: number,
  workflow: string[],
): SiteIssueType => ({
  id,
  name,
  description,
  hierarchyLevel,
  subtask: hierarchyLevel === -1,
  avatarId,
  workflow,
});

const STANDARD_TYPES: SiteIssueType[] = [
  T(
    '10000',
    'Epic',
    'A big user story that needs to be broken down.',
    1,
    10307,
    // On Hold last, so the transition ids of the other statuses stay what they were
    flow('To Do', 'Discovery', 'Design', 'Build', 'UAT', 'Cutover', 'Live', 'Hypercare', 'Done', 'On Hold'),
  ),
  T(
    '10001',
    'Task',
    'A small, distinct piece of work.',
    0,
    10318,
    flow('To Do', 'In Progress', 'In Review', 'Failed', 'Done'),
  ),
  T('10002', 'Story', 'A user story.', 0, 10315, flow('To Do', 'In Progress', 'In Review', 'Failed', 'Done')),
  T('10003', 'Bug', 'A problem or error.', 0, 10303, flow('To Do', 'In Progress', 'In Review', 'Done')),
  T(
    '10004',
    'Subtask',
    'A small piece of work that is part of a larger task.',
    -1,
    10316,
    flow('To Do', 'In Progress', 'Done'),
  ),
];

/** The issue types Runway provisions for the children of an implementation. */
export const RUNWAY_TYPES: SiteIssueType[] = [
  T(
    '10005',
    'Milestone',
    'A dated checkpoint of an implementation.',
    0,
    10311,
    flow('To Do', 'In Progress', 'Done'),
  ),
  T(
    '10006',
    'Risk',
    'Something that may happen and hurt the implementation.',
    0,
    10306,
    flow('Open', 'Mitigating', 'Closed'),
  ),
  T(
    '10007',
    'Assumption',
    'Something taken as true that may prove false.',
    0,
    10320,
    flow('Open', 'Mitigating', 'Closed'),
  ),
  T(
    '10008',
    'Issue',
    'A problem that is hurting the implementation now.',
    0,
    10304,
    flow('Open', 'In Progress', 'Resolved'),
  ),
  T(
    '10009',
    'Dependency',
    'Something the implementation waits on.',
    0,
    10309,
    flow('Open', 'In Progress', 'Resolved'),
  ),
  T(
    '10010',
    'Change Request',
    'A requested change of scope.',
    0,
    10321,
    flow('To Do', 'In Review', 'Approved', 'Rejected', 'Done'),
  ),
  T(
    '10011',
    'Gate',
    'A stage gate that must pass before the implementation moves on.',
    0,
    10322,
    flow('To Do', 'In Review', 'Passed', 'Rejected', 'Reopened'),
  ),
  T(
    '10012',
    'Defect',
    'A defect found in the delivered solution.',
    0,
    10303,
    flow('To Do', 'In Progress', 'In Review', 'Done'),
  ),
  T('10013', 'Incident', 'A production incident.', 0, 10305, flow('To Do', 'In Progress', 'Done')),
];

export const RESOLUTIONS: SiteNamedThing[] = [
  { id: '10000', name: 'Done', description: 'Work has been completed on this issue.' },
  { id: '10001', name: "Won't Do", description: 'This issue will not be actioned.' },
  { id: '10002', name: 'Duplicate', description: 'The problem is a duplicate of an existing issue.' },
  { id: '10003', name: 'Cannot Reproduce', description: 'This issue could not be reproduced.' },
  { id: '10004', name: 'Approved', description: 'The request was approved.' },
];

export const PRIORITIES: SiteNamedThing[] = [
  { id: '1', name: 'Highest', description: 'This problem will block progress.' },
  { id: '2', name: 'High', description: 'Serious problem that could block progress.' },
  { id: '3', name: 'Medium', description: 'Has the potential to affect progress.' },
  { id: '4', name: 'Low', description: 'Minor problem or easily worked around.' },
  { id: '5', name: 'Lowest', description: 'Trivial problem with little or no impact on progress.' },
];

// ---- fields -------------------------------------------------------------------------------------

function systemField(
  id: string,
  name: string,
  schema: SiteField['schema'] | undefined,
  opts: { orderable?: boolean; navigable?: boolean; clause?: string[] } = {},
): SiteField {
  const field: SiteField = {
    id,
    key: id,
    name,
    custom: false,
    orderable: opts.orderable ?? true,
    navigable: opts.navigable ?? true,
    searchable: true,
    clauseNames: opts.clause ?? [id],
  };
  if (schema) field.schema = schema;
  return field;
}

const SYSTEM_FIELDS: SiteField[] = [
  systemField('summary', 'Summary', { type: 'string', system: 'summary' }),
  systemField('description', 'Description', { type: 'string', system: 'description' }),
  systemField(
    'issuetype',
    'Issue Type',
    { type: 'issuetype', system: 'issuetype' },
    { clause: ['issuetype', 'type'] },
  ),
  systemField('project', 'Project', { type: 'project', system: 'project' }),
  systemField('status', 'Status', { type: 'status', system: 'status' }, { orderable: false }),
  systemField(
    'statusCategory',
    'Status Category',
    { type: 'statusCategory', system: 'statusCategory' },
    { orderable: false },
  ),
  systemField(
    'statuscategorychangedate',
    'Status Category Changed',
    { type: 'datetime', system: 'statuscategorychangedate' },
    { orderable: false },
  ),
  systemField('priority', 'Priority', { type: 'priority', system: 'priority' }),
  systemField('resolution', 'Resolution', { type: 'resolution', system: 'resolution' }),
  systemField(
    'resolutiondate',
    'Resolved',
    { type: 'datetime', system: 'resolutiondate' },
    { orderable: false, clause: ['resolutiondate', 'resolved'] },
  ),
  systemField(
    'created',
    'Created',
    { type: 'datetime', system: 'created' },
    { orderable: false, clause: ['created', 'createdDate'] },
  ),
  systemField(
    'updated',
    'Updated',
    { type: 'datetime', system: 'updated' },
    { orderable: false, clause: ['updated', 'updatedDate'] },
  ),
  systemField('duedate', 'Due date', { type: 'date', system: 'duedate' }, { clause: ['due', 'duedate'] }),
  systemField('labels', 'Labels', { type: 'array', items: 'string', system: 'labels' }),
  systemField('assignee', 'Assignee', { type: 'user', system: 'assignee' }),
  systemField('reporter', 'Reporter', { type: 'user', system: 'reporter' }),
  systemField('creator', 'Creator', { type: 'user', system: 'creator' }, { orderable: false }),
  systemField('parent', 'Parent', { type: 'issuelink', system: 'parent' }),
  systemField(
    'issuelinks',
    'Linked Issues',
    { type: 'array', items: 'issuelinks', system: 'issuelinks' },
    { clause: ['issueLink'] },
  ),
  systemField(
    'timetracking',
    'Time tracking',
    { type: 'timetracking', system: 'timetracking' },
    { navigable: false },
  ),
  systemField(
    'timeoriginalestimate',
    'Original estimate',
    { type: 'number', system: 'timeoriginalestimate' },
    { orderable: false, clause: ['originalEstimate', 'timeoriginalestimate'] },
  ),
  systemField(
    'timeestimate',
    'Remaining Estimate',
    { type: 'number', system: 'timeestimate' },
    { orderable: false, clause: ['remainingEstimate', 'timeestimate'] },
  ),
  systemField(
    'timespent',
    'Time Spent',
    { type: 'number', system: 'timespent' },
    { orderable: false, clause: ['timespent'] },
  ),
];

const CF = 'com.atlassian.jira.plugin.system.customfieldtypes:';

/** Runway's custom fields, in id order customfield_10050 … customfield_10065. */
export const RUNWAY_FIELDS: Array<{ name: string; type: string; options?: string[] }> = [
  { name: 'Contract Signed', type: `${CF}datepicker` },
  { name: 'Kickoff Date', type: `${CF}datepicker` },
  { name: 'First Value Date', type: `${CF}datepicker` },
  { name: 'Go-Live Date', type: `${CF}datepicker` },
  { name: 'Complexity', type: `${CF}select`, options: ['Standard', 'Advanced', 'Enterprise'] },
  { name: 'Segment', type: `${CF}select`, options: ['SMB', 'Mid-Market', 'Enterprise'] },
  { name: 'CSAT', type: `${CF}float` },
  { name: 'Probability', type: `${CF}select`, options: ['1', '2', '3', '4', '5'] },
  { name: 'Impact', type: `${CF}select`, options: ['1', '2', '3', '4', '5'] },
  { name: 'Baseline Due', type: `${CF}datepicker` },
  {
    name: 'Gate Type',
    type: `${CF}select`,
    options: [
      'Design Sign-off',
      'Migration Readiness',
      'UAT Readiness',
      'Go-Live Readiness',
      'Handover',
      'Hypercare Exit',
    ],
  },
  { name: 'Integration Runs', type: `${CF}float` },
  { name: 'Failed Runs', type: `${CF}float` },
  { name: 'Records Expected', type: `${CF}float` },
  { name: 'Records Reconciled', type: `${CF}float` },
  { name: 'Stakeholder Confidence', type: `${CF}float` },
];

/** Custom fields every Jira Cloud site has, which the app must ignore. */
const STOCK_CUSTOM_FIELDS = [
  { id: 10015, name: 'Start date', type: `${CF}datepicker` },
  { id: 10016, name: 'Story point estimate', type: `${CF}float` },
];

// ---- projects ---------------------------------------------------------------------------------

const PROJECT_NAMES: Record<string, { name: string; description: string }> = {
  IMP: { name: 'Implementations', description: 'Customer implementations of the core platform.' },
  ONB: { name: 'Customer Onboarding', description: 'Fast-track onboarding of SMB and mid-market customers.' },
  ENT: { name: 'Enterprise Programs', description: 'Enterprise implementation programmes (restricted).' },
};

function permissionScheme(restricted: boolean): Record<ProjectPermissionKey, PermissionHolder[]> {
  const writers: PermissionHolder[] = [
    { group: GROUPS.consultants },
    { group: GROUPS.jiraAdmins },
    { app: true },
  ];
  const browsers: PermissionHolder[] = restricted ? writers : [{ group: GROUPS.users }, { app: true }];
  return {
    BROWSE_PROJECTS: browsers,
    CREATE_ISSUES: writers,
    EDIT_ISSUES: writers,
    TRANSITION_ISSUES: writers,
    ASSIGN_ISSUES: writers,
    RESOLVE_ISSUES: writers,
    ADD_COMMENTS: [...writers],
    LINK_ISSUES: writers,
    ADMINISTER_PROJECTS: [{ group: GROUPS.jiraAdmins }, { app: true }],
  };
}

export interface BaseSiteOptions {
  baseUrl?: string;
  /** Project keys; default IMP, ONB, ENT. */
  projects?: string[];
  /** The project the viewer may not browse; default ENT (or the last of several projects). */
  restrictedProject?: string | null;
  /** Whether Runway's issue types and custom fields already exist (false: a fresh site to provision). */
  provisioned?: boolean;
}

export const DEFAULT_PROJECT_KEYS = ['IMP', 'ONB', 'ENT'];

export function restrictedProjectOf(keys: readonly string[], requested?: string | null): string | null {
  if (requested !== undefined) return requested;
  if (keys.includes('ENT')) return 'ENT';
  return keys.length > 1 ? keys[keys.length - 1] : null;
}

/** A site with its people and configuration, and no issues or pages yet. */
export function createBaseSite(options: BaseSiteOptions = {}): SiteState {
  const baseUrl = options.baseUrl ?? DEFAULT_BASE_URL;
  const keys = options.projects ?? DEFAULT_PROJECT_KEYS;
  for (const key of keys)
    if (!PROJECT_KEY_PATTERN.test(key))
      throw new Error(
        `Invalid project key '${key}': use 2-10 capital letters, digits or underscores, starting with a letter.`,
      );
  if (new Set(keys).size !== keys.length) throw new Error('Project keys must be unique.');
  const restricted = restrictedProjectOf(keys, options.restrictedProject);
  const provisioned = options.provisioned ?? true;
  const { users, app } = makeUsers(baseUrl);
  const counters = {
    issueId: 10000,
    historyId: 10000,
    worklogId: 10000,
    fieldId: 10050,
    optionId: 10100,
    contextId: 10200,
    issueTypeId: provisioned ? 10014 : 10005,
    remoteLinkId: 10000,
    issueLinkId: 10000,
    pageId: 65537,
    issueNumber: Object.fromEntries(keys.map((k) => [k, 0])),
  };
  const fields = [...SYSTEM_FIELDS.map((f) => ({ ...f }))];
  for (const stock of STOCK_CUSTOM_FIELDS) {
    const field = newCustomField(
      { fieldId: stock.id, contextId: counters.contextId++ },
      stock.name,
      stock.type,
    );
    fields.push(field);
  }
  if (provisioned) {
    for (const spec of RUNWAY_FIELDS) {
      const field = newCustomField(counters, spec.name, spec.type);
      for (const value of spec.options ?? [])
        field.contexts?.[0].options.push({ id: String(counters.optionId++), value, disabled: false });
      fields.push(field);
    }
  }
  const projects: SiteProject[] = keys.map((key, i) => ({
    id: String(10000 + i),
    key,
    name: PROJECT_NAMES[key]?.name ?? `${key} Implementations`,
    description: PROJECT_NAMES[key]?.description ?? `Customer implementations (${key}).`,
    leadAccountId: DEMO_USERS.admin.accountId,
    projectTypeKey: 'software',
    permissions: permissionScheme(key === restricted),
  }));
  return {
    baseUrl,
    cloudId: 'c0ffee00-0000-4000-8000-00000000de70',
    users,
    appUser: app,
    groups: Object.values(GROUPS).map((name, i) => ({
      name,
      groupId: `a1b2c3d4-0000-4000-8000-${String(i + 1).padStart(12, '0')}`,
    })),
    globalPermissions: {
      ADMINISTER: [GROUPS.jiraAdmins],
      SYSTEM_ADMIN: [GROUPS.siteAdmins],
      USER_PICKER: [GROUPS.users],
      CREATE_SHARED_OBJECTS: [GROUPS.users],
    },
    apiTokens: Object.fromEntries(Object.values(DEMO_USERS).map((u) => [u.token, u.accountId])),
    projects,
    issueTypes: [...STANDARD_TYPES, ...(provisioned ? RUNWAY_TYPES : [])].map((t) => ({
      ...t,
      workflow: [...t.workflow],
    })),
    statuses: STATUSES.map((s) => ({ ...s })),
    resolutions: RESOLUTIONS.map((r) => ({ ...r })),
    priorities: PRIORITIES.map((p) => ({ ...p })),
    fields,
    issueLinkTypes: [
      { id: '10000', name: 'Blocks', inward: 'is blocked by', outward: 'blocks' },
      { id: '10001', name: 'Cloners', inward: 'is cloned by', outward: 'clones' },
      { id: '10002', name: 'Duplicate', inward: 'is duplicated by', outward: 'duplicates' },
      { id: '10003', name: 'Relates', inward: 'relates to', outward: 'relates to' },
    ],
    issues: [],
    confluence: { spaces: [], pages: [] },
    counters,
    lastChangeMs: 0,
  };
}
