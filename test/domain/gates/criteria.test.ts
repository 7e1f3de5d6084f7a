import { marksHandoverPacket } from '../../../src/domain';
import { anImplementation, done, type IssueSpec } from '../../builders/jira';
import { criterion, gatesOf, record } from './support';

const DONE = done('2026-05-01T10:00:00.000+0000');
const ana = { accountId: 'acc-ana', displayName: 'Ana' };
const item = (key: string, labels: string[], spec: IssueSpec = {}): IssueSpec => ({ key, labels, ...spec });
const defect = (key: string, priority: string, spec: IssueSpec = {}): IssueSpec => ({
  key,
  type: 'Bug',
  priority,
  ...spec,
});
const risk = (key: string, probability: number, impact: number, spec: IssueSpec = {}): IssueSpec => ({
  key,
  type: 'Risk',
  custom: { Probability: probability, Impact: impact },
  ...spec,
});
const numbers = (n: Record<string, number>): IssueSpec => ({ custom: n });

describe('Design Sign-off: design deliverables done', () => {
  it('passes when every deliverable labelled design is done, and names them', () => {
    const c = criterion(
      gatesOf(
        anImplementation({
          children: [item('D-1', ['deliverable', 'design'], DONE), item('D-2', ['deliverable'])],
        }),
      ),
      'designSignOff',
      'Design deliverables',
    );
    expect([c.status, c.issues, c.failing]).toEqual(['pass', ['D-1'], []]);
  });

  it('fails while one is open, naming it', () => {
    const c = criterion(
      gatesOf(
        anImplementation({
          children: [item('D-1', ['deliverable', 'design'], DONE), item('D-2', ['Design', 'Deliverable'])],
        }),
      ),
      'designSignOff',
      'Design deliverables',
    );
    expect([c.status, c.failing, c.detail]).toEqual([
      'fail',
      ['D-2'],
      '1 of 2 deliverable + design items not done',
    ]);
  });

  it('is not applicable when there are no design deliverables', () => {
    expect(
      criterion(
        gatesOf(anImplementation({ children: [item('D-1', ['deliverable'])] })),
        'designSignOff',
        'Design',
      ).status,
    ).toBe('notApplicable');
  });
});

describe('Migration Readiness', () => {
  const migration = (key: string, expected: number | null, reconciled: number | null, spec: IssueSpec = {}) =>
    item(key, ['migration'], {
      ...spec,
      custom: {
        ...(expected === null ? {} : { 'Records Expected': expected }),
        ...(reconciled === null ? {} : { 'Records Reconciled': reconciled }),
      },
    });

  it('passes reconciliation when every migration item is at target (≥ 99.5%)', () => {
    const c = criterion(
      gatesOf(anImplementation({ children: [migration('M-1', 1000, 1000), migration('M-2', 200, 199)] })),
      'migrationReadiness',
      'Reconciliation',
    );
    expect([c.status, c.issues]).toEqual(['pass', ['M-1', 'M-2']]);
  });

  it('fails on any item below target even when the pooled accuracy meets it, and on an item without numbers', () => {
    const c = criterion(
      gatesOf(
        anImplementation({
          children: [
            migration('M-1', 100000, 100000),
            migration('M-2', 100, 98),
            migration('M-3', null, null),
          ],
        }),
      ),
      'migrationReadiness',
      'Reconciliation',
    );
    expect([c.status, c.failing]).toEqual(['fail', ['M-2', 'M-3']]);
    expect(c.detail).toBe('2 of 3 migration items below ≥ 99.5%: M-2 98%; M-3 no Records Expected');
  });

  it('is not applicable without migration items', () => {
    expect(
      criterion(gatesOf(anImplementation({ children: [] })), 'migrationReadiness', 'Reconciliation').status,
    ).toBe('notApplicable');
  });

  it('uses a configured threshold per complexity tier', () => {
    const config = {
      gates: [
        {
          id: 'migrationReadiness',
          criteria: [
            {
              kind: 'eachItemAtTarget' as const,
              kpi: 'reconciliation_accuracy' as const,
              threshold: { op: '>=' as const, value: { Standard: 0.9, Enterprise: 0.999 } },
            },
          ],
        },
      ],
      enforcement: [],
    };
    const issues = (tier: string) =>
      anImplementation({ custom: { Complexity: tier }, children: [migration('M-1', 100, 95)] });
    expect(gatesOf(issues('Standard'), { config })[0].criteria[0].status).toBe('pass');
    expect(gatesOf(issues('Enterprise'), { config })[0].criteria[0].status).toBe('fail');
  });

  it('fails on an open Highest or High defect labelled migration, and only on those', () => {
    const children = [
      defect('B-1', 'Highest', { labels: ['migration'] }),
      defect('B-2', 'High', { labels: ['migration'], ...DONE }),
      defect('B-3', 'Medium', { labels: ['migration'] }),
      defect('B-4', 'High'),
    ];
    const c = criterion(gatesOf(anImplementation({ children })), 'migrationReadiness', 'No open');
    expect([c.status, c.failing, c.detail]).toEqual([
      'fail',
      ['B-1'],
      '1 open Highest/High migration defect',
    ]);
  });
});

