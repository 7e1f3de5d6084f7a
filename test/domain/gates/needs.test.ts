// Issue 10 item 6: what evaluating a set of gates reads, from their criteria alone (pure).
import {
  defaultConfig,
  gateReadPlan,
  gatesToEvaluate,
  historyFieldsFor,
  parseConfig,
} from '../../../src/domain';

const config = defaultConfig();
const issue = (key: string, labels: string[], type = 'Task') => ({
  key,
  fields: { labels, issuetype: { name: type } },
});

describe('the read plan of a set of gates', () => {
  it('evaluates the required gates and, transitively, the earlier gates they need passed', () => {
    expect(gatesToEvaluate(['goLiveReadiness'], config)).toEqual([
      'designSignOff',
      'migrationReadiness',
      'uatReadiness',
      'goLiveReadiness',
    ]);
    expect(gatesToEvaluate(['hypercareExit'], config)).toEqual(['hypercareExit']);
  });

  it('reads no changelog for criteria that read none (Design Sign-off: deliverables done)', () => {
    const plan = gateReadPlan(['designSignOff'], config);
    expect(plan).toMatchObject({
      gates: ['designSignOff'],
      children: true,
      implementationHistory: [],
      childHistory: { fields: [], all: false },
      remoteLinks: false,
      evidenceGates: [],
    });
    expect(plan.systemFields).not.toContain('assignee');
  });

  it('reads the history of UAT items only for the UAT first-pass rate, and the fields each criterion reads', () => {
    const plan = gateReadPlan(['goLiveReadiness'], config);
    expect(plan.childHistory).toEqual({
      fields: ['status', 'resolution'],
      all: false,
      labels: ['uat'],
      kinds: [],
    });
    expect(plan.fields).toEqual(
      expect.arrayContaining([
        'recordsExpected',
        'recordsReconciled',
        'integrationRuns',
        'failedRuns',
        'probability',
        'impact',
      ]),
    );
    expect(plan.systemFields).toEqual(expect.arrayContaining(['assignee', 'priority']));
    expect(historyFieldsFor(issue('IMP-2', ['UAT']), 'IMP-1', plan, config)).toEqual([
      'status',
      'resolution',
    ]);
    expect(historyFieldsFor(issue('IMP-3', ['integration']), 'IMP-1', plan, config)).toEqual([]);
    expect(historyFieldsFor(issue('IMP-1', ['implementation'], 'Epic'), 'IMP-1', plan, config)).toEqual([]);
  });

  it("reads the implementation's status history for go-live, and the Gate issue's for the handover first pass", () => {
    expect(gateReadPlan(['hypercareExit'], config).implementationHistory).toEqual(['status']);
    const custom = parseConfig({
      gates: [{ id: 'handover', criteria: [{ kind: 'kpiAtTarget', kpi: 'handover_first_pass' }] }],
      enforcement: [],
    });
    if (!custom.ok) throw new Error(custom.error);
    const plan = gateReadPlan(['handover'], custom.value);
    expect(historyFieldsFor(issue('IMP-9', [], 'Gate'), 'IMP-1', plan, custom.value)).toEqual([
      'status',
      'resolution',
    ]);
    expect(historyFieldsFor(issue('IMP-8', [], 'Task'), 'IMP-1', plan, custom.value)).toEqual([]);
  });

  it('reads only the implementation, its remote links and its Handover evidence for a handover packet criterion', () => {
    const custom = parseConfig({
      gates: [{ id: 'handover', criteria: [{ kind: 'handoverPacketLinked' }] }],
      enforcement: [],
    });
    if (!custom.ok) throw new Error(custom.error);
    expect(gateReadPlan(['handover'], custom.value)).toMatchObject({
      children: false,
      remoteLinks: true,
      evidenceGates: ['handover'],
      implementationHistory: [],
      childHistory: { fields: [] },
    });
  });
});
