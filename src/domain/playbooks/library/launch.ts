// Launch documents: UAT plan, cutover plan, go-live readiness checklist and hypercare plan.
import type { Selector } from '../select';
import type { PlaybookTemplateInput } from '../template';

const HIGH_DEFECTS: Selector = { kinds: ['defect'], severities: ['p1', 'p2'] };
type Section = PlaybookTemplateInput['sections'][number];

/** The open-defects section the UAT, go-live and hypercare documents share. */
const OPEN_DEFECTS: Section = {
  id: 'defects',
  title: 'Open defects',
  blocks: [
    {
      type: 'items',
      id: 'open-defects',
      select: { kinds: ['defect'], open: true },
      columns: ['key', 'summary', 'priority', 'owner', 'status', 'created'],
      sort: 'priority',
      empty: 'No open defects.',
    },
  ],
};

export const uatPlan: PlaybookTemplateInput = {
  id: 'uat-plan',
  title: 'UAT plan',
  description:
    'UAT scenarios with owners, entry and exit criteria bound to the data, open defects and the quality KPIs.',
  sections: [
    {
      id: 'scope',
      title: 'Scope',
      blocks: [
        {
          type: 'text',
          text: 'User acceptance testing of {summary} ({key}). Each scenario is a Jira item labelled uat; a scenario passes first time when it is done without ever being failed or reopened.',
        },
        { type: 'facts', id: 'facts' },
      ],
    },
    {
      id: 'entry',
      title: 'Entry criteria',
      blocks: [
        {
          type: 'checklist',
          id: 'entry-criteria',
          items: [
            {
              text: 'Integration success rate at target',
              check: { type: 'kpiMet', kpi: 'integration_success_rate' },
            },
            { text: 'UAT scenarios written', check: { type: 'exists', select: { roles: ['uat'] } } },
            { text: 'Every scenario has a tester', check: { type: 'assigned', select: { roles: ['uat'] } } },
            { text: 'UAT Readiness gate passed', check: { type: 'gatePassed', gate: 'uatReadiness' } },
            { text: 'Test environment and test users ready', check: { type: 'manual' } },
          ],
        },
      ],
    },
    {
      id: 'scenarios',
      title: 'Test scenarios',
      blocks: [
        {
          type: 'items',
          id: 'scenarios',
          select: { roles: ['uat'] },
          columns: ['key', 'summary', 'owner', 'due', 'status'],
          sort: 'due',
          empty: 'No UAT scenarios yet: label each scenario "uat".',
        },
      ],
    },
    {
      id: 'regression',
      title: 'Regression and performance testing',
      when: { tiers: ['Enterprise'] },
      guidance: 'Enterprise implementations run a regression pack and a load test before UAT sign-off.',
      blocks: [
        {
          type: 'list',
          id: 'regression',
          items: [
            'Regression pack on the release candidate',
            'Load test at expected peak volume',
            'Failover test of critical integrations',
          ],
        },
      ],
    },
    OPEN_DEFECTS,
    {
      id: 'quality',
      title: 'Quality measures',
      blocks: [
        { type: 'kpis', id: 'kpis', ids: ['uat_first_pass_rate', 'integration_success_rate', 'rework_rate'] },
      ],
    },
    {
      id: 'exit',
      title: 'Exit criteria',
      blocks: [
        {
          type: 'checklist',
          id: 'exit-criteria',
          items: [
            { text: 'Every UAT scenario done', check: { type: 'allDone', select: { roles: ['uat'] } } },
            { text: 'UAT first-pass rate at target', check: { type: 'kpiMet', kpi: 'uat_first_pass_rate' } },
            { text: 'No open P1 or P2 defect', check: { type: 'noneOpen', select: HIGH_DEFECTS } },
            { text: 'Customer UAT sign-off recorded', check: { type: 'manual' } },
          ],
        },
      ],
    },
  ],
};