describe('UAT Readiness', () => {
  it('passes integration success at target (≥ 99%) and names the items with failed runs', () => {
    const children = [
      item('I-1', ['integration'], numbers({ 'Integration Runs': 1000, 'Failed Runs': 5 })),
      item('I-2', ['integration'], numbers({ 'Integration Runs': 1000 })),
    ];
    const c = criterion(gatesOf(anImplementation({ children })), 'uatReadiness', 'Integration success');
    expect([c.status, c.issues, c.detail]).toEqual([
      'pass',
      ['I-1', 'I-2'],
      'Integration success rate 99.8%, target ≥ 99%',
    ]);
  });

  it('fails integration success below target, naming the items with failures', () => {
    const children = [
      item('I-1', ['integration'], numbers({ 'Integration Runs': 100, 'Failed Runs': 5 })),
      item('I-2', ['integration'], numbers({ 'Integration Runs': 100 })),
    ];
    const c = criterion(gatesOf(anImplementation({ children })), 'uatReadiness', 'Integration success');
    expect([c.status, c.failing]).toEqual(['fail', ['I-1']]);
  });

  it('says integration success is not applicable without integration runs (a null KPI is no data, not 0)', () => {
    expect(
      criterion(gatesOf(anImplementation({ children: [] })), 'uatReadiness', 'Integration success').status,
    ).toBe('notApplicable');
  });

  it('is not applicable when the KPI has no target', () => {
    const c = criterion(
      gatesOf(
        anImplementation({
          children: [item('I-1', ['integration'], numbers({ 'Integration Runs': 10, 'Failed Runs': 5 }))],
        }),
        { config: { targets: { integration_success_rate: null } } },
      ),
      'uatReadiness',
      'Integration',
    );
    expect([c.status, c.detail]).toEqual(['notApplicable', 'Integration success rate has no target']);
  });

  it('needs uat items to exist and each to be assigned', () => {
    expect(criterion(gatesOf(anImplementation({ children: [] })), 'uatReadiness', 'UAT items').status).toBe(
      'fail',
    );
    const children = [item('U-1', ['uat'], { fields: { assignee: ana } }), item('U-2', ['uat'])];
    const c = criterion(gatesOf(anImplementation({ children })), 'uatReadiness', 'UAT items');
    expect([c.status, c.failing]).toEqual(['fail', ['U-2']]);
    const assigned = children.map((s) => ({ ...s, fields: { assignee: ana } }));
    expect(
      criterion(gatesOf(anImplementation({ children: assigned })), 'uatReadiness', 'UAT items').status,
    ).toBe('pass');
  });
});

