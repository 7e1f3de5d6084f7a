import { defaultConfig, parseConfig, type RunwayConfig } from '../../../src/domain';
import {
  BUILT_IN_TEMPLATES,
  milestoneSlip,
  readReporters,
  renderPlaybook,
  type ChecklistBlock,
  type GateView,
  type PlaybookTemplate,
  type StructuredDocument,
} from '../../../src/domain/playbooks';
import { acme, acmeIssues, AS_OF } from './fixture';
import { plainText, tablesOf } from '../../builders/document';

const config = defaultConfig();
const template = (id: string): PlaybookTemplate => {
  const t = BUILT_IN_TEMPLATES.find((x) => x.id === id);
  if (!t) throw new Error(`no template ${id}`);
  return t;
};
const render = (id: string, opts: { tier?: string; gates?: GateView[]; config?: RunwayConfig } = {}) =>
  renderPlaybook(
    template(id),
    acme(
      opts.tier
        ? { custom: { Complexity: opts.tier, 'Kickoff Date': '2026-01-12', 'Go-Live Date': '2026-05-01' } }
        : {},
      opts.config,
    ),
    {
      asOf: AS_OF,
      config: opts.config ?? config,
      gates: opts.gates,
      reporters: readReporters(acmeIssues()),
    },
  );

/** A table's rows as plain text, by table id. */
function rows(doc: StructuredDocument, id: string): string[][] {
  const t = tablesOf(doc).find((x) => x.id === id);
  if (!t)
    throw new Error(
      `no table ${id} in ${doc.templateId}: ${tablesOf(doc)
        .map((x) => x.id)
        .join(', ')}`,
    );
  return t.rows.map((r) => r.map(plainText));
}
function checklist(doc: StructuredDocument, id: string): ChecklistBlock {
  const found = doc.sections
    .flatMap((s) => s.blocks)
    .find((b): b is ChecklistBlock => b.type === 'checklist' && b.id === id);
  if (!found) throw new Error(`no checklist ${id}`);
  return found;
}

describe('rendering the implementation plan for a known implementation', () => {
  const doc = render('implementation-plan');

  it('names the template and the implementation', () => {
    expect(doc).toMatchObject({
      kind: 'playbook',
      templateId: 'implementation-plan',
      title: 'Implementation plan: ACME-1 Acme Corp rollout',
      implementation: { key: 'ACME-1', summary: 'Acme Corp rollout', tier: 'Advanced' },
      asOf: AS_OF,
    });
  });

  it('fills placeholders with the implementation’s facts, as plain text', () => {
    expect(doc.sections[0].blocks[0]).toEqual({
      type: 'paragraph',
      content: [
        {
          type: 'text',
          text: 'Acme Corp rollout (ACME-1) is a complexity tier Advanced implementation for the Mid-Market segment, owned by Olga Owner. Kickoff: 2026-01-12. Go-live: 2026-05-01.',
        },
      ],
    });
  });

  it('lists milestones with baseline, due, done, slip and state, in baseline order', () => {
    expect(rows(doc, 'milestones')).toEqual([
      [
        'ACME-2 Discovery complete',
        'Ana Lee',
        '2026-02-10',
        '2026-02-10',
        '2026-02-09',
        '−1 day',
        'Done on time',
      ],
      [
        'ACME-3 Design sign-off',
        'Ben Cruz',
        '2026-03-01',
        '2026-03-20',
        '2026-03-18',
        '+17 days',
        'Done late',
      ],
      ['ACME-4 Data migrated', 'Ana Lee', '2026-06-01', '2026-06-20', '—', '+19 days', 'Overdue'],
      ['ACME-5 Hypercare exit', 'Ana Lee', '2026-07-01', '2026-07-10', '—', '+9 days', 'Slipping'],
    ]);
  });

  it('summarises RAID per kind and lists open items, highest probability × impact first', () => {
    expect(rows(doc, 'raid-summary')).toEqual([
      ['Risk', '2', '1', '1', '0'],
      ['Assumption', '1', '1', '0', '0'],
      ['Issue', '1', '0', '0', '0'],
      ['Dependency', '0', '0', '0', '1'],
    ]);
    expect(rows(doc, 'raid').map((r) => [r[0].split(' ')[0], r[5]])).toEqual([
      ['ACME-6', '20'],
      ['ACME-8', '15'],
      ['ACME-7', '6'],
      ['ACME-9', '—'],
    ]);
  });

  it('derives RACI: responsible from the workstream’s assignees (most items first), accountable the implementation’s owner', () => {
    expect(rows(doc, 'raci')).toContainEqual([
      'RAID log',
      'Ana Lee, Ben Cruz',
      'Olga Owner',
      'Customer project sponsor',
      'Steering committee',
    ]);
    expect(rows(doc, 'raci')).toContainEqual([
      'User acceptance testing',
      'Dev Patel',
      'Olga Owner',
      'Customer key users',
      'Steering committee',
    ]);
  });

  it('shows each gate with its state from the Gate issues when no gate model is given', () => {
    expect(rows(doc, 'gates').map((r) => r.slice(0, 2))).toEqual([
      ['Design Sign-off ACME-14', 'Passed'],
      ['Migration Readiness', 'Not started'],
      ['UAT Readiness ACME-15', 'Open'],
      ['Go-Live Readiness', 'Not started'],
      ['Handover', 'Not started'],
      ['Hypercare Exit', 'Not started'],
    ]);
  });

  it('shows KPIs with the value, the tier’s target and whether it is met', () => {
    expect(rows(doc, 'kpis')).toEqual([
      ['Time to kickoff', '5 business days', '≤ 10 business days', 'Met'],
      ['Time to first value', 'no data', '≤ 60 days', 'No data'],
      ['Time to live', '109 days', 'tracked', 'Tracked'],
      ['On-time milestones', '33.3 %', '≥ 85 %', 'Not met'],
      ['Effort variance', 'no data', '≤ +10 %', 'No data'],
    ]);
  });

  it('shows change requests with their outcome', () => {
    expect(rows(doc, 'change-requests')).toEqual([
      ['ACME-11', 'Add Spanish locale', 'Approved', 'Approved'],
      ['ACME-12', 'Custom dashboard', 'Rejected', 'Rejected'],
      ['ACME-13', 'Extra report', 'In Review', 'Pending decision'],
    ]);
  });
});

