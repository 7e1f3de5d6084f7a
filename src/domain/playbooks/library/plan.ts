// Planning documents: the implementation plan and the discovery workshop agenda.
import type { Selector } from '../select';
import type { PlaybookTemplateInput } from '../template';

const RAID: Selector = { kinds: ['risk', 'assumption', 'issue', 'dependency'] };

type Workstream = Extract<
  PlaybookTemplateInput['sections'][number]['blocks'][number],
  { type: 'raci' }
>['workstreams'][number];

/** Workstreams the plan and the workshop agenda name alike. */
const INTEGRATIONS: Workstream = {
  name: 'Integrations',
  select: { roles: ['integration'] },
  consulted: 'Customer IT',
  informed: 'Customer project sponsor',
};
const DATA_MIGRATION: Workstream = {
  name: 'Data migration',
  select: { roles: ['migration'] },
  consulted: 'Customer data owners',
  informed: 'Customer project sponsor',
};

export const implementationPlan: PlaybookTemplateInput = {
  id: 'implementation-plan',
  title: 'Implementation plan',
  description:
    'Scope, timeline against baseline, governance, team (RACI), risks and success measures of one implementation.',
  sections: [
    {
      id: 'overview',
      title: 'Overview',
      blocks: [
        {
          type: 'text',
          text: '{summary} ({key}) is a complexity tier {tier} implementation for the {segment} segment, owned by {owner}. Kickoff: {kickoff}. Go-live: {goLive}.',
        },
        { type: 'facts', id: 'facts' },
      ],
    },
    {
      id: 'scope',
      title: 'Scope and deliverables',
      guidance:
        'List what the customer receives. Every deliverable is a Jira item labelled deliverable under the implementation, so this table stays current.',
      blocks: [
        {
          type: 'items',
          id: 'deliverables',
          select: { roles: ['deliverable'] },
          columns: ['key', 'summary', 'owner', 'due', 'status'],
          sort: 'due',
          empty: 'No deliverables yet: label the deliverable items "deliverable".',
        },
      ],
    },
    {
      id: 'timeline',
      title: 'Timeline',
      guidance:
        'Baseline is the first committed date; slip is measured against it, not against the latest re-plan.',
      blocks: [{ type: 'milestones', id: 'milestones' }],
    },
    {
      id: 'team',
      title: 'Team and responsibilities',
      blocks: [
        {
          type: 'raci',
          id: 'raci',
          workstreams: [
            {
              name: 'Milestones and plan',
              select: { kinds: ['milestone'] },
              consulted: 'Customer project sponsor',
              informed: 'Steering committee',
            },
            INTEGRATIONS,
            DATA_MIGRATION,
            {
              name: 'User acceptance testing',
              select: { roles: ['uat'] },
              consulted: 'Customer key users',
              informed: 'Steering committee',
            },
            {
              name: 'Documentation',
              select: { roles: ['deliverable'] },
              consulted: 'Customer Success',
              informed: 'Support',
            },
            {
              name: 'RAID log',
              select: RAID,
              consulted: 'Customer project sponsor',
              informed: 'Steering committee',
            },
          ],
        },
      ],
    },
    {
      id: 'governance',
      title: 'Governance and stage gates',
      when: { minTier: 'Advanced' },
      guidance:
        'Advanced and Enterprise implementations pass each stage gate with evidence and sign-off before moving on.',
      blocks: [
        { type: 'gates', id: 'gates' },
        {
          type: 'list',
          id: 'cadence',
          items: [
            'Weekly status with the customer project lead',
            'Fortnightly RAID review',
            'Monthly steering committee',
          ],
        },
      ],
    },
    {
      id: 'steering',
      title: 'Steering committee',
      when: { tiers: ['Enterprise'] },
      blocks: [
        {
          type: 'text',
          text: 'Enterprise implementations report to a steering committee of the customer sponsor, the implementation owner ({owner}) and the professional-services lead.',
        },
        {
          type: 'kpis',
          id: 'steering-kpis',
          ids: ['on_time_milestone_rate', 'effort_variance', 'scope_change_count', 'escalation_count'],
        },
      ],
    },
    {
      id: 'risks',
      title: 'Risks, assumptions, issues and dependencies',
      blocks: [{ type: 'raid', id: 'raid' }],
    },
    {
      id: 'changes',
      title: 'Change control',
      blocks: [
        {
          type: 'items',
          id: 'change-requests',
          select: { kinds: ['changeRequest'] },
          columns: ['key', 'summary', 'status', 'outcome'],
          empty: 'No change requests.',
        },
      ],
    },
    {
      id: 'success',
      title: 'Success measures',
      blocks: [
        {
          type: 'kpis',
          id: 'kpis',
          ids: [
            'time_to_kickoff_bdays',
            'time_to_first_value_days',
            'time_to_live_days',
            'on_time_milestone_rate',
            'effort_variance',
          ],
        },
      ],
    },
  ],
};

