// Build documents: the integration design specification and the data migration plan.
import type { Selector } from '../select';
import type { PlaybookTemplateInput } from '../template';

export const integrationDesign: PlaybookTemplateInput = {
  id: 'integration-design',
  title: 'Integration design specification',
  description:
    'Every integration with its owner, status and run success, the dependencies and risks, and the design sign-off.',
  sections: [
    {
      id: 'overview',
      title: 'Overview',
      blocks: [
        {
          type: 'text',
          text: 'Integrations of {summary} ({key}). Each integration is a Jira item labelled integration; its Integration Runs and Failed Runs give the success rate below.',
        },
        { type: 'facts', id: 'facts' },
      ],
    },
    {
      id: 'inventory',
      title: 'Integration inventory',
      blocks: [
        {
          type: 'items',
          id: 'integrations',
          select: { roles: ['integration'] },
          columns: ['key', 'summary', 'owner', 'status', 'runs', 'failedRuns', 'successRate'],
          empty: 'No integration items yet: label each integration "integration".',
        },
        { type: 'kpis', id: 'integration-kpi', ids: ['integration_success_rate'] },
      ],
    },
    {
      id: 'interfaces',
      title: 'Interface design',
      guidance:
        'For each integration, describe the direction, the trigger (event, schedule, on demand), the payload and the mapping, and link the detailed mapping sheet on the Jira item.',
      blocks: [
        {
          type: 'list',
          id: 'interface-topics',
          items: [
            'Direction and trigger',
            'Authentication and secrets',
            'Payload and field mapping',
            'Volumes and frequency',
            'Error handling and retries',
          ],
        },
      ],
    },
    {
      id: 'non-functional',
      title: 'Non-functional requirements',
      when: { minTier: 'Advanced' },
      blocks: [
        {
          type: 'list',
          id: 'nfr',
          items: [
            'Peak volume per hour and per day',
            'Latency objective',
            'Availability and maintenance windows',
            'Monitoring, alerting and on-call owner',
          ],
        },
      ],
    },
    {
      id: 'dependencies',
      title: 'Dependencies and risks',
      blocks: [{ type: 'raid', id: 'raid', kinds: ['dependency', 'risk'] }],
    },
    {
      id: 'sign-off',
      title: 'Design sign-off',
      blocks: [
        { type: 'gates', id: 'gates', gates: ['designSignOff', 'uatReadiness'] },
        {
          type: 'checklist',
          id: 'design-checklist',
          items: [
            {
              text: 'Every integration has an owner',
              check: { type: 'assigned', select: { roles: ['integration'] } },
            },
            {
              text: 'Design deliverables done',
              check: { type: 'allDone', select: { roles: ['deliverable'] } },
            },
            {
              text: 'Integration success rate at target',
              check: { type: 'kpiMet', kpi: 'integration_success_rate' },
            },
            { text: 'Design Sign-off gate passed', check: { type: 'gatePassed', gate: 'designSignOff' } },
            { text: 'Credentials and endpoints exchanged with the customer', check: { type: 'manual' } },
          ],
        },
      ],
    },
  ],
};

const MIGRATION_DEFECTS: Selector = { kinds: ['defect'], roles: ['migration'] };

export const dataMigrationPlan: PlaybookTemplateInput = {
  id: 'data-migration-plan',
  title: 'Data migration plan',
  description:
    'Migration objects with expected and reconciled records, reconciliation accuracy, migration defects, rehearsals and the migration readiness gate.',
  sections: [
    {
      id: 'scope',
      title: 'Scope',
      blocks: [
        {
          type: 'text',
          text: 'Data migration of {summary} ({key}). Each migration object is a Jira item labelled migration with Records Expected and Records Reconciled.',
        },
        {
          type: 'items',
          id: 'migration-items',
          select: { roles: ['migration'] },
          columns: ['key', 'summary', 'owner', 'recordsExpected', 'recordsReconciled', 'accuracy', 'status'],
          empty: 'No migration items yet: label each migration object "migration".',
        },
      ],
    },
    {
      id: 'reconciliation',
      title: 'Reconciliation',
      guidance:
        'Reconciliation accuracy is Σ Records Reconciled / Σ Records Expected over the migration items; the target applies to the whole migration.',
      blocks: [{ type: 'kpis', id: 'reconciliation-kpi', ids: ['reconciliation_accuracy'] }],
    },
    {
      id: 'rehearsals',
      title: 'Mock loads and rehearsals',
      when: { minTier: 'Advanced' },
      blocks: [
        {
          type: 'list',
          id: 'rehearsals',
          items: [
            'Mock load 1: full extract, transform and load into the test environment',
            'Mock load 2: timed run with reconciliation sign-off',
            'Dress rehearsal: production-like run inside the cutover window',
          ],
        },
      ],
    },
    {
      id: 'defects',
      title: 'Migration defects',
      blocks: [
        {
          type: 'items',
          id: 'migration-defects',
          select: { ...MIGRATION_DEFECTS, open: true },
          columns: ['key', 'summary', 'priority', 'owner', 'status'],
          sort: 'priority',
          empty: 'No open migration defects.',
        },
      ],
    },
    {
      id: 'risks',
      title: 'Risks',
      blocks: [{ type: 'raid', id: 'raid', kinds: ['risk', 'assumption'] }],
    },
    {
      id: 'readiness',
      title: 'Migration readiness',
      blocks: [
        { type: 'gates', id: 'gates', gates: ['migrationReadiness'] },
        {
          type: 'checklist',
          id: 'readiness-checklist',
          items: [
            {
              text: 'Every migration object has an owner',
              check: { type: 'assigned', select: { roles: ['migration'] } },
            },
            {
              text: 'Reconciliation accuracy at target',
              check: { type: 'kpiMet', kpi: 'reconciliation_accuracy' },
            },
            {
              text: 'No open P1 or P2 migration defect',
              check: { type: 'noneOpen', select: { ...MIGRATION_DEFECTS, severities: ['p1', 'p2'] } },
            },
            {
              text: 'Migration Readiness gate passed',
              check: { type: 'gatePassed', gate: 'migrationReadiness' },
            },
            { text: 'Backup and rollback tested', check: { type: 'manual' } },
          ],
        },
      ],
    },
  ],
};
