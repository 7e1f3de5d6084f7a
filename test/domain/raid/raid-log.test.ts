import fc from 'fast-check';
import { buildImplementations, defaultConfig, type Implementation } from '../../../src/domain';
import {
  ageRaidItem,
  buildRaidLog,
  raidIssueTypeIds,
  scoreBand,
  scoreRaidItem,
  type RaidKind,
} from '../../../src/domain/raid';
import { anImplementation, done, type IssueSpec } from '../../builders/jira';
import { TEST_NAMES } from '../../builders/jira';

const AS_OF = '2026-06-30';

function implementationOf(children: IssueSpec[], asOf = AS_OF): Implementation {
  const model = buildImplementations(anImplementation({ key: 'IMP-1', children }), TEST_NAMES, {
    asOf,
    config: defaultConfig(),
  });
  return model.implementations[0];
}

const risk = (spec: IssueSpec & { p?: string; i?: string }): IssueSpec => {
  const { p, i, ...rest } = spec;
  return {
    type: 'Risk',
    ...rest,
    custom: { ...(p ? { Probability: p } : {}), ...(i ? { Impact: i } : {}), ...rest.custom },
  };
};

describe('RAID scoring: probability × impact', () => {
  it('scores 1–25 and bands the score: low up to 5, medium up to 14, high from 15, critical from 20', () => {
    expect(scoreRaidItem({ key: 'R-1', kind: 'risk', probability: 3, impact: 5 }, [])).toEqual({
      probability: 3,
      impact: 5,
      score: 15,
      band: 'high',
    });
    expect([1, 5, 6, 14, 15, 19, 20, 25].map(scoreBand)).toEqual([
      'low',
      'low',
      'medium',
      'medium',
      'high',
      'high',
      'critical',
      'critical',
    ]);
  });

  it('has no score when probability or impact is empty, except an issue, which has happened and scores as certain', () => {
    expect(scoreRaidItem({ key: 'R-1', kind: 'risk', probability: null, impact: 4 }, []).score).toBeNull();
    expect(
      scoreRaidItem({ key: 'A-1', kind: 'assumption', probability: 2, impact: null }, []).score,
    ).toBeNull();
    expect(scoreRaidItem({ key: 'I-1', kind: 'issue', probability: null, impact: 4 }, [])).toEqual({
      probability: 5,
      impact: 4,
      score: 20,
      band: 'critical',
    });
    expect(scoreRaidItem({ key: 'I-2', kind: 'issue', probability: 2, impact: 4 }, []).score).toBe(8);
    expect(
      scoreRaidItem({ key: 'D-1', kind: 'dependency', probability: null, impact: 4 }, []).score,
    ).toBeNull();
  });

  it('leaves a value off the 1–5 scale out of the score, with a warning naming the issue', () => {
    const warnings: Array<{ issue: string; code: string; message: string }> = [];
    expect(
      scoreRaidItem({ key: 'R-9', kind: 'risk', probability: 7, impact: 2.5 }, warnings).score,
    ).toBeNull();
    expect(warnings.map((w) => [w.issue, w.code])).toEqual([
      ['R-9', 'OFF_SCALE'],
      ['R-9', 'OFF_SCALE'],
    ]);
    expect(warnings.map((w) => w.message.split(' is')[0])).toEqual(['Impact 2.5', 'Probability 7']);
  });

  it('always gives p × i within 1–25 for values on the scale (property)', () => {
    const kinds: RaidKind[] = ['risk', 'assumption', 'issue', 'dependency'];
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 5 }),
        fc.integer({ min: 1, max: 5 }),
        fc.constantFrom(...kinds),
        (p, i, kind) => {
          const s = scoreRaidItem({ key: 'X-1', kind, probability: p, impact: i }, []);
          return s.score === p * i && s.score >= 1 && s.score <= 25 && s.band === scoreBand(p * i);
        },
      ),
    );
  });
});

describe('RAID ageing', () => {
  it('ages an open item from creation to asOf and a done one to its resolution', () => {
    expect(
      ageRaidItem({ created: '2026-06-01', resolved: null, done: false, dueDate: null }, AS_OF).ageDays,
    ).toBe(29);
    expect(
      ageRaidItem({ created: '2026-06-01', resolved: '2026-06-11', done: true, dueDate: null }, AS_OF)
        .ageDays,
    ).toBe(10);
    expect(
      ageRaidItem({ created: null, resolved: null, done: false, dueDate: null }, AS_OF).ageDays,
    ).toBeNull();
  });

  it('makes an open item overdue the day after its due date, and a done item never', () => {
    expect(
      ageRaidItem({ created: '2026-06-01', resolved: null, done: false, dueDate: '2026-06-30' }, AS_OF),
    ).toMatchObject({ overdue: false, overdueDays: 0 });
    expect(
      ageRaidItem({ created: '2026-06-01', resolved: null, done: false, dueDate: '2026-06-27' }, AS_OF),
    ).toMatchObject({ overdue: true, overdueDays: 3 });
    expect(
      ageRaidItem(
        { created: '2026-06-01', resolved: '2026-06-29', done: true, dueDate: '2026-06-01' },
        AS_OF,
      ),
    ).toMatchObject({ overdue: false, overdueDays: 0 });
  });
});

