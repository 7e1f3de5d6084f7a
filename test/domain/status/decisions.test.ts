// "Decisions needed" flags a gate waiting for approval that nobody is set to approve: the alerts
// tell the implementation's owner, and the status report says it where the team reads it.
import { buildImplementations, defaultConfig, type GateResult, type JiraIssue } from '../../../src/domain';
import { gateViewsFromResults } from '../../../src/domain/playbooks';
import { assembleStatusReport } from '../../../src/domain/status';
import { plainText, tablesOf } from '../../builders/document';
import { anImplementation, TEST_NAMES } from '../../builders/jira';

const config = defaultConfig();
const AS_OF = '2026-06-14';

const gate = (approvers: GateResult['approvers']): GateResult => ({
  id: 'uatReadiness',
  name: 'UAT Readiness',
  status: 'awaitingApproval',
  passed: false,
  criteriaMet: true,
  criteria: [],
  approvers,
  approvalCount: 0,
  requiredApprovals: 1,
  approvals: [],
  rejections: [],
  override: null,
  evidence: [],
  gateIssue: { key: 'IMP-9', done: false, status: 'To Do' },
  gateIssueAction: null,
});

function decisions(approvers: GateResult['approvers']): string[][] {
  const issues: JiraIssue[] = anImplementation({
    key: 'IMP-1',
    summary: 'Acme rollout',
    children: [{ key: 'IMP-9', type: 'Gate', custom: { 'Gate Type': 'UAT Readiness' } }],
  });
  const impl = buildImplementations(issues, TEST_NAMES, { asOf: AS_OF, config }).implementations[0];
  if (impl === undefined) throw new Error('no implementation');
  const gates = gateViewsFromResults([gate(approvers)], undefined, new Map(), new Map());
  const doc = assembleStatusReport(impl, { asOf: AS_OF, since: '2026-06-08', config, issues, gates });
  const table = tablesOf(doc).find((t) => t.id === 'decisions');
  return (table?.rows ?? []).map((r) => r.map((c) => plainText(c)));
}

describe('decisions needed: a gate waiting for approval', () => {
  it('with approvers configured reads as before', () => {
    expect(decisions({ users: ['acc-alice'], groups: [] })).toEqual([
      ['IMP-9 UAT Readiness', 'Gate waiting for approval', '0 approvals so far'],
    ]);
  });

  it('with no approvers configured is flagged, saying who may approve it', () => {
    expect(decisions({ users: [], groups: [] })).toEqual([
      [
        'IMP-9 UAT Readiness',
        'No approvers configured Gate waiting for approval',
        "0 approvals so far; nobody is set to approve it: a project administrator may, or set its approvers in Runway's settings",
      ],
    ]);
  });
});
