// "Start from playbook" in the domain: a recipe and a request → the epic and children to create.
import fc from 'fast-check';
import {
  calendarDaysBetween,
  dayNumber,
  defaultConfig,
  parseConfig,
  type RunwayConfig,
} from '../../../src/domain';
import { BUILT_IN_TEMPLATES } from '../../../src/domain/playbooks/library/index';
import {
  planImplementation,
  parseStartRecipe,
  type ImplementationPlan,
  type PlannedIssue,
} from '../../../src/domain/playbooks/start';
import { DEFAULT_SEGMENTS, type StartInput } from '../../../src/domain/playbooks/start-input';
import {
  BUILT_IN_START_RECIPES,
  DEFAULT_GATE_DUE,
  DEFAULT_MILESTONES,
  startRecipeFor,
} from '../../../src/domain/playbooks/start-recipes';

const config = defaultConfig();
const input: StartInput = {
  templateId: 'implementation-plan',
  summary: 'Acme Corp: core platform',
  tier: 'Standard',
  segment: 'Mid-Market',
  kickoff: '2026-03-02', // a Monday
  contractSigned: '2026-02-23',
};

function plan(over: Partial<StartInput> = {}, cfg: RunwayConfig = config): ImplementationPlan {
  const templateId = over.templateId ?? input.templateId;
  const recipe = startRecipeFor(templateId);
  if (!recipe.ok) throw new Error(recipe.error);
  const r = planImplementation({ ...input, ...over }, recipe.value, {
    config: cfg,
    segments: DEFAULT_SEGMENTS,
    templateTitle: templateId,
  });
  if (!r.ok) throw new Error(r.error);
  return r.value;
}

function refused(over: Record<string, unknown>): string {
  const recipe = startRecipeFor('implementation-plan');
  if (!recipe.ok) throw new Error(recipe.error);
  const r = planImplementation({ ...input, ...over }, recipe.value, {
    config,
    segments: DEFAULT_SEGMENTS,
    templateTitle: 'Implementation plan',
  });
  if (r.ok) throw new Error('expected a refusal');
  return r.error;
}

const byLabel = (p: ImplementationPlan, label: string): PlannedIssue[] =>
  p.children.filter((c) => c.labels.includes(label));
const weekday = (d: string) => new Date(dayNumber(d) * 86_400_000).getUTCDay();

describe('start recipes', () => {
  it('has one valid recipe for every built-in template', () => {
    expect(BUILT_IN_START_RECIPES.map((r) => r.templateId).sort()).toEqual(
      BUILT_IN_TEMPLATES.map((t) => t.id).sort(),
    );
  });

  it('gives a team template without a recipe the shared schedule and no work items', () => {
    const r = startRecipeFor('our-own-playbook');
    if (!r.ok) throw new Error(r.error);
    expect(r.value.milestones.map((m) => m.id)).toEqual(DEFAULT_MILESTONES.map((m) => m.id));
    expect(r.value.workItems).toEqual([]);
  });

  it('uses a team recipe over the built-in one, and refuses an invalid team recipe with its reason', () => {
    const own = { templateId: 'uat-plan', milestones: DEFAULT_MILESTONES, gateDue: DEFAULT_GATE_DUE };
    const r = startRecipeFor('uat-plan', [own]);
    expect(r.ok && r.value.workItems).toEqual([]);
    const bad = startRecipeFor('uat-plan', [{ ...own, milestones: DEFAULT_MILESTONES.slice(0, 3) }]);
    expect(bad).toEqual({
      ok: false,
      error: expect.stringContaining('exactly one milestone must be labelled firstValue (found 0)'),
    });
  });

  it('refuses milestones out of order, unknown milestones and tiers that differ, naming where', () => {
    const [k, d, ...rest] = DEFAULT_MILESTONES;
    const r = parseStartRecipe({
      templateId: 'x-plan',
      milestones: [k, { ...d, days: { Standard: -1 } }, ...rest],
      gateDue: { designSignOff: { milestone: 'nowhere' } },
    });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error).toContain('milestones.1.days.Standard');
    expect(r.error).toContain('gateDue.designSignOff.milestone: there is no milestone "nowhere"');
    const swapped = parseStartRecipe({ templateId: 'x-plan', milestones: [d, k, ...rest] });
    expect(swapped.ok ? '' : swapped.error).toContain(
      'milestones.1.days.Standard: Kickoff complete is due before Discovery sign-off for Standard',
    );
  });

  it('plans first value inside the kpis.md target of every tier, Enterprise longest', () => {
    const fv = (tier: string) => {
      const p = plan({ tier });
      const due = byLabel(p, 'first-value')[0].dueDate ?? '';
      return calendarDaysBetween(p.input.kickoff, due);
    };
    expect(fv('Standard')).toBeLessThanOrEqual(45);
    expect(fv('Advanced')).toBeLessThanOrEqual(60);
    expect(fv('Enterprise')).toBeLessThanOrEqual(90);
    const live = (tier: string) => byLabel(plan({ tier }), 'go-live')[0].dueDate ?? '';
    expect(live('Standard') < live('Advanced') && live('Advanced') < live('Enterprise')).toBe(true);
  });
});

