// The criterion kinds Settings offers: every kind of the schema, each new criterion valid as
// soon as it is added, and rates refused beyond 100 % wherever a target or threshold is typed.
import { CriterionSchema, defaultConfig, GateIdSchema, RunwayConfigSchema } from '../../../src/domain';
import {
  CRITERION_KINDS,
  criterionKindInfo,
  gateIdFor,
  newCriterion,
} from '../../../src/domain/gates/criterion-kinds';

describe('criterion kinds for the Settings forms', () => {
  it('offers every kind the schema knows, each once, with a name in words', () => {
    const schemaKinds = CriterionSchema.options.map((o) => o.shape.kind.value).sort();
    expect(CRITERION_KINDS.map((k) => k.kind).sort()).toEqual(schemaKinds);
    for (const k of CRITERION_KINDS) {
      expect(k.name).toMatch(/^[A-Z][a-z ]/);
      expect(k.name).not.toMatch(/[a-z][A-Z]/);
    }
  });

  it.each(CRITERION_KINDS.map((k) => k.kind))(
    'makes a valid new %s criterion naming only its parameters',
    (kind) => {
      const c = newCriterion(kind, ['designSignOff', 'uatReadiness']);
      expect(CriterionSchema.safeParse(c).success).toBe(true);
      const params = Object.keys(c).filter((k) => k !== 'kind' && k !== 'title');
      for (const p of params) expect(criterionKindInfo(kind).parameters).toContain(p);
    },
  );

  it('waits for the gate just before when a new "earlier gates" criterion is added', () => {
    expect(newCriterion('gatesPassed', ['designSignOff', 'uatReadiness'])).toMatchObject({
      gates: ['uatReadiness'],
    });
  });
});

describe('rate targets are percentages of at most 100', () => {
  const base = defaultConfig();
  it('refuses a rate target typed as 85 where 0.85 (85 %) belongs, naming the field', () => {
    const r = RunwayConfigSchema.safeParse({
      ...base,
      targets: { ...base.targets, uat_first_pass_rate: { op: '>=', value: 85 } },
    });
    expect(r.success).toBe(false);
    expect(r.error?.issues.map((i) => [i.path.join('.'), i.message])).toEqual([
      ['targets.uat_first_pass_rate.value', 'expected a percentage from 0 to 100'],
    ]);
  });

  it('checks each tier of a rate, and a criterion’s own threshold, but not counts or days', () => {
    const gates = structuredClone(base.gates);
    gates[0].criteria.push({
      kind: 'kpiAtTarget',
      kpi: 'on_time_milestone_rate',
      threshold: { op: '>=', value: 1.5 },
    });
    const r = RunwayConfigSchema.safeParse({
      ...base,
      gates,
      targets: {
        ...base.targets,
        on_time_milestone_rate: { op: '>=', value: { Standard: 0.9, Enterprise: 90 } },
        time_to_live_days: { op: '<=', value: 120 },
      },
    });
    expect(r.error?.issues.map((i) => i.path.join('.'))).toEqual([
      'targets.on_time_milestone_rate.value.Enterprise',
      'gates.0.criteria.1.threshold.value',
    ]);
  });

  it('accepts the defaults, whose rates are all fractions', () => {
    expect(RunwayConfigSchema.safeParse(base).success).toBe(true);
  });
});

describe('ids of new gates, from their names', () => {
  it('makes a valid, unique id of letters and digits from any name', () => {
    expect(gateIdFor('Security review', [])).toBe('securityReview');
    expect(gateIdFor('Security review', ['securityReview'])).toBe('securityReview2');
    expect(gateIdFor('2nd UAT sign-off', [])).toBe('gate2ndUatSignOff');
    expect(gateIdFor('Revue sécurité', [])).toBe('revueSecurite');
    expect(gateIdFor('!!!', [])).toBe('gate');
    for (const name of ['Security review', '2nd UAT sign-off', '!!!', 'x'.repeat(80)])
      expect(GateIdSchema.safeParse(gateIdFor(name, [])).success).toBe(true);
  });
});
