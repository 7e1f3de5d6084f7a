import {
  computeImplementationKpis,
  defaultConfig,
  evaluateGates,
  type AuditRecord,
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
const olga = { accountId: 'acc-olga', displayName: 'Olga Owner' };
const base = { by: olga, gateStatus: 'notReady' as const, criteria: [] };

function gateViews(audit: AuditRecord[]) {
  const impl = acme();
  const results = evaluateGates({
    implementation: impl,
    kpis: computeImplementationKpis(impl, config, AS_OF).kpis,
    config,
    asOf: AS_OF,
    audit,
    remoteLinks: [],
  });
  return gateViewsFromResults(results, 'https://acme.atlassian.net');
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

  it('turn the audit record into sign-offs (by whom, on which day, with the comment) and evidence links', () => {
    const views = gateViews([
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
    ]);
    const handover = views.find((g) => g.key === 'handover');
    expect(handover?.state).toBe('overridden');
    expect(handover?.signOffs).toEqual([
      { by: 'Olga Owner', at: '2026-06-01', decision: 'rejected', comment: 'Admin guide missing' },
      { by: 'Olga Owner', at: '2026-06-03', decision: 'overridden', comment: 'Customer accepted the gap' },
    ]);
    expect(handover?.evidence).toEqual([
      {
        title: 'Runbook',
        url: 'https://acme.atlassian.net/wiki/pages/viewpage.action?pageId=123',
        comment: 'v2',
      },
      { title: 'Design doc', issueKey: 'ACME-21' },
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