export const cutoverPlan: PlaybookTemplateInput = {
  id: 'cutover-plan',
  title: 'Cutover plan',
  description:
    'Go/no-go criteria, the cutover timeline and runbook, rollback, contacts and the risks of the cutover.',
  sections: [
    {
      id: 'overview',
      title: 'Overview',
      blocks: [
        {
          type: 'text',
          text: 'Cutover of {summary} ({key}) to production. Go-live: {goLive}. Hypercare runs until {hypercareEnd}.',
        },
        { type: 'facts', id: 'facts' },
      ],
    },
    {
      id: 'go-no-go',
      title: 'Go / no-go criteria',
      blocks: [
        {
          type: 'checklist',
          id: 'go-no-go',
          items: [
            {
              text: 'Migration Readiness gate passed',
              check: { type: 'gatePassed', gate: 'migrationReadiness' },
            },
            { text: 'UAT Readiness gate passed', check: { type: 'gatePassed', gate: 'uatReadiness' } },
            { text: 'Go-Live Readiness gate passed', check: { type: 'gatePassed', gate: 'goLiveReadiness' } },
            {
              text: 'Reconciliation accuracy at target',
              check: { type: 'kpiMet', kpi: 'reconciliation_accuracy' },
            },
            { text: 'No open P1 or P2 defect', check: { type: 'noneOpen', select: HIGH_DEFECTS } },
            { text: 'Customer go decision recorded', check: { type: 'manual' } },
          ],
        },
      ],
    },
    {
      id: 'timeline',
      title: 'Timeline',
      blocks: [{ type: 'milestones', id: 'milestones' }],
    },
    {
      id: 'runbook',
      title: 'Runbook',
      guidance:
        'Each step has an owner and a time slot in the cutover window; the runbook is rehearsed before the day.',
      blocks: [
        {
          type: 'list',
          id: 'runbook',
          items: [
            'Change freeze and final backup',
            'Final data extract and load',
            'Reconciliation and sign-off of migrated data',
            'Switch integrations to production endpoints',
            'Smoke test by key users',
            'Go decision and communication to users',
            'Hypercare starts',
          ],
        },
      ],
    },
    {
      id: 'rehearsal',
      title: 'Dress rehearsal',
      when: { minTier: 'Advanced' },
      blocks: [
        {
          type: 'text',
          text: 'A full dress rehearsal of the runbook is held in a production-like environment before {goLive}, timed step by step.',
        },
      ],
    },
    {
      id: 'rollback',
      title: 'Rollback',
      blocks: [
        {
          type: 'list',
          id: 'rollback',
          items: [
            'Rollback decision point and who makes it',
            'Restore from the final backup',
            'Switch integrations back',
            'Communicate to users',
          ],
        },
      ],
    },
    {
      id: 'contacts',
      title: 'Contacts',
      blocks: [
        {
          type: 'raci',
          id: 'raci',
          workstreams: [
            {
              name: 'Data load and reconciliation',
              select: { roles: ['migration'] },
              consulted: 'Customer data owners',
              informed: 'Customer project sponsor',
            },
            {
              name: 'Integration switch-over',
              select: { roles: ['integration'] },
              consulted: 'Customer IT',
              informed: 'Support',
            },
            {
              name: 'Smoke test',
              select: { roles: ['uat'] },
              consulted: 'Customer key users',
              informed: 'Customer project sponsor',
            },
          ],
        },
      ],
    },
    {
      id: 'risks',
      title: 'Cutover risks',
      blocks: [{ type: 'raid', id: 'raid', kinds: ['risk', 'issue', 'dependency'] }],
    },
  ],
};

export const goLiveReadiness: PlaybookTemplateInput = {
  id: 'go-live-readiness',
  title: 'Go-live readiness checklist',
  description:
    'The go-live readiness criteria ticked from the data, the gates, high risks, open defects and KPIs.',
  sections: [
    {
      id: 'summary',
      title: 'Summary',
      blocks: [
        { type: 'text', text: 'Readiness of {summary} ({key}) to go live, as of {asOf}. Go-live: {goLive}.' },
        { type: 'facts', id: 'facts' },
      ],
    },
    {
      id: 'criteria',
      title: 'Readiness criteria',
      guidance:
        'Each item is ticked from the implementation’s data; items marked "to confirm" are confirmed by people in the go/no-go meeting.',
      blocks: [
        {
          type: 'checklist',
          id: 'readiness',
          items: [
            { text: 'Every UAT scenario done', check: { type: 'allDone', select: { roles: ['uat'] } } },
            { text: 'UAT first-pass rate at target', check: { type: 'kpiMet', kpi: 'uat_first_pass_rate' } },
            { text: 'No open P1 or P2 defect', check: { type: 'noneOpen', select: HIGH_DEFECTS } },
            {
              text: 'No open risk with a score of 15 or more',
              check: { type: 'noneOpen', select: { kinds: ['risk'], minScore: 15 } },
            },
            {
              text: 'Documentation completeness at target',
              check: { type: 'kpiMet', kpi: 'documentation_completeness' },
            },
            {
              text: 'Integration success rate at target',
              check: { type: 'kpiMet', kpi: 'integration_success_rate' },
            },
            {
              text: 'Reconciliation accuracy at target',
              check: { type: 'kpiMet', kpi: 'reconciliation_accuracy' },
            },
            { text: 'Design Sign-off gate passed', check: { type: 'gatePassed', gate: 'designSignOff' } },
            {
              text: 'Migration Readiness gate passed',
              check: { type: 'gatePassed', gate: 'migrationReadiness' },
            },
            { text: 'UAT Readiness gate passed', check: { type: 'gatePassed', gate: 'uatReadiness' } },
            { text: 'Support team trained and hypercare rota agreed', check: { type: 'manual' } },
          ],
        },
      ],
    },
    {
      id: 'gates',
      title: 'Stage gates',
      blocks: [{ type: 'gates', id: 'gates', evidence: true }],
    },
    {
      id: 'high-risks',
      title: 'High risks',
      blocks: [
        {
          type: 'raid',
          id: 'high-raid',
          minScore: 15,
          summary: false,
          caption: 'Open RAID items with a score of 15 or more',
        },
      ],
    },
    OPEN_DEFECTS,
    {
      id: 'enterprise-sign-off',
      title: 'Executive sign-off',
      when: { tiers: ['Enterprise'] },
      blocks: [
        {
          type: 'text',
          text: 'Enterprise go-live needs the written approval of the customer sponsor and the professional-services lead, recorded as evidence on the Go-Live Readiness gate.',
        },
      ],
    },
    {
      id: 'kpis',
      title: 'KPIs',
      blocks: [
        {
          type: 'kpis',
          id: 'kpis',
          ids: [
            'on_time_milestone_rate',
            'uat_first_pass_rate',
            'integration_success_rate',
            'reconciliation_accuracy',
            'documentation_completeness',
          ],
        },
      ],
    },
  ],
};