describe('planning an implementation from a playbook', () => {
  it('labels the epic as an implementation from this playbook and sets its fields', () => {
    const p = plan();
    expect(p.epic).toEqual({
      ref: 'epic',
      kind: 'implementation',
      summary: 'Acme Corp: core platform',
      labels: ['implementation', 'playbook:implementation-plan'],
      dueDate: byLabel(p, 'go-live')[0].dueDate,
      fields: {
        kickoff: '2026-03-02',
        complexity: 'Standard',
        segment: 'Mid-Market',
        contractSigned: '2026-02-23',
      },
    });
  });

  it('dates the Standard milestones from kickoff, with the baseline due equal to the due date', () => {
    const ms = plan().children.filter((c) => c.kind === 'milestone');
    expect(ms.map((m) => [m.summary, m.dueDate, m.labels])).toEqual([
      ['Kickoff complete', '2026-03-02', []],
      ['Discovery sign-off', '2026-03-12', []],
      ['Solution design approved', '2026-03-23', []],
      ['First value: first workflow live', '2026-04-10', ['first-value']],
      ['UAT sign-off', '2026-04-27', []],
      ['Go-live', '2026-05-04', ['go-live']],
      ['Hypercare exit', '2026-06-03', []],
    ]);
    for (const m of ms) expect(m.fields).toEqual({ baselineDue: m.dueDate });
  });

  it('moves a due date off a weekend or holiday to the working day before', () => {
    // Enterprise first value is kickoff + 84 days = Monday 2026-05-25; a holiday that day moves it to Friday.
    const cfg = parseConfig({ holidays: ['2026-05-25'] });
    if (!cfg.ok) throw new Error(cfg.error);
    expect(byLabel(plan({ tier: 'Enterprise' }), 'first-value')[0].dueDate).toBe('2026-05-25');
    expect(byLabel(plan({ tier: 'Enterprise' }, cfg.value), 'first-value')[0].dueDate).toBe('2026-05-22');
  });

  it('never puts a due date on a weekend nor before kickoff, nor a milestone before the one before it', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: dayNumber('2025-01-01'), max: dayNumber('2028-12-31') }),
        fc.constantFrom(...config.complexityTiers),
        fc.constantFrom(...BUILT_IN_START_RECIPES.map((r) => r.templateId)),
        (day, tier, templateId) => {
          const kickoff = new Date(day * 86_400_000).toISOString().slice(0, 10);
          const p = plan({ kickoff, tier, templateId, contractSigned: null });
          const dues = p.children.map((c) => c.dueDate).filter((d): d is string => d !== null);
          const starts = weekday(kickoff) === 0 || weekday(kickoff) === 6;
          for (const d of dues) {
            expect(d >= kickoff).toBe(true);
            if (d !== kickoff || !starts) expect([0, 6]).not.toContain(weekday(d));
          }
          const ms = p.children.filter((c) => c.kind === 'milestone').map((c) => c.dueDate ?? '');
          expect([...ms].sort()).toEqual(ms);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('creates one Gate issue per configured gate, with its Gate Type, in gate order', () => {
    const gates = plan().children.filter((c) => c.kind === 'gate');
    expect(gates.map((g) => [g.ref, g.summary, g.fields.gateType])).toEqual([
      ['gate:designSignOff', 'Design Sign-off gate', 'Design Sign-off'],
      ['gate:migrationReadiness', 'Migration Readiness gate', 'Migration Readiness'],
      ['gate:uatReadiness', 'UAT Readiness gate', 'UAT Readiness'],
      ['gate:goLiveReadiness', 'Go-Live Readiness gate', 'Go-Live Readiness'],
      ['gate:handover', 'Handover gate', 'Handover'],
      ['gate:hypercareExit', 'Hypercare Exit gate', 'Hypercare Exit'],
    ]);
    const design = plan().children.find((c) => c.summary === 'Solution design approved');
    expect(gates[0].dueDate).toBe(design?.dueDate);
  });

  it('follows the site’s own names: labels, gates and tiers from the config', () => {
    const cfg = parseConfig({
      implementationLabel: 'customer-impl',
      labels: { firstValue: 'fv', goLive: 'golive', playbookPrefix: 'pb-' },
      gates: [{ id: 'securityReview', name: 'Security review' }],
      enforcement: [],
    });
    if (!cfg.ok) throw new Error(cfg.error);
    const p = plan({}, cfg.value);
    expect(p.epic.labels).toEqual(['customer-impl', 'pb-implementation-plan']);
    expect(byLabel(p, 'fv')).toHaveLength(1);
    expect(byLabel(p, 'golive')).toHaveLength(1);
    expect(p.children.filter((c) => c.kind === 'gate')).toEqual([
      {
        ref: 'gate:securityReview',
        kind: 'gate',
        summary: 'Security review gate',
        labels: [],
        dueDate: null,
        fields: { gateType: 'Security review' },
      },
    ]);
  });

  it('adds the starter work items of the template, with the design label the Design Sign-off gate reads', () => {
    const items = plan().children.filter((c) => c.kind === 'workItem');
    expect(items.map((i) => i.summary)).toContain('Solution design document');
    expect(items.find((i) => i.summary === 'Solution design document')?.labels).toEqual([
      'deliverable',
      'design',
    ]);
    expect(plan({ templateId: 'uat-plan' }).children.filter((c) => c.labels.includes('uat'))).toHaveLength(2);
  });

  it('adds tier-only work items for that tier only', () => {
    const second = (tier: string) =>
      plan({ templateId: 'cutover-plan', tier }).children.some((c) => c.summary.includes('second run'));
    expect(second('Enterprise')).toBe(true);
    expect(second('Standard')).toBe(false);
  });

  it('reads the tier and segment case-insensitively and writes them as the site spells them', () => {
    const p = plan({ tier: 'enterprise', segment: 'smb' });
    expect(p.epic.fields.complexity).toBe('Enterprise');
    expect(p.epic.fields.segment).toBe('SMB');
  });

  it('leaves Segment and Contract Signed unset when not given', () => {
    expect(plan({ segment: null, contractSigned: null }).epic.fields).toEqual({
      kickoff: '2026-03-02',
      complexity: 'Standard',
    });
  });

  it('warns when kickoff comes later after signature than the time-to-kickoff target, or on a weekend', () => {
    expect(plan({ contractSigned: '2026-02-02' }).warnings).toEqual([
      'Kickoff is 20 business days after the contract signature, beyond the target of 10.',
    ]);
    expect(plan({ kickoff: '2026-03-01', contractSigned: null }).warnings).toEqual([
      'Kickoff (2026-03-01) is not a working day.',
    ]);
  });

  it('warns when the site’s own first-value target is tighter than the schedule', () => {
    const cfg = parseConfig({
      targets: { time_to_first_value_days: { op: '<=', value: { Standard: 30 } } },
    });
    if (!cfg.ok) throw new Error(cfg.error);
    expect(plan({}, cfg.value).warnings).toEqual([
      'First value is planned 39 days after kickoff, beyond the Standard target of 30 days.',
    ]);
  });

  it('refuses bad input, naming every problem', () => {
    expect(refused({ summary: '  ' })).toBe('summary: name the customer or the implementation');
    expect(refused({ kickoff: '2026-02-30' })).toBe('kickoff: not a real calendar date');
    expect(refused({ tier: 'Gold', segment: 'Galactic' })).toBe(
      'tier: "Gold" is not a complexity tier (Standard, Advanced, Enterprise); segment: "Galactic" is not a segment (SMB, Mid-Market, Enterprise)',
    );
    expect(refused({ contractSigned: '2026-03-10' })).toBe(
      'contractSigned: the contract (2026-03-10) is signed after kickoff (2026-03-02); kickoff cannot come first',
    );
    expect(refused({ extra: 1 })).toBe('request: Unrecognized key: "extra"');
  });

  it('refuses a tier the playbook has no schedule for', () => {
    const cfg = parseConfig({ complexityTiers: ['Standard', 'Strategic'] });
    if (!cfg.ok) throw new Error(cfg.error);
    const recipe = startRecipeFor('implementation-plan');
    if (!recipe.ok) throw new Error(recipe.error);
    const r = planImplementation({ ...input, tier: 'Strategic' }, recipe.value, {
      config: cfg.value,
      segments: DEFAULT_SEGMENTS,
      templateTitle: 'Implementation plan',
    });
    expect(r).toEqual({
      ok: false,
      error:
        'tier: the playbook "Implementation plan" has no schedule for Strategic (it has Standard, Advanced, Enterprise)',
    });
  });
});
