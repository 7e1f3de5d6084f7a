// Words the demo portfolio is written with: customers, scopes, RAID items, deliverables.

const CUSTOMER_FIRST = [
  'Northwind',
  'Contoso',
  'Fabrikam',
  'Globex',
  'Initech',
  'Umbrella',
  'Brightline',
  'Kestrel',
  'Lumen',
  'Meridian',
  'Northstar',
  'Orchard',
  'Pinnacle',
  'Quarry',
  'Redwood',
  'Summit',
  'Tidewater',
  'Upland',
  'Vantage',
  'Willow',
  'Yardley',
  'Zephyr',
  'Alder',
  'Beacon',
  'Cobalt',
  'Driftwood',
  'Ember',
  'Fjord',
  'Granite',
  'Harbor',
  'Ironwood',
  'Juniper',
  'Larkspur',
  'Mosaic',
  'Nimbus',
  'Osprey',
  'Prairie',
  'Quill',
  'Riverbend',
  'Sterling',
  'Thistle',
  'Vireo',
  'Westfield',
  'Aurora',
  'Bramble',
  'Cascade',
  'Delta',
  'Evergreen',
  'Foxglove',
  'Gable',
];

const CUSTOMER_SECOND = [
  'Health',
  'Logistics',
  'Bank',
  'Insurance',
  'Retail',
  'Energy',
  'Foods',
  'Telecom',
  'Labs',
  'Manufacturing',
  'Media',
  'Airlines',
  'Pharma',
  'University',
  'Hotels',
  'Motors',
  'Capital',
  'Utilities',
  'Freight',
  'Credit Union',
];

const REGIONS = ['EMEA', 'APAC', 'North America', 'LATAM', 'Nordics', 'DACH', 'UK & Ireland', 'ANZ'];

/** A distinct customer name for each index (a region is added once the combinations run out). */
export function customerName(index: number): string {
  const f = CUSTOMER_FIRST.length;
  const s = CUSTOMER_SECOND.length;
  const combos = f * s;
  const i = index % combos;
  const first = CUSTOMER_FIRST[i % f];
  const second = CUSTOMER_SECOND[(Math.floor(i / f) + i) % s];
  const round = Math.floor(index / combos);
  return round === 0
    ? `${first} ${second}`
    : `${first} ${second} ${REGIONS[(round - 1) % REGIONS.length]}${round > REGIONS.length ? ` ${Math.ceil(round / REGIONS.length)}` : ''}`;
}

export const SCOPES = [
  'core platform rollout',
  'payments onboarding',
  'HR suite implementation',
  'analytics rollout',
  'service desk migration',
  'CRM integration',
  'billing modernisation',
  'field service rollout',
];

export const PLAYBOOK_LABELS = [
  'playbook:saas-standard',
  'playbook:data-migration',
  'playbook:enterprise-sso',
  'playbook:regulated-rollout',
];

export const RISKS = [
  'Data extract quality',
  'Key user availability during UAT',
  'SSO configuration delays',
  'Legacy system freeze window',
  'Scope creep from regional teams',
  'Third-party API rate limits',
  'Change fatigue in operations',
  'Budget approval for phase 2',
  'Security review backlog',
  'Data residency requirements',
  'Vendor contract renewal timing',
  'Network allow-listing lead time',
  'Reporting requirements unclear',
  'Super-user attrition',
  'Cutover weekend clashes with quarter close',
];

export const ASSUMPTIONS = [
  'Customer provides test data two weeks before UAT',
  'Existing SSO provider supports SAML 2.0',
  'No custom objects beyond the agreed list',
  'Sandbox is available for the whole build phase',
  'Historic data older than seven years is archived, not migrated',
  'One production cutover, no phased regional go-live',
];

export const RAID_ISSUES = [
  'Sandbox refresh failed',
  'Integration credentials expired',
  'Master data duplicates found',
  'Training room unavailable',
  'Approver on extended leave',
];

export const DEPENDENCIES = [
  'Customer IT opens firewall ports',
  'Identity team configures SSO tenant',
  'Partner delivers payroll connector',
  'Customer finance approves chart of accounts',
];

export const CHANGE_REQUESTS = [
  'Add second legal entity',
  'Extra approval step for purchase orders',
  'Additional report pack',
  'Include archived tickets in migration',
  'New integration with data warehouse',
  'Custom branding on portal',
];

export const DELIVERABLES = [
  'Solution design document',
  'Data mapping workbook',
  'Integration specification',
  'Test strategy and plan',
  'Admin training guide',
  'End-user quick reference',
  'Cutover runbook',
  'Operations handbook',
  'Security and access matrix',
  'Handover notes for Customer Success',
];

export const UAT_SCENARIOS = [
  'Create and approve a request',
  'End-to-end order to cash',
  'Month-end close',
  'New starter onboarding',
  'Role-based access checks',
  'Reporting dashboard accuracy',
  'Bulk import of records',
  'Mobile approval flow',
  'Escalation routing',
  'Audit trail review',
  'Single sign-on login',
  'Notification templates',
];

export const INTEGRATIONS = [
  'Salesforce',
  'SAP S/4HANA',
  'Workday',
  'NetSuite',
  'HubSpot',
  'Okta SSO',
  'ServiceNow',
  'Snowflake',
  'Microsoft Dynamics',
  'Stripe',
];

export const MIGRATIONS = [
  'customer accounts',
  'open orders',
  'historic tickets',
  'employee records',
  'product catalogue',
  'contracts',
];

export const ESCALATIONS = [
  'Go-live date at risk',
  'Executive sponsor concern on data quality',
  'Integration outage during UAT',
  'Missed training sessions',
];

export const TASKS = [
  'Configure workspace and roles',
  'Set up sandbox environment',
  'Run discovery workshop',
  'Configure approval workflows',
  'Build notification templates',
  'Configure reporting dashboards',
  'Set up user provisioning',
  'Train super users',
  'Prepare production environment',
  'Review security settings',
  'Configure email channels',
  'Tune performance settings',
  'Define data retention rules',
  'Set up audit logging',
  'Prepare go-live communications',
  'Configure SLA policies',
  'Import reference data',
  'Run dress rehearsal',
];

export const STORIES = [
  'As an admin I can manage teams',
  'As an agent I see my queue on login',
  'As a manager I approve requests on mobile',
  'As a finance user I export monthly reports',
  'As a requester I track my request status',
  'As an auditor I review changes',
];

export const PRE_LIVE_BUGS = [
  'Approval email shows wrong link',
  'Report totals off by rounding',
  'Import skips rows with accents',
  'Dashboard filter resets on refresh',
  'Role missing from access matrix',
  'Time zone wrong on SLA timers',
];

export const POST_LIVE_DEFECTS = [
  'Orders stuck in pending after cutover',
  'Nightly sync fails on large batches',
  'Users locked out after SSO change',
  'Invoice numbering restarted',
  'Missing history on migrated records',
  'Slow search on production',
  'Notification storm after go-live',
];

/** Continuous-improvement work (issues labelled `improvement`). */
export const IMPROVEMENTS = [
  'Playbook update: shorter discovery questionnaire',
  'Automate kickoff checklist creation',
  'Playbook update: migration rehearsal step',
  'Template: standard integration test plan',
  'Automate weekly status report distribution',
  'Retrospective actions: UAT entry criteria',
  'Playbook update: hypercare exit checklist',
  'Reusable data-mapping workbook',
];