describe('sections that depend on the complexity tier', () => {
  const ids = (tier: string) => render('implementation-plan', { tier }).sections.map((s) => s.id);

  it('leaves governance and the steering committee out of a Standard implementation', () => {
    expect(ids('Standard')).toEqual(['overview', 'scope', 'timeline', 'team', 'risks', 'changes', 'success']);
  });

  it('adds governance from Advanced up, and the steering committee for Enterprise only', () => {
    expect(ids('Advanced')).toEqual([
      'overview',
      'scope',
      'timeline',
      'team',
      'governance',
      'risks',
      'changes',
      'success',
    ]);
    expect(ids('Enterprise')).toEqual([
      'overview',
      'scope',
      'timeline',
      'team',
      'governance',
      'steering',
      'risks',
      'changes',
      'success',
    ]);
  });

  it('counts an implementation without Complexity as the default tier', () => {
    const doc = renderPlaybook(template('uat-plan'), acme({ custom: {} }), { asOf: AS_OF, config });
    expect(doc.implementation.tier).toBe('Standard');
    expect(doc.sections.map((s) => s.id)).not.toContain('regression');
    expect(rows(doc, 'facts')).toContainEqual(['Complexity tier', 'Standard (Complexity not set)']);
  });

  it('follows the site’s own tier names and order', () => {
    const custom = parseConfig({
      complexityTiers: ['Small', 'Advanced', 'Huge'],
      defaultComplexity: 'Small',
    });
    if (!custom.ok) throw new Error(custom.error);
    expect(
      render('implementation-plan', { tier: 'Huge', config: custom.value }).sections.map((s) => s.id),
    ).toContain('governance');
    expect(
      render('implementation-plan', { tier: 'Small', config: custom.value }).sections.map((s) => s.id),
    ).not.toContain('governance');
  });
});

describe('sections that depend on the data', () => {
  it('leaves "Data to migrate" out of the discovery agenda when there is no migration item', () => {
    const withMigration = render('discovery-workshop').sections.map((s) => s.id);
    const without = renderPlaybook(template('discovery-workshop'), acme({ children: [] }), {
      asOf: AS_OF,
      config,
    }).sections.map((s) => s.id);
    expect(withMigration).toContain('data');
    expect(without).not.toContain('data');
  });
});