describe('Go-Live Readiness', () => {
  it('judges UAT first-pass at target (≥ 80%) over done uat items, naming those that failed first time', () => {
    const children = [
      ...['U-1', 'U-2', 'U-3', 'U-4'].map((k) => item(k, ['uat'], DONE)),
      item('U-5', ['uat'], {
        ...DONE,
        histories: [
          {
            id: '1',
            created: '2026-04-01T10:00:00.000+0000',
            items: [{ field: 'status', fromString: 'In Test', toString: 'Failed' }],
          },
        ],
      }),
    ];
    const pass = criterion(gatesOf(anImplementation({ children })), 'goLiveReadiness', 'UAT first-pass');
    expect([pass.status, pass.detail, pass.issues]).toEqual([
      'pass',
      'UAT first-pass rate 80%, target ≥ 80%',
      ['U-1', 'U-2', 'U-3', 'U-4', 'U-5'],
    ]);
    const more = [
      ...children,
      item('U-6', ['uat'], {
        ...DONE,
        histories: [
          {
            id: '2',
            created: '2026-04-01T10:00:00.000+0000',
            items: [{ field: 'status', fromString: 'In Test', toString: 'Rejected' }],
          },
        ],
      }),
    ];
    const fail = criterion(
      gatesOf(anImplementation({ children: more })),
      'goLiveReadiness',
      'UAT first-pass',
    );
    expect([fail.status, fail.failing]).toEqual(['fail', ['U-5', 'U-6']]);
  });

  it('needs every uat item done, and at least one', () => {
    expect(
      criterion(gatesOf(anImplementation({ children: [] })), 'goLiveReadiness', 'Every UAT').status,
    ).toBe('fail');
    const c = criterion(
      gatesOf(anImplementation({ children: [item('U-1', ['uat'], DONE), item('U-2', ['uat'])] })),
      'goLiveReadiness',
      'Every UAT',
    );
    expect([c.status, c.failing]).toEqual(['fail', ['U-2']]);
  });

  it('fails on any open Highest/High defect, whatever its labels', () => {
    const c = criterion(
      gatesOf(
        anImplementation({
          children: [defect('B-1', 'High'), defect('B-2', 'Highest', DONE), defect('B-3', 'Low')],
        }),
      ),
      'goLiveReadiness',
      'No open',
    );
    expect([c.status, c.failing]).toEqual(['fail', ['B-1']]);
  });

  it('fails on an open risk scoring 15 or more without a mitigation, and ignores the rest', () => {
    const children = [
      risk('R-1', 4, 4), // 16, open, not mitigated
      risk('R-2', 5, 5, { status: 'Mitigating' }), // mitigated
      risk('R-3', 5, 4, DONE), // closed
      risk('R-4', 3, 4), // 12
      { key: 'A-1', type: 'Assumption', custom: { Probability: 5, Impact: 5 } }, // not a risk
    ];
    const c = criterion(gatesOf(anImplementation({ children })), 'goLiveReadiness', 'No open risk');
    expect([c.status, c.issues, c.failing]).toEqual(['fail', ['R-1', 'R-2'], ['R-1']]);
    expect(c.detail).toBe('1 of 2 open risks scoring 15+ without a mitigation');
    const mitigated = criterion(
      gatesOf(anImplementation({ children: children.slice(1) })),
      'goLiveReadiness',
      'No open risk',
    );
    expect(mitigated.status).toBe('pass');
  });

  it('judges documentation completeness at target against the deliverables', () => {
    const children = [
      ...Array.from({ length: 19 }, (_, i) => item(`D-${i + 1}`, ['deliverable'], DONE)),
      item('D-20', ['deliverable']),
    ];
    const c = criterion(gatesOf(anImplementation({ children })), 'goLiveReadiness', 'Documentation');
    expect([c.status, c.issues.length, c.detail]).toEqual([
      'pass',
      20,
      'Documentation completeness 95%, target ≥ 95%',
    ]);
    const worse = criterion(
      gatesOf(anImplementation({ children: [...children, item('D-21', ['deliverable'])] })),
      'goLiveReadiness',
      'Documentation',
    );
    expect([worse.status, worse.failing]).toEqual(['fail', ['D-20', 'D-21']]);
  });

  it('needs the earlier gates passed, naming those that have not', () => {
    const c = criterion(gatesOf(anImplementation({ children: [] })), 'goLiveReadiness', 'Earlier gates');
    expect([c.status, c.detail]).toEqual([
      'fail',
      'Not passed yet: Design Sign-off, Migration Readiness, UAT Readiness',
    ]);
    const audit = ['designSignOff', 'migrationReadiness', 'uatReadiness'].map((gateId) =>
      record({ action: 'override', gateId, by: 'admin', comment: 'agreed in steering' }),
    );
    expect(
      criterion(gatesOf(anImplementation({ children: [] }), { audit }), 'goLiveReadiness', 'Earlier gates')
        .status,
    ).toBe('pass');
  });

  it('lists the Gate issues of the earlier gates as the issues behind "earlier gates passed"', () => {
    const g = (key: string, type: string): IssueSpec => ({
      key,
      type: 'Gate',
      custom: { 'Gate Type': type },
    });
    const c = criterion(
      gatesOf(anImplementation({ children: [g('G-1', 'Design Sign-off'), g('G-3', 'uat readiness')] })),
      'goLiveReadiness',
      'Earlier gates',
    );
    expect([c.issues, c.failing]).toEqual([
      ['G-1', 'G-3'],
      ['G-1', 'G-3'],
    ]);
  });
});