export const hypercarePlan: PlaybookTemplateInput = {
  id: 'hypercare-plan',
  title: 'Hypercare plan',
  description:
    'The hypercare window, support model, post-go-live defects and escalations, KPIs and exit criteria.',
  sections: [
    {
      id: 'window',
      title: 'Hypercare window',
      blocks: [
        {
          type: 'text',
          text: 'Hypercare of {summary} ({key}) runs from go-live ({goLive}) until {hypercareEnd}, then the implementation is handed over to Customer Success and Support.',
        },
        { type: 'facts', id: 'facts' },
      ],
    },
    {
      id: 'support',
      title: 'Support model',
      blocks: [
        {
          type: 'raci',
          id: 'raci',
          workstreams: [
            {
              name: 'Defects',
              select: { kinds: ['defect'] },
              consulted: 'Product engineering',
              informed: 'Customer project sponsor',
            },
            {
              name: 'Escalations',
              select: { roles: ['escalation'] },
              consulted: 'Professional-services lead',
              informed: 'Customer Success',
            },
            {
              name: 'Integrations',
              select: { roles: ['integration'] },
              consulted: 'Customer IT',
              informed: 'Support',
            },
          ],
        },
      ],
    },
    {
      id: 'daily',
      title: 'Daily stand-up',
      when: { minTier: 'Advanced' },
      blocks: [
        {
          type: 'list',
          id: 'daily',
          items: [
            'New and open P1/P2 defects',
            'Integration failures since yesterday',
            'Escalations and customer feedback',
            'Readiness for hypercare exit',
          ],
        },
      ],
    },
    OPEN_DEFECTS,
    {
      id: 'escalations',
      title: 'Escalations',
      blocks: [
        {
          type: 'items',
          id: 'escalations',
          select: { roles: ['escalation'] },
          columns: ['key', 'summary', 'owner', 'status', 'created'],
          empty: 'No escalations.',
        },
      ],
    },
    {
      id: 'kpis',
      title: 'Post-go-live KPIs',
      blocks: [
        {
          type: 'kpis',
          id: 'kpis',
          ids: ['defect_escape_count', 'post_golive_p1_count', 'post_golive_p2_count', 'csat'],
        },
      ],
    },
    {
      id: 'exit',
      title: 'Exit criteria',
      blocks: [
        {
          type: 'checklist',
          id: 'exit-criteria',
          items: [
            { text: 'Live', check: { type: 'dateSet', date: 'goLive' } },
            {
              text: 'No open P1 defect',
              check: { type: 'noneOpen', select: { kinds: ['defect'], severities: ['p1'] } },
            },
            {
              text: 'No open P2 defect',
              check: { type: 'noneOpen', select: { kinds: ['defect'], severities: ['p2'] } },
            },
            { text: 'Handover gate passed', check: { type: 'gatePassed', gate: 'handover' } },
            { text: 'Hypercare Exit gate passed', check: { type: 'gatePassed', gate: 'hypercareExit' } },
            { text: 'CSAT survey sent', check: { type: 'manual' } },
          ],
        },
      ],
    },
  ],
};