export const discoveryWorkshop: PlaybookTemplateInput = {
  id: 'discovery-workshop',
  title: 'Discovery workshop agenda',
  description:
    'Agenda, attendees, and the integrations, data, assumptions and dependencies to confirm in the discovery workshop.',
  sections: [
    {
      id: 'purpose',
      title: 'Purpose',
      blocks: [
        {
          type: 'text',
          text: 'Confirm the scope, the integrations, the data to migrate and the success criteria of {summary} ({key}) with the customer, and leave with a baseline plan.',
        },
        { type: 'facts', id: 'facts' },
      ],
    },
    {
      id: 'agenda',
      title: 'Agenda',
      blocks: [
        {
          type: 'list',
          id: 'agenda',
          items: [
            'Welcome, objectives and introductions (15 min)',
            'Current process walk-through with key users (60 min)',
            'Integration landscape: systems, owners, volumes (45 min)',
            'Data sources and migration scope (45 min)',
            'Success criteria and KPIs (30 min)',
            'Risks, assumptions and dependencies (30 min)',
            'Plan, milestones and next steps (15 min)',
          ],
        },
      ],
    },
    {
      id: 'architecture',
      title: 'Architecture deep-dive',
      when: { minTier: 'Advanced' },
      guidance:
        'Advanced and Enterprise implementations hold a separate technical session with the customer architects.',
      blocks: [
        {
          type: 'list',
          id: 'architecture-topics',
          items: [
            'Identity and single sign-on',
            'Network, security and data residency',
            'Environments and release management',
            'Non-functional requirements: volumes, performance, availability',
          ],
        },
      ],
    },
    {
      id: 'attendees',
      title: 'Who attends',
      blocks: [
        {
          type: 'raci',
          id: 'raci',
          workstreams: [
            INTEGRATIONS,
            DATA_MIGRATION,
            {
              name: 'User acceptance testing',
              select: { roles: ['uat'] },
              consulted: 'Customer key users',
              informed: 'Customer project sponsor',
            },
          ],
        },
      ],
    },
    {
      id: 'integrations',
      title: 'Integrations to confirm',
      blocks: [
        {
          type: 'items',
          id: 'integrations',
          select: { roles: ['integration'] },
          columns: ['key', 'summary', 'owner', 'status'],
          empty: 'No integration items yet.',
        },
      ],
    },
    {
      id: 'data',
      title: 'Data to migrate',
      when: { has: { roles: ['migration'] } },
      blocks: [
        {
          type: 'items',
          id: 'migration',
          select: { roles: ['migration'] },
          columns: ['key', 'summary', 'owner', 'recordsExpected'],
        },
      ],
    },
    {
      id: 'assumptions',
      title: 'Assumptions to validate',
      blocks: [
        {
          type: 'raid',
          id: 'assumptions',
          kinds: ['assumption'],
          summary: false,
          caption: 'Open assumptions',
        },
      ],
    },
    {
      id: 'dependencies',
      title: 'Dependencies',
      blocks: [
        {
          type: 'raid',
          id: 'dependencies',
          kinds: ['dependency'],
          summary: false,
          caption: 'Open dependencies',
        },
      ],
    },
    {
      id: 'preparation',
      title: 'Preparation',
      blocks: [
        {
          type: 'checklist',
          id: 'preparation',
          items: [
            { text: 'Contract signed', check: { type: 'dateSet', date: 'contractSigned' } },
            { text: 'Kickoff held', check: { type: 'dateSet', date: 'kickoff' } },
            {
              text: 'Milestones planned with baseline dates',
              check: { type: 'exists', select: { kinds: ['milestone'] } },
            },
            { text: 'Assumptions logged', check: { type: 'exists', select: { kinds: ['assumption'] } } },
            { text: 'Agenda sent to attendees', check: { type: 'manual' } },
          ],
        },
      ],
    },
  ],
};