describe('Handover', () => {
  const docs = (doneCount: number, open: number) => [
    ...Array.from({ length: doneCount }, (_, i) => item(`D-${i + 1}`, ['deliverable'], DONE)),
    ...Array.from({ length: open }, (_, i) => item(`D-${doneCount + i + 1}`, ['deliverable'])),
  ];

  it('needs documentation completeness of at least 0.95', () => {
    expect(
      criterion(gatesOf(anImplementation({ children: docs(19, 1) })), 'handover', 'Documentation').status,
    ).toBe('pass');
    expect(
      criterion(gatesOf(anImplementation({ children: docs(18, 2) })), 'handover', 'Documentation').status,
    ).toBe('fail');
  });

  it('passes on a linked page that Runway published as the handover packet, or that the reader found marked as one; never on a link’s own name (issue 12, item 10)', () => {
    const issues = anImplementation({ children: [] });
    const status = (options: Parameters<typeof gatesOf>[1]) =>
      criterion(gatesOf(issues, options), 'handover', 'Handover packet').status;
    expect(status({})).toBe('fail');
    // Named like Runway's link, but the page is no handover packet: not enough any more.
    const named = [
      {
        globalId: 'runway:handover-packet:IMP-1',
        relationship: 'Handover packet',
        title: 'Handover packet',
        url: 'https://x/wiki/spaces/D/pages/77',
      },
    ];
    expect(status({ remoteLinks: named })).toBe('fail');
    expect(status({ remoteLinks: named, handoverPages: ['77'] })).toBe('pass');
    const anyPage = [{ title: 'Design doc', url: 'https://x/wiki/spaces/D/pages/88/Design' }];
    expect(status({ remoteLinks: anyPage, handoverPages: ['77'] })).toBe('fail');
    expect(
      criterion(gatesOf(issues, { remoteLinks: named, handoverPages: ['77'] }), 'handover', 'Handover packet')
        .detail,
    ).toBe('A handover packet is linked from the implementation');
  });

  it('accepts a handover packet page attached as the gate’s evidence, not any Confluence page, and not one that is gone (issue 12, item 10)', () => {
    const issues = anImplementation({ children: [] });
    const audit = [
      record({
        action: 'addEvidence',
        gateId: 'handover',
        by: 'ana',
        evidence: { id: 'ev-1', type: 'confluencePage', target: '123', title: 'Handover' },
      }),
    ];
    const status = (options: Parameters<typeof gatesOf>[1]) =>
      criterion(gatesOf(issues, { audit, ...options }), 'handover', 'Handover packet').status;
    expect(status({})).toBe('fail');
    expect(status({ handoverPages: ['123'] })).toBe('pass');
    expect(status({ handoverPages: ['123'], missingEvidence: ['ev-1'] })).toBe('fail');
  });

  it('recognises a handover packet page by its title or its label', () => {
    expect(marksHandoverPacket({ title: 'Handover packet: Acme' })).toBe(true);
    expect(marksHandoverPacket({ title: 'Acme – handover-packet v2' })).toBe(true);
    expect(marksHandoverPacket({ title: 'Design doc' })).toBe(false);
    expect(marksHandoverPacket({ title: 'Design doc', labels: ['Handover-Packet'] })).toBe(true);
    expect(marksHandoverPacket({ title: 'Handover plan', labels: ['handover'] })).toBe(false);
  });
});

describe('Hypercare Exit', () => {
  it('fails on an open P1 or P2 defect', () => {
    const c = criterion(
      gatesOf(anImplementation({ children: [defect('B-1', 'Highest'), defect('B-2', 'Medium')] })),
      'hypercareExit',
      'No open',
    );
    expect([c.status, c.failing]).toEqual(['fail', ['B-1']]);
  });

  it('needs 30 calendar days since go-live', () => {
    const live = (date: string) => anImplementation({ custom: { 'Go-Live Date': date } });
    expect(criterion(gatesOf(anImplementation({ children: [] })), 'hypercareExit', '30 days').detail).toBe(
      'Not live yet (no go-live date)',
    );
    const early = criterion(gatesOf(live('2026-06-01')), 'hypercareExit', '30 days');
    expect([early.status, early.detail]).toEqual(['fail', '29 days since go-live on 2026-06-01; 30 needed']);
    expect(criterion(gatesOf(live('2026-05-31')), 'hypercareExit', '30 days').status).toBe('pass');
  });
});

describe('criteria follow the site’s own names', () => {
  it('reads renamed labels and priorities', () => {
    const config = { labels: { uat: 'acceptance' }, priorities: { p1: ['Blocker'], p2: ['Critical'] } };
    const children = [item('U-1', ['acceptance']), defect('B-1', 'Blocker')];
    const gates = gatesOf(anImplementation({ children }), { config });
    expect(criterion(gates, 'goLiveReadiness', 'Every UAT').failing).toEqual(['U-1']);
    expect(criterion(gates, 'goLiveReadiness', 'No open').failing).toEqual(['B-1']);
  });

  it('gives a title from the parameters when the config gives none', () => {
    const config = {
      gates: [
        {
          id: 'designSignOff',
          criteria: [
            { kind: 'noOpenDefects' as const, priorities: ['p1' as const], label: 'integration' as const },
            { kind: 'daysSinceGoLive' as const, days: 7 },
          ],
        },
      ],
      enforcement: [],
    };
    expect(gatesOf(anImplementation({ children: [] }), { config })[0].criteria.map((c) => c.title)).toEqual([
      'No open Highest integration defect',
      '7 days since go-live',
    ]);
  });
});