describe('checklists bound to the data', () => {
  it('ticks go-live readiness items from the data and leaves people’s items to confirm', () => {
    const list = checklist(render('go-live-readiness'), 'readiness');
    expect(list.items.map((i) => [plainText(i.content), i.done, i.detail])).toEqual([
      ['Every UAT scenario done', false, '1 of 2 done'],
      ['UAT first-pass rate at target', true, '100 %, target ≥ 80 %'],
      ['No open P1 or P2 defect', false, '1 open: ACME-24'],
      ['No open risk with a score of 15 or more', false, '1 open: ACME-6'],
      ['Documentation completeness at target', false, '50 %, target ≥ 95 %'],
      ['Integration success rate at target', false, '98 %, target ≥ 99 %'],
      ['Reconciliation accuracy at target', true, '99.8 %, target ≥ 99.5 %'],
      ['Design Sign-off gate passed', true, 'passed'],
      ['Migration Readiness gate passed', false, 'not started'],
      ['UAT Readiness gate passed', false, 'open'],
      ['Support team trained and hypercare rota agreed', false, 'to confirm'],
    ]);
    expect([list.done, list.total]).toEqual([3, 11]);
  });

  it('reads P1 and P2 through the site’s priority mapping', () => {
    const custom = parseConfig({ priorities: { p1: ['Blocker'], p2: ['Critical'] } });
    if (!custom.ok) throw new Error(custom.error);
    const list = checklist(render('go-live-readiness', { config: custom.value }), 'readiness');
    expect(list.items[2]).toMatchObject({ done: true, detail: 'none open' });
  });
});

describe('gates from the gate model', () => {
  it('show criteria, sign-offs and evidence instead of the Gate issue alone', () => {
    const gates: GateView[] = [
      {
        key: 'goLiveReadiness',
        name: 'Go-Live Readiness',
        state: 'open',
        issueKey: null,
        criteria: [
          { label: 'every uat item done', result: 'fail', issues: ['ACME-17'] },
          { label: 'no open P1/P2 defect', result: 'fail', issues: ['ACME-24'] },
          { label: 'documentation completeness', result: 'pass', issues: [] },
          { label: 'migration reconciled', result: 'notApplicable', issues: [] },
        ],
        signOffs: [{ by: 'Olga Owner', at: '2026-06-10', decision: 'rejected', comment: 'P1 open' }],
        evidence: [
          { title: 'Go/no-go minutes', url: 'https://acme.example/minutes' },
          { title: 'Test report', issueKey: 'ACME-16', comment: 'final' },
        ],
      },
    ];
    const doc = render('go-live-readiness', { gates });
    expect(rows(doc, 'gates')).toEqual([
      [
        'Go-Live Readiness',
        'Open',
        '1 of 3 pass; failing: every uat item done; no open P1/P2 defect',
        'Olga Owner rejected 2026-06-10: “P1 open”',
        'Go/no-go minutes; ACME-16 Test report (final)',
      ],
    ]);
    expect(
      checklist(doc, 'readiness').items.find((i) => plainText(i.content) === 'Design Sign-off gate passed'),
    ).toMatchObject({ done: false, detail: 'no such gate' });
  });
});

describe('user text', () => {
  it('stays text: a summary with markup is carried as it is, never interpreted', () => {
    const doc = render('uat-plan');
    expect(rows(doc, 'open-defects')[0]).toEqual([
      'ACME-24',
      'Invoices missing tax <b>line</b>',
      'Highest',
      'Dev Patel',
      'To Do',
      '2026-05-05',
    ]);
  });
});

describe('milestone slip', () => {
  const m = (over: object) =>
    ({ ...acme().children.find((c) => c.key === 'ACME-4'), ...over }) as Parameters<typeof milestoneSlip>[0];

  it('is measured from the baseline to the done date, or to the later of due date and today while open', () => {
    expect(milestoneSlip(m({ done: true, resolved: '2026-06-03' }), AS_OF, 0)).toEqual({
      slip: 2,
      state: 'Done late',
      tone: 'warning',
    });
    expect(milestoneSlip(m({ done: true, resolved: '2026-06-03' }), AS_OF, 2)).toEqual({
      slip: 2,
      state: 'Done on time',
      tone: 'success',
    });
    expect(milestoneSlip(m({ dueDate: '2026-06-10' }), AS_OF, 0)).toEqual({
      slip: 14,
      state: 'Overdue',
      tone: 'danger',
    });
    expect(milestoneSlip(m({ baselineDue: '2026-07-01', dueDate: '2026-07-01' }), AS_OF, 0)).toEqual({
      slip: 0,
      state: 'Planned',
      tone: 'neutral',
    });
    expect(milestoneSlip(m({ baselineDue: null }), AS_OF, 0)).toEqual({
      slip: null,
      state: 'No baseline',
      tone: 'neutral',
    });
  });
});

describe('every built-in template', () => {
  it('renders for the known implementation with sections, and table rows as wide as their columns', () => {
    for (const t of BUILT_IN_TEMPLATES) {
      const doc = render(t.id);
      expect(doc.sections.length).toBeGreaterThan(3);
      for (const table of tablesOf(doc))
        for (const row of table.rows)
          expect([table.id, row.length]).toEqual([table.id, table.columns.length]);
    }
  });

  it('is deterministic: the same inputs give the same document', () => {
    for (const t of BUILT_IN_TEMPLATES) expect(render(t.id)).toEqual(render(t.id));
  });
});