describe('the RAID log of an implementation', () => {
  const children: IssueSpec[] = [
    risk({
      key: 'IMP-2',
      summary: 'Data quality',
      p: '4',
      i: '5',
      created: '2026-05-01T09:00:00.000+0000',
      duedate: '2026-06-15',
    }),
    risk({ key: 'IMP-3', summary: 'Vendor delay', p: '3', i: '5', created: '2026-06-20T09:00:00.000+0000' }),
    risk({ key: 'IMP-4', summary: 'Closed risk', p: '5', i: '5', ...done('2026-06-10T09:00:00.000+0000') }),
    { key: 'IMP-5', type: 'Assumption', summary: 'SSO exists', custom: { Probability: '2', Impact: '3' } },
    { key: 'IMP-6', type: 'Issue', summary: 'Sandbox down', custom: { Impact: '3' }, duedate: '2026-06-29' },
    { key: 'IMP-7', type: 'Dependency', summary: 'Customer API', duedate: '2026-07-10' },
    { key: 'IMP-8', type: 'Milestone', summary: 'Go-live' },
    { key: 'IMP-9', type: 'Task', summary: 'Configure' },
  ];
  const log = buildRaidLog(implementationOf(children), AS_OF);

  it('holds only risks, assumptions, issues and dependencies, open ones first by score, then due date', () => {
    expect(log.items.map((i) => [i.key, i.kind, i.score])).toEqual([
      ['IMP-2', 'risk', 20],
      ['IMP-6', 'issue', 15], // due 29 June, before the undated IMP-3
      ['IMP-3', 'risk', 15],
      ['IMP-5', 'assumption', 6],
      ['IMP-7', 'dependency', null],
      ['IMP-4', 'risk', 25],
    ]);
  });

  it('counts open high risks (risks scoring ≥ 15) and overdue open items', () => {
    expect(log.counts).toEqual({
      openHighRisks: 2,
      overdue: 2,
      open: 5,
      total: 6,
      openByKind: { risk: 2, assumption: 1, issue: 1, dependency: 1 },
    });
  });

  it('puts open scored items in the 5×5 heat map at [probability − 1][impact − 1]', () => {
    expect(log.heatMap[3][4]).toBe(1); // IMP-2
    expect(log.heatMap[2][4]).toBe(1); // IMP-3
    expect(log.heatMap[4][2]).toBe(1); // IMP-6 (issue: certain)
    expect(log.heatMap[1][2]).toBe(1); // IMP-5
    expect(log.heatMap[4][4]).toBe(0); // IMP-4 is done
    expect(log.heatMap.flat().reduce((a, b) => a + b, 0)).toBe(4);
  });

  it('gives each item its age, due date and whether it is overdue', () => {
    const byKey = new Map(log.items.map((i) => [i.key, i]));
    expect(byKey.get('IMP-2')).toMatchObject({
      ageDays: 60,
      overdue: true,
      overdueDays: 15,
      dueDate: '2026-06-15',
    });
    expect(byKey.get('IMP-7')).toMatchObject({ overdue: false });
  });

  it('is empty, with zero counts, for an implementation without RAID items', () => {
    const empty = buildRaidLog(implementationOf([{ type: 'Task' }]), AS_OF);
    expect(empty.items).toEqual([]);
    expect(empty.counts.total).toBe(0);
    expect(empty.heatMap.flat().every((n) => n === 0)).toBe(true);
  });

  it('reads the log as of asOf: an item created later is not in it', () => {
    const early = buildRaidLog(implementationOf(children, '2026-06-10'), '2026-06-10');
    expect(early.items.map((i) => i.key)).not.toContain('IMP-3');
  });
});

describe('the issue type of a new RAID item', () => {
  it('is the first configured name the site has as a standard type, case-insensitively', () => {
    const config = {
      issueTypes: { ...defaultConfig().issueTypes, risk: ['Risk', 'Hazard'], issue: ['Problem', 'Issue'] },
    };
    const site = [
      { id: '1', name: 'risk', subtask: true },
      { id: '2', name: 'Hazard' },
      { id: '3', name: 'Issue', hierarchyLevel: 0 },
      { id: '4', name: 'Problem', hierarchyLevel: 1 },
    ];
    expect(raidIssueTypeIds(site, config)).toEqual({ risk: '2', issue: '3' });
  });
});
