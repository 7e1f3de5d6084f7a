import {
  computeImplementationKpis,
  defaultConfig,
  evaluateGates,
  AuditRecordSchema,
  type AuditRecord,
  type Sightings,
} from '../../../src/domain';
import {
  gatesFromIssues,
  gateViewsFromResults,
  renderPlaybook,
  BUILT_IN_TEMPLATES,
} from '../../../src/domain/playbooks';
import { acme, AS_OF } from './fixture';
import { plainText, tablesOf } from '../../builders/document';

const config = defaultConfig();
const olga = { accountId: 'acc-olga' };
const base = { by: olga, gateStatus: 'notReady' as const, criteria: [] };
/** Names as the reader's lookup answered them. */
const people = new Map([['acc-olga', 'Olga Owner']]);

function gateViews(audit: AuditRecord[], sightings: Sightings = new Map(), names = people) {
  const impl = acme();
  const results = evaluateGates({
    implementation: impl,
    kpis: computeImplementationKpis(impl, config, AS_OF).kpis,
    config,
    asOf: AS_OF,
    audit,
    remoteLinks: [],
  });
  return gateViewsFromResults(results, 'https://acme.atlassian.net', sightings, names);
}

describe('gate views from the gate model', () => {
  it('carry each configured gate with its status, criteria and Gate issue', () => {
    const views = gateViews([]);
    expect(views.map((g) => [g.key, g.name, g.issueKey])).toEqual([
      ['designSignOff', 'Design Sign-off', 'ACME-14'],
      ['migrationReadiness', 'Migration Readiness', null],
      ['uatReadiness', 'UAT Readiness', 'ACME-15'],
      ['goLiveReadiness', 'Go-Live Readiness', null],
      ['handover', 'Handover', null],
      ['hypercareExit', 'Hypercare Exit', null],
    ]);
    const handover = views.find((g) => g.key === 'handover');
    expect(handover?.criteria).toContainEqual({
      label: 'Handover packet linked',
      result: 'fail',
      issues: [],
    });
  });

  it('turn the audit record into sign-offs (by whom, on which day, with the comment) and evidence links, titled as the reader sees them', () => {
    const views = gateViews(
      [
        {
          ...base,
          at: '2026-06-01T09:00:00.000Z',
          gateId: 'handover',
          action: 'reject',
          comment: 'Admin guide missing',
        },
        {
          ...base,
          at: '2026-06-02T10:00:00.000Z',
          gateId: 'handover',
          action: 'addEvidence',
          evidence: { id: 'e1', type: 'confluencePage', target: '123', title: 'Runbook', comment: 'v2' },
        },
        {
          ...base,
          at: '2026-06-02T11:00:00.000Z',
          gateId: 'handover',
          action: 'addEvidence',
          evidence: { id: 'e2', type: 'jiraIssue', target: 'ACME-21', title: 'Design doc', comment: '' },
        },
        {
          ...base,
          at: '2026-06-03T12:00:00.000Z',
          gateId: 'handover',
          action: 'override',
          comment: 'Customer accepted the gap',
        },
      ],
      // The reader sees the page (under its current title) but not the issue.
      new Map([['confluencePage:123', { visible: true, title: 'Runbook v2' }]]),
    );
    const handover = views.find((g) => g.key === 'handover');
    expect(handover?.state).toBe('overridden');
    expect(handover?.signOffs).toEqual([
      { by: 'Olga Owner', at: '2026-06-01', decision: 'rejected', comment: 'Admin guide missing' },
      { by: 'Olga Owner', at: '2026-06-03', decision: 'overridden', comment: 'Customer accepted the gap' },
    ]);
    expect(handover?.evidence).toEqual([
      {
        title: 'Runbook v2',
        url: 'https://acme.atlassian.net/wiki/pages/viewpage.action?pageId=123',
        comment: 'v2',
      },
      { title: 'an item you cannot see' },
    ]);
  });

  it('never show a stored title: what the reader cannot see has no key, no title and no link (defect 12.1)', () => {
    const views = gateViews([
      {
        ...base,
        at: '2026-06-02T10:00:00.000Z',
        gateId: 'handover',
        action: 'addEvidence',
        evidence: {
          id: 'e1',
          type: 'jiraIssue',
          target: 'ENT-105',
          title: 'Secret merger plan',
          comment: '',
        },
      },
      {
        ...base,
        at: '2026-06-02T11:00:00.000Z',
        gateId: 'handover',
        action: 'addEvidence',
        evidence: { id: 'e2', type: 'confluencePage', target: '777', title: 'Restricted page', comment: '' },
      },
    ]);
    const evidence = views.find((g) => g.key === 'handover')?.evidence;
    expect(evidence).toEqual([{ title: 'an item you cannot see' }, { title: 'an item you cannot see' }]);
    const packet = JSON.stringify(views);
    expect([packet.includes('ENT-105'), packet.includes('Secret'), packet.includes('777')]).toEqual([
      false,
      false,
      false,
    ]);
  });

  it('name whoever signed as the reader looks them up: never by a name the record kept; an account the lookup does not know, or an anonymised one, is "a former user"', () => {
    const old = AuditRecordSchema.parse({
      ...base,
      by: { accountId: 'acc-olga', displayName: 'Olga (name when she signed)' },
      at: '2026-06-01T10:00:00.000Z',
      gateId: 'designSignOff',
      action: 'approve',
      comment: '',
    });
    const gone = { ...old, by: { accountId: 'acc-left' }, at: '2026-06-02T10:00:00.000Z' };
    const anonymised = { ...old, by: { accountId: 'anonymised-1' }, at: '2026-06-03T10:00:00.000Z' };
    const views = gateViews([old, gone, anonymised], new Map(), new Map([['acc-olga', 'Olga Renamed']]));
    expect(views.find((g) => g.key === 'designSignOff')?.signOffs.map((s) => s.by)).toEqual([
      'Olga Renamed',
      'a former user',
      'a former user',
    ]);
  });

  it('render into the gates table, and an overridden gate ticks "gate passed"', () => {
    const gates = gateViews([
      {
        ...base,
        at: '2026-06-03T12:00:00.000Z',
        gateId: 'handover',
        action: 'override',
        comment: 'Accepted',
      },
    ]);
    const doc = renderPlaybook(
      BUILT_IN_TEMPLATES.find((t) => t.id === 'hypercare-plan') ?? BUILT_IN_TEMPLATES[0],
      acme(),
      { asOf: AS_OF, config, gates },
    );
    const exit = doc.sections
      .flatMap((s) => s.blocks)
      .find((b) => b.type === 'checklist' && b.id === 'exit-criteria');
    expect(
      exit?.type === 'checklist' ? exit.items.map((i) => [plainText(i.content), i.done, i.detail]) : [],
    ).toContainEqual(['Handover gate passed', true, 'overridden']);
    const packetGates = renderPlaybook(
      BUILT_IN_TEMPLATES.find((t) => t.id === 'go-live-readiness') ?? BUILT_IN_TEMPLATES[0],
      acme(),
      { asOf: AS_OF, config, gates },
    );
    const row = tablesOf(packetGates)
      .find((t) => t.id === 'gates')
      ?.rows.find((r) => plainText(r[0]) === 'Handover');
    expect(row?.map(plainText)).toEqual([
      'Handover',
      'Overridden',
      expect.stringMatching(/^\d of \d pass; failing: /),
      'Olga Owner overridden 2026-06-03: “Accepted”',
      '—',
    ]);
  });

  it('fall back to what the Gate issues say when there is no gate model (the command line)', () => {
    expect(gatesFromIssues(acme(), config).map((g) => [g.key, g.state])).toEqual([
      ['designSignOff', 'passed'],
      ['migrationReadiness', 'notStarted'],
      ['uatReadiness', 'open'],
      ['goLiveReadiness', 'notStarted'],
      ['handover', 'notStarted'],
      ['hypercareExit', 'notStarted'],
    ]);
  });
});
