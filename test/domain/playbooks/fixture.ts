/**
 * One known implementation with every kind of child, for the structure tests of playbooks and
 * the handover packet: ACME-1, Advanced tier, live on 2026-05-01, seen as of 2026-06-15.
 */
import {
  buildImplementations,
  defaultConfig,
  type Implementation,
  type JiraIssue,
  type RunwayConfig,
} from '../../../src/domain';
import {
  anImplementation,
  done,
  TEST_NAMES,
  type ImplementationSpec,
  type IssueSpec,
} from '../../builders/jira';

export const AS_OF = '2026-06-15';

export const person = (name: string) => ({
  accountId: `acc-${name.toLowerCase().replace(/\s+/g, '-')}`,
  displayName: name,
});
const owner = (name: string) => ({ assignee: person(name) });
const raisedBy = (name: string) => ({ reporter: person(name) });

export const CHILDREN: IssueSpec[] = [
  // Milestones: on time, late, overdue, planned.
  {
    key: 'ACME-2',
    type: 'Milestone',
    summary: 'Discovery complete',
    duedate: '2026-02-10',
    custom: { 'Baseline Due': '2026-02-10' },
    ...done('2026-02-09T10:00:00.000+0000'),
    fields: owner('Ana Lee'),
  },
  {
    key: 'ACME-3',
    type: 'Milestone',
    summary: 'Design sign-off',
    duedate: '2026-03-20',
    custom: { 'Baseline Due': '2026-03-01' },
    ...done('2026-03-18T10:00:00.000+0000'),
    fields: owner('Ben Cruz'),
  },
  {
    key: 'ACME-4',
    type: 'Milestone',
    summary: 'Data migrated',
    duedate: '2026-06-20',
    custom: { 'Baseline Due': '2026-06-01' },
    fields: owner('Ana Lee'),
  },
  {
    key: 'ACME-5',
    type: 'Milestone',
    summary: 'Hypercare exit',
    duedate: '2026-07-10',
    custom: { 'Baseline Due': '2026-07-01' },
    labels: [],
    fields: owner('Ana Lee'),
  },
  // RAID.
  {
    key: 'ACME-6',
    type: 'Risk',
    summary: 'Key user availability',
    custom: { Probability: '4', Impact: '5' },
    duedate: '2026-06-01',
    fields: { ...owner('Ben Cruz'), ...raisedBy('Cara Diaz') },
  },
  {
    key: 'ACME-7',
    type: 'Risk',
    summary: 'Vendor API limits',
    custom: { Probability: '2', Impact: '3' },
    fields: owner('Ana Lee'),
  },
  {
    key: 'ACME-8',
    type: 'Assumption',
    summary: 'Customer provides test data',
    custom: { Probability: '3', Impact: '5' },
    fields: owner('Ana Lee'),
  },
  {
    key: 'ACME-9',
    type: 'Issue',
    summary: 'Firewall change pending',
    custom: { Impact: '4' },
    fields: owner('Ben Cruz'),
  },
  {
    key: 'ACME-10',
    type: 'Dependency',
    summary: 'SSO from customer IT',
    ...done('2026-03-01T10:00:00.000+0000'),
  },
  // Change requests.
  {
    key: 'ACME-11',
    type: 'Change Request',
    summary: 'Add Spanish locale',
    status: 'Approved',
    statusCategory: 'indeterminate',
    fields: raisedBy('Cara Diaz'),
  },
  {
    key: 'ACME-12',
    type: 'Change Request',
    summary: 'Custom dashboard',
    status: 'Rejected',
    statusCategory: 'done',
    resolution: 'Rejected',
    resolutiondate: '2026-04-01T10:00:00.000+0000',
  },
  {
    key: 'ACME-13',
    type: 'Change Request',
    summary: 'Extra report',
    status: 'In Review',
    statusCategory: 'indeterminate',
  },
  // Gates: Design Sign-off passed, UAT Readiness open; the others have no Gate issue.
  {
    key: 'ACME-14',
    type: 'Gate',
    summary: 'Design Sign-off',
    custom: { 'Gate Type': 'Design Sign-off' },
    ...done('2026-03-18T12:00:00.000+0000'),
  },
  {
    key: 'ACME-15',
    type: 'Gate',
    summary: 'UAT Readiness',
    custom: { 'Gate Type': 'UAT Readiness' },
    status: 'In Progress',
    statusCategory: 'indeterminate',
  },
  // Work items: UAT, integrations, migration, deliverables, escalation.
  {
    key: 'ACME-16',
    summary: 'UAT: order to cash',
    labels: ['uat'],
    ...done('2026-04-20T10:00:00.000+0000'),
    fields: owner('Dev Patel'),
  },
  { key: 'ACME-17', summary: 'UAT: returns', labels: ['uat'], fields: owner('Dev Patel') },
  {
    key: 'ACME-18',
    summary: 'ERP integration',
    labels: ['integration'],
    custom: { 'Integration Runs': 200, 'Failed Runs': 1 },
    ...done('2026-04-01T10:00:00.000+0000'),
    fields: owner('Ben Cruz'),
  },
  {
    key: 'ACME-19',
    summary: 'CRM integration',
    labels: ['integration'],
    custom: { 'Integration Runs': 100, 'Failed Runs': 5 },
    fields: owner('Ben Cruz'),
  },
  {
    key: 'ACME-20',
    summary: 'Customer master migration',
    labels: ['migration'],
    custom: { 'Records Expected': 1000, 'Records Reconciled': 998 },
    fields: owner('Ana Lee'),
  },
  {
    key: 'ACME-21',
    summary: 'Solution design document',
    labels: ['deliverable'],
    ...done('2026-03-10T10:00:00.000+0000'),
    fields: owner('Ben Cruz'),
  },
  { key: 'ACME-22', summary: 'Admin guide', labels: ['deliverable'] },
  {
    key: 'ACME-23',
    summary: 'Escalation: late SSO',
    labels: ['escalation'],
    fields: { ...owner('Eve Moss'), ...raisedBy('Cara Diaz') },
  },
  // Defects: an open P1 after go-live, a closed one.
  {
    key: 'ACME-24',
    type: 'Bug',
    summary: 'Invoices missing tax <b>line</b>',
    priority: 'Highest',
    created: '2026-05-05T09:00:00.000+0000',
    labels: ['implementation-caused'],
    fields: { ...owner('Dev Patel'), ...raisedBy('Cara Diaz') },
  },
  {
    key: 'ACME-25',
    type: 'Bug',
    summary: 'Typo on login page',
    priority: 'Low',
    created: '2026-05-06T09:00:00.000+0000',
    ...done('2026-05-07T09:00:00.000+0000'),
  },
];

export function acmeIssues(overrides: ImplementationSpec = {}): JiraIssue[] {
  return anImplementation({
    key: 'ACME-1',
    summary: 'Acme Corp rollout',
    custom: {
      Complexity: 'Advanced',
      Segment: 'Mid-Market',
      'Contract Signed': '2026-01-05',
      'Kickoff Date': '2026-01-12',
      'Go-Live Date': '2026-05-01',
    },
    fields: { assignee: person('Olga Owner'), reporter: person('Sam Sales') },
    children: CHILDREN,
    ...overrides,
  });
}

export function acme(
  overrides: ImplementationSpec = {},
  config: RunwayConfig = defaultConfig(),
): Implementation {
  const model = buildImplementations(acmeIssues(overrides), TEST_NAMES, { asOf: AS_OF, config });
  const impl = model.implementations.find((i) => i.key === 'ACME-1');
  if (!impl) throw new Error('ACME-1 is not an implementation');
  return impl;
}
