// The demo portfolio: customer implementations as Jira epics with every child kind of
// shared/spec/data-model.md and more than a year of history, as of a given date.
// Deterministic: a seeded PRNG and the asOf argument, never the clock.

import type { SiteIssue, SiteProject, SiteState, SiteUser } from '../site/model';
import { DAY_MS, parseDate } from '../site/time';
import { DEMO_USERS, createBaseSite, restrictedProjectOf, teamMembers, DEFAULT_PROJECT_KEYS } from './catalog';
import { addDemoPages } from './confluence';
import { searchExport, type SearchExportOptions, type SearchPage } from './export';
import * as N from './names';
import { Rng } from './prng';
import { IssueSim, SimWorld, assign, custom, dateOfDay, due, estimate, label, nextWorkday, previousWorkday, priority, status, work, workInstant } from './simulate';

export const DEFAULT_AS_OF = '2026-11-23';
export const DEFAULT_SEED = 1;
export const DEFAULT_IMPLEMENTATIONS = 30;

export type Tier = 'Standard' | 'Advanced' | 'Enterprise';
export type Stage = 'not-started' | 'in-flight' | 'live' | 'hypercare' | 'done';

export interface PortfolioOptions {
  seed?: number;
  implementations?: number;
  /** Project keys; default IMP, ONB, ENT (the last one restricted: the viewer cannot browse it). */
  projects?: string[];
  /** The snapshot date (YYYY-MM-DD): nothing after it has happened. */
  asOf?: string;
  baseUrl?: string;
}

export interface ImplementationSummary {
  key: string;
  project: string;
  customer: string;
  summary: string;
  tier: Tier;
  segment: string;
  stage: Stage;
  contractSigned: string;
  kickoff: string;
  goLive: string;
}

export interface Portfolio {
  state: SiteState;
  asOf: string;
  seed: number;
  users: typeof DEMO_USERS;
  restrictedProject: string | null;
  implementations: ImplementationSummary[];
  stats: { implementations: number; issues: number; histories: number; changeItems: number; pages: number };
  /** Pages of `search/jql` answers (with `names` and complete changelogs), as `runway export` writes. */
  searchExport(options?: SearchExportOptions): SearchPage[];
}

interface Plan {
  index: number;
  tier: Tier;
  segment: string;
  customer: string;
  summary: string;
  stage: Stage;
  pm: SiteUser;
  team: SiteUser[];
  createdDay: number;
  contractDay: number;
  kickoffDay: number;
  plannedLiveDay: number;
  goLiveDay: number;
  fvPlannedDay: number;
  fvDay: number;
  liveDays: number;
  hypercareDays: number;
  exitDay: number;
}

const STAGE_ORDER: Stage[] = ['in-flight', 'done', 'hypercare', 'live', 'not-started'];
const STAGE_WEIGHTS: Array<[Stage, number]> = [
  ['not-started', 10],
  ['in-flight', 45],
  ['live', 5],
  ['hypercare', 10],
  ['done', 30],
];

/** Complexity mix per project position: the last default project (ENT) is mostly Enterprise. */
const TIER_WEIGHTS: Array<Array<[Tier, number]>> = [
  [
    ['Standard', 5],
    ['Advanced', 4],
    ['Enterprise', 1],
  ],
  [
    ['Standard', 7],
    ['Advanced', 2.5],
    ['Enterprise', 0.5],
  ],
  [
    ['Standard', 1],
    ['Advanced', 3],
    ['Enterprise', 6],
  ],
];

const SEGMENT_WEIGHTS: Record<Tier, Array<[string, number]>> = {
  Standard: [
    ['SMB', 6],
    ['Mid-Market', 4],
  ],
  Advanced: [
    ['SMB', 1],
    ['Mid-Market', 6],
    ['Enterprise', 3],
  ],
  Enterprise: [
    ['Mid-Market', 2],
    ['Enterprise', 8],
  ],
};

function planImplementation(rng: Rng, index: number, projectIndex: number, asOfDay: number, team: SiteUser[]): Plan {
  const tier = rng.weighted(TIER_WEIGHTS[projectIndex % TIER_WEIGHTS.length]);
  const segment = rng.weighted(SEGMENT_WEIGHTS[tier]);
  const customer = N.customerName(index);
  const summary = `${customer} ${rng.pick(N.SCOPES)}`;
  const stage = index < STAGE_ORDER.length ? STAGE_ORDER[index] : rng.weighted(STAGE_WEIGHTS);
  const kickoffLag = rng.chance(0.15) ? rng.int(18, 40) : tier === 'Standard' ? rng.int(3, 12) : tier === 'Advanced' ? rng.int(5, 16) : rng.int(7, 22);
  const liveOffset = tier === 'Standard' ? rng.int(60, 100) : tier === 'Advanced' ? rng.int(90, 150) : rng.int(140, 230);
  const slip = rng.weighted<number>([
    [0, 55],
    [rng.int(5, 35), 35],
    [rng.int(36, 80), 10],
  ]);
  const fvPlannedOffset = Math.round(liveOffset * (tier === 'Standard' ? 0.45 : tier === 'Advanced' ? 0.5 : 0.45)) + rng.int(-5, 5);
  const fvOffset = fvPlannedOffset + Math.round(slip * 0.4) + rng.int(-3, 6);
  let liveDays = rng.int(1, 4);
  const hypercareDays = rng.int(30, 45);
  const actualLive = liveOffset + slip;
  // Place the implementation in time so that asOf (noon UTC) falls in the chosen stage: the
  // transitions that must have happened fall on working days before asOf, the next one after it.
  let kickoffDay: number;
  let goLiveDay: number;
  switch (stage) {
    case 'not-started':
      kickoffDay = nextWorkday(asOfDay + rng.int(1, 30));
      goLiveDay = nextWorkday(kickoffDay + actualLive);
      break;
    case 'in-flight':
      kickoffDay = previousWorkday(asOfDay - rng.int(1, actualLive - 1));
      goLiveDay = nextWorkday(kickoffDay + actualLive);
      break;
    case 'live':
      goLiveDay = previousWorkday(asOfDay - 1);
      liveDays = Math.max(liveDays, asOfDay - goLiveDay + 1);
      kickoffDay = previousWorkday(goLiveDay - actualLive);
      break;
    case 'hypercare':
      goLiveDay = previousWorkday(asOfDay - rng.int(liveDays + 3, hypercareDays - 3));
      kickoffDay = previousWorkday(goLiveDay - actualLive);
      break;
    case 'done':
      kickoffDay = nextWorkday(asOfDay - actualLive - hypercareDays - rng.int(3, Math.max(4, 560 - actualLive - hypercareDays)));
      goLiveDay = nextWorkday(kickoffDay + actualLive);
      break;
  }
  // Milestone dates, lifecycle fields and transitions all fall on working days.
  const contractDay = nextWorkday(kickoffDay - kickoffLag);
  const createdDay = Math.min(contractDay - rng.int(1, 12), previousWorkday(asOfDay - 1));
  const pmIndex = index % team.length;
  const pm = team[pmIndex];
  const others = rng.sample(
    team.filter((_, i) => i !== pmIndex),
    tier === 'Enterprise' ? 5 : tier === 'Advanced' ? 4 : 3,
  );
  return {
    index,
    tier,
    segment,
    customer,
    summary,
    stage,
    pm,
    team: [pm, ...others],
    createdDay,
    contractDay,
    kickoffDay,
    plannedLiveDay: nextWorkday(kickoffDay + liveOffset),
    goLiveDay,
    fvPlannedDay: nextWorkday(kickoffDay + fvPlannedOffset),
    fvDay: nextWorkday(kickoffDay + Math.min(fvOffset, actualLive - 3)),
    liveDays,
    hypercareDays,
    exitDay: nextWorkday(goLiveDay + hypercareDays),
  };
}

/** Builds one implementation (epic and children) as simulated issues. */
class ImplementationBuilder {
  readonly sims: IssueSim[] = [];
  readonly epic: IssueSim;
  private readonly span: number;

  constructor(
    private readonly world: SimWorld,
    private readonly rng: Rng,
    private readonly plan: Plan,
    private readonly project: SiteProject,
    private readonly asOfDay: number,
  ) {
    this.span = plan.goLiveDay - plan.kickoffDay;
    this.epic = this.buildEpic();
  }

  private f(name: string): string {
    return this.world.field(name);
  }

  private at(day: number, user: SiteUser): number {
    return workInstant(this.rng, day, user);
  }

  /** A day at a fraction of the way from kickoff to the actual go-live. */
  private phase(fraction: number): number {
    return this.plan.kickoffDay + Math.round(this.span * fraction);
  }

  private member(): SiteUser {
    return this.rng.pick(this.plan.team);
  }

  private child(type: string, summary: string, day: number, extra: Partial<ConstructorParameters<typeof IssueSim>[1]> = {}): IssueSim {
    const reporter = extra.reporter ?? this.plan.pm;
    const sim = new IssueSim(this.world, {
      project: this.project,
      type,
      summary,
      createdMs: this.at(day, reporter),
      reporter,
      assignee: extra.assignee === undefined ? this.member() : extra.assignee,
      parent: this.epic,
      ...extra,
    });
    this.sims.push(sim);
    return sim;
  }

  private buildEpic(): IssueSim {
    const { plan, rng } = this;
    const pm = plan.pm;
    const labels = ['implementation'];
    if (rng.chance(0.7)) labels.push(rng.pick(N.PLAYBOOK_LABELS));
    const contractAtCreation = rng.chance(0.8);
    const customFields: Record<string, string | number> = {
      [this.f('Complexity')]: plan.tier,
      [this.f('Segment')]: plan.segment,
    };
    if (contractAtCreation) customFields[this.f('Contract Signed')] = dateOfDay(plan.contractDay);
    const epic = new IssueSim(this.world, {
      project: this.project,
      type: 'Epic',
      summary: plan.summary,
      createdMs: this.at(plan.createdDay, pm),
      reporter: pm,
      assignee: pm,
      labels,
      custom: customFields,
      originalEstimate: rng.chance(0.5) ? rng.int(40, 160) * 3600 : null,
    });
    this.sims.push(epic);
    if (!contractAtCreation) epic.schedule(this.at(plan.contractDay, pm), pm, custom(this.f('Contract Signed'), dateOfDay(plan.contractDay)));
    const planning: ReturnType<typeof custom>[] = [];
    if (rng.chance(0.9)) planning.push(custom(this.f('Kickoff Date'), dateOfDay(plan.kickoffDay)));
    const hasGoLiveField = rng.chance(0.92);
    if (hasGoLiveField) planning.push(custom(this.f('Go-Live Date'), dateOfDay(plan.plannedLiveDay)));
    if (planning.length) epic.schedule(this.at(plan.contractDay + 1, pm), pm, ...planning);

    epic.schedule(this.at(plan.kickoffDay, pm), pm, status('Discovery'));
    epic.schedule(this.at(this.phase(0.15), pm), pm, status('Design'));
    epic.schedule(this.at(this.phase(0.35), pm), pm, status('Build'));
    epic.schedule(this.at(this.phase(0.7), pm), pm, status('UAT'));
    epic.schedule(this.at(this.phase(0.9), pm), pm, status('Cutover'));
    if (hasGoLiveField && plan.goLiveDay !== plan.plannedLiveDay) {
      const slip = plan.goLiveDay - plan.plannedLiveDay;
      if (slip > 20) epic.schedule(this.at(this.phase(0.45), pm), pm, custom(this.f('Go-Live Date'), dateOfDay(plan.plannedLiveDay + Math.round(slip / 2))));
      epic.schedule(this.at(this.phase(0.6), pm), pm, custom(this.f('Go-Live Date'), dateOfDay(plan.goLiveDay)));
    }
    if (rng.chance(0.7)) epic.schedule(this.at(plan.fvDay, pm), pm, custom(this.f('First Value Date'), dateOfDay(plan.fvDay)));
    epic.schedule(this.at(plan.goLiveDay, pm), pm, status('Live'));
    epic.schedule(this.at(plan.goLiveDay + plan.liveDays, pm), pm, status('Hypercare'));
    epic.schedule(this.at(plan.exitDay, pm), pm, status('Done'));
    if (rng.chance(0.85)) {
      const score = rng.weighted<number>([
        [5, 35],
        [4.5, 20],
        [4, 25],
        [3.5, 10],
        [3, 7],
        [2, 3],
      ]);
      epic.schedule(this.at(plan.goLiveDay + rng.int(14, 40), pm), pm, custom(this.f('CSAT'), score));
    }
    if (rng.chance(0.1)) {
      const next = rng.pick(this.plan.team.slice(1));
      epic.schedule(this.at(this.phase(0.5), pm), pm, assign(next.accountId));
    }
    // The implementation manager logs project management time on the epic every Tuesday and Friday.
    const last = Math.min(plan.exitDay, this.asOfDay);
    let tuesday = plan.kickoffDay + ((2 - ((plan.kickoffDay + 4) % 7) + 7) % 7);
    for (; tuesday <= last; tuesday += 7) {
      epic.schedule(this.at(tuesday, pm), pm, work(rng.int(1, 4) * 1800));
      if (tuesday + 3 <= last) epic.schedule(this.at(tuesday + 3, pm), pm, work(rng.int(1, 4) * 3600));
    }
    return epic;
  }

  build(): IssueSim[] {
    this.milestones();
    this.raid();
    this.changeRequests();
    this.gates();
    this.defects();
    this.workItems();
    for (const sim of this.sims) sim.play();
    return this.sims.filter((s) => s.exists);
  }

  private milestones() {
    const { plan, rng } = this;
    const plannedSpan = plan.plannedLiveDay - plan.kickoffDay;
    type M = { summary: string; label?: string; planned: number; actual: number };
    const list: M[] = [
      { summary: 'Kickoff complete', planned: plan.kickoffDay, actual: plan.kickoffDay },
      { summary: 'Discovery sign-off', planned: plan.kickoffDay + Math.round(plannedSpan * 0.15), actual: this.phase(0.15) + rng.int(-2, 4) },
      { summary: 'Solution design approved', planned: plan.kickoffDay + Math.round(plannedSpan * 0.35), actual: this.phase(0.35) + rng.int(-2, 5) },
      { summary: 'First value: first workflow live', label: 'first-value', planned: plan.fvPlannedDay, actual: plan.fvDay },
    ];
    if (plan.tier !== 'Standard') {
      list.push({ summary: 'Integrations complete', planned: plan.kickoffDay + Math.round(plannedSpan * 0.6), actual: this.phase(0.6) + rng.int(-3, 6) });
      list.push({ summary: 'Data migration complete', planned: plan.kickoffDay + Math.round(plannedSpan * 0.8), actual: this.phase(0.8) + rng.int(-2, 5) });
    }
    list.push({ summary: 'UAT sign-off', planned: plan.kickoffDay + Math.round(plannedSpan * 0.88), actual: this.phase(0.88) + rng.int(-2, 3) });
    list.push({ summary: 'Go-live', label: 'go-live', planned: plan.plannedLiveDay, actual: plan.goLiveDay });
    if (plan.tier === 'Enterprise') list.push({ summary: 'Hypercare exit', planned: plan.plannedLiveDay + plan.hypercareDays, actual: plan.exitDay });

    const pm = plan.pm;
    const createdDay = plan.kickoffDay - rng.int(0, 3);
    for (const m of list) m.planned = nextWorkday(m.planned);
    for (const m of list) {
      const actual = nextWorkday(Math.max(m.actual, plan.kickoffDay));
      const baseline = dateOfDay(m.planned);
      const withBaseline = rng.chance(0.85);
      const dueLater = !withBaseline && rng.chance(0.5);
      const sim = this.child('Milestone', m.summary, createdDay, {
        assignee: pm,
        labels: m.label ? [m.label] : [],
        duedate: dueLater ? null : baseline,
        custom: withBaseline ? { [this.f('Baseline Due')]: baseline } : {},
      });
      if (dueLater) sim.schedule(this.at(createdDay + 1, pm), pm, due(baseline));
      // A late milestone is often re-planned before its original date.
      if (actual > m.planned + 3 && rng.chance(0.6)) {
        sim.schedule(this.at(Math.max(createdDay + 2, m.planned - rng.int(2, 10)), pm), pm, due(dateOfDay(actual + rng.int(-1, 3))));
      }
      if (actual > plan.kickoffDay + 2) sim.schedule(this.at(Math.max(createdDay + 1, actual - rng.int(3, 14)), pm), pm, status('In Progress'));
      sim.schedule(this.at(actual, pm), pm, status('Done'));
    }
  }

  private raid() {
    const { plan, rng } = this;
    const tierScale = plan.tier === 'Standard' ? 0 : plan.tier === 'Advanced' ? 1 : 2;
    const prob = this.f('Probability');
    const impact = this.f('Impact');
    const end = plan.exitDay;
    const riskCount = rng.int(3, 6) + tierScale * 2;
    for (const name of rng.sample(N.RISKS, riskCount)) {
      const day = this.phase(rng.next() * 0.6) - rng.int(0, 5);
      const p = rng.weighted<number>([
        [1, 1],
        [2, 3],
        [3, 4],
        [4, 3],
        [5, 1],
      ]);
      const i = rng.weighted<number>([
        [1, 1],
        [2, 2],
        [3, 4],
        [4, 3],
        [5, 2],
      ]);
      const owner = this.member();
      const sim = this.child('Risk', `Risk: ${name}`, day, {
        assignee: owner,
        duedate: dateOfDay(day + rng.int(14, 45)),
        custom: { [prob]: String(p), [impact]: String(i) },
        priority: p * i >= 15 ? 'High' : 'Medium',
      });
      const mitigate = day + rng.int(3, 25);
      if (rng.chance(0.7)) {
        sim.schedule(this.at(mitigate, owner), owner, status('Mitigating'));
        if (p > 1 && rng.chance(0.6)) sim.schedule(this.at(mitigate + rng.int(5, 20), owner), owner, custom(prob, String(p - 1)));
        if (rng.chance(0.3)) sim.schedule(this.at(mitigate + rng.int(2, 10), owner), owner, due(dateOfDay(mitigate + rng.int(20, 50))));
      }
      // Most risks close before hypercare ends; a few linger.
      const close = Math.min(mitigate + rng.int(10, 80), rng.chance(0.9) ? end : end + 60);
      sim.schedule(this.at(close, owner), owner, status('Closed'));
    }
    for (const name of rng.sample(N.ASSUMPTIONS, rng.int(1, 2) + tierScale)) {
      const day = this.phase(rng.next() * 0.3);
      const owner = this.member();
      const sim = this.child('Assumption', `Assumption: ${name}`, day, {
        assignee: owner,
        duedate: dateOfDay(day + rng.int(10, 40)),
        custom: { [prob]: String(rng.int(1, 4)), [impact]: String(rng.int(2, 5)) },
      });
      sim.schedule(this.at(day + rng.int(10, 60), owner), owner, status('Closed'));
    }
    for (const name of rng.sample(N.RAID_ISSUES, rng.int(1, 2) + tierScale)) {
      const day = this.phase(0.2 + rng.next() * 0.6);
      const owner = this.member();
      const sim = this.child('Issue', `Issue: ${name}`, day, {
        assignee: owner,
        duedate: dateOfDay(day + rng.int(5, 20)),
        custom: { [impact]: String(rng.int(2, 5)) },
        priority: rng.pick(['High', 'Medium', 'Medium']),
      });
      sim.schedule(this.at(day + rng.int(1, 5), owner), owner, status('In Progress'));
      sim.schedule(this.at(day + rng.int(6, 30), owner), owner, status('Resolved'));
    }
    this.dependencyCount = rng.int(0, 1) + tierScale;
  }

  private dependencyCount = 0;

  private changeRequests() {
    const { plan, rng } = this;
    const count = plan.tier === 'Standard' ? rng.int(0, 2) : plan.tier === 'Advanced' ? rng.int(1, 3) : rng.int(2, 5);
    for (const name of rng.sample(N.CHANGE_REQUESTS, count)) {
      const day = this.phase(0.3 + rng.next() * 0.5);
      const requester = this.member();
      const sim = this.child('Change Request', `CR: ${name}`, day, { assignee: plan.pm, reporter: requester });
      const review = day + rng.int(1, 5);
      sim.schedule(this.at(review, plan.pm), plan.pm, status('In Review'));
      const decided = review + rng.int(3, 15);
      const outcome = rng.weighted<string>([
        ['approved', 4],
        ['delivered', 3],
        ['rejected', 2],
        ['pending', 1],
      ]);
      if (outcome === 'approved') sim.schedule(this.at(decided, plan.pm), plan.pm, status('Approved'));
      if (outcome === 'delivered') {
        sim.schedule(this.at(decided, plan.pm), plan.pm, status('Approved'));
        sim.schedule(this.at(decided + rng.int(5, 30), plan.pm), plan.pm, status('Done', rng.chance(0.5) ? 'Approved' : 'Done'));
      }
      if (outcome === 'rejected') sim.schedule(this.at(decided, plan.pm), plan.pm, status('Rejected', "Won't Do"));
    }
  }

  private gates() {
    const { plan, rng } = this;
    const gateType = this.f('Gate Type');
    const gates: Array<[string, number]> = [
      ['Design Sign-off', this.phase(0.35) + rng.int(0, 3)],
      ['Migration Readiness', this.phase(0.72)],
      ['UAT Readiness', this.phase(0.68)],
      ['Go-Live Readiness', plan.goLiveDay - rng.int(1, 4)],
      ['Handover', plan.goLiveDay + Math.round(plan.hypercareDays * 0.6)],
      ['Hypercare Exit', plan.exitDay],
    ];
    const created = Math.min(plan.contractDay + rng.int(1, 3), plan.kickoffDay);
    const approver = plan.pm;
    for (const [type, passDay] of gates) {
      const sim = this.child('Gate', `${type} gate`, created, { assignee: approver, custom: { [gateType]: type } });
      const review = passDay - rng.int(2, 7);
      sim.schedule(this.at(review, approver), approver, status('In Review'));
      const rejectedFirst = rng.chance(type === 'Handover' ? 0.12 : 0.15);
      if (rejectedFirst) {
        sim.schedule(this.at(review + 1, approver), approver, status('Rejected', "Won't Do"));
        sim.schedule(this.at(review + 2, approver), approver, status('Reopened'));
        sim.schedule(this.at(review + 3, approver), approver, status('In Review'));
      }
      sim.schedule(this.at(passDay + (rejectedFirst ? rng.int(1, 5) : 0), approver), approver, status('Passed'));
    }
  }

  private defects() {
    const { plan, rng } = this;
    const tierScale = plan.tier === 'Standard' ? 0 : plan.tier === 'Advanced' ? 1 : 2;
    for (const name of rng.sample(N.PRE_LIVE_BUGS, rng.int(2, 4) + tierScale)) {
      const day = this.phase(0.7 + rng.next() * 0.25);
      const fixer = this.member();
      const sim = this.child('Bug', name, day, { assignee: fixer, reporter: this.member(), priority: rng.pick(['Medium', 'Low', 'Medium', 'High']) });
      sim.schedule(this.at(day + rng.int(0, 3), fixer), fixer, status('In Progress'));
      sim.schedule(this.at(day + rng.int(4, 12), fixer), fixer, status('Done'));
    }
    // Defects after go-live: the 30-day window the escape KPIs count, and one later.
    const postCount = rng.int(0, 2) + tierScale;
    for (let k = 0; k < postCount + (rng.chance(0.3) ? 1 : 0); k++) {
      const inWindow = k < postCount;
      const day = plan.goLiveDay + (inWindow ? rng.int(0, 29) : rng.int(30, 60));
      const type = rng.weighted<string>([
        ['Bug', 5],
        ['Defect', 3],
        ['Incident', 2],
      ]);
      const prio = rng.weighted<string>([
        ['Highest', type === 'Incident' ? 4 : 1],
        ['High', 5],
        ['Medium', 9],
        ['Low', 4],
      ]);
      const fixer = this.member();
      const labels = rng.chance(0.55) ? ['implementation-caused'] : [];
      const sim = this.child(type, rng.pick(N.POST_LIVE_DEFECTS), day, { assignee: fixer, reporter: plan.pm, priority: prio, labels });
      const fixDays = prio === 'Highest' ? rng.int(0, 2) : rng.int(2, 15);
      if (type !== 'Incident') sim.schedule(this.at(day + Math.max(0, fixDays - 1), fixer), fixer, status('In Progress'));
      else sim.schedule(this.at(day, fixer), fixer, status('In Progress'));
      sim.schedule(this.at(day + fixDays, fixer), fixer, status('Done'));
    }
  }

  /** Work with worklogs between start and end, then done (optionally reworked once). */
  private execute(sim: IssueSim, owner: SiteUser, start: number, end: number, opts: { review?: boolean; rework?: boolean; failFirst?: boolean } = {}) {
    const { rng } = this;
    sim.schedule(this.at(start, owner), owner, status('In Progress'));
    // About one worklog every three days of work, as people log time when they touch the item.
    const logs = sim.issue.timeoriginalestimate !== null || rng.chance(0.5) ? Math.min(10, 1 + Math.floor((end - start) / 3) + rng.int(0, 1)) : 0;
    const budget = (sim.issue.timeoriginalestimate ?? rng.int(2, 16) * 3600) * (0.6 + rng.next() * 1.0);
    for (let l = 0; l < logs; l++) {
      const day = start + Math.round(((end - start) * (l + 1)) / (logs + 1));
      sim.schedule(this.at(day, owner), owner, work(Math.max(900, Math.round(budget / logs / 900) * 900)));
    }
    if (opts.failFirst) {
      const failDay = start + Math.max(1, Math.round((end - start) / 2));
      sim.schedule(this.at(failDay, owner), owner, status('Failed'));
      sim.schedule(this.at(failDay + 1, owner), owner, status('In Progress'));
    }
    if (opts.review) sim.schedule(this.at(Math.max(start + 1, end - 1), owner), owner, status('In Review'));
    sim.schedule(this.at(end, owner), owner, status('Done'));
    if (opts.rework) {
      const reopen = end + rng.int(2, 15);
      sim.schedule(this.at(reopen, owner), owner, status('In Progress'));
      sim.schedule(this.at(reopen + rng.int(1, 7), owner), owner, status('Done'));
    }
  }

  private estimateSeconds(): number | null {
    return this.rng.chance(0.7) ? this.rng.int(2, 40) * 3600 : null;
  }

  private workItems() {
    const { plan, rng } = this;
    const tierScale = plan.tier === 'Standard' ? 0 : plan.tier === 'Advanced' ? 1 : 2;
    const target = [23, 31, 40][tierScale] + rng.int(-3, 3);
    let made = 0;

    // Deliverables: documents due along the way; a few are still open at handover.
    for (const name of rng.sample(N.DELIVERABLES, 4 + tierScale + rng.int(0, 2))) {
      const day = this.phase(rng.next() * 0.6);
      const owner = this.member();
      const dueDay = day + rng.int(10, 40);
      const sim = this.child('Task', name, day, { assignee: owner, labels: ['deliverable'], duedate: dateOfDay(dueDay), originalEstimate: this.estimateSeconds() });
      if (rng.chance(0.3)) sim.schedule(this.at(day + rng.int(3, 9), plan.pm), plan.pm, due(dateOfDay(dueDay + rng.int(3, 14))));
      const late = rng.chance(0.08);
      const doneDay = late ? plan.exitDay + rng.int(5, 40) : Math.min(dueDay + rng.int(-5, 6), plan.goLiveDay + Math.round(plan.hypercareDays * 0.5));
      this.execute(sim, owner, day + rng.int(1, 5), Math.max(day + 2, doneDay), { review: rng.chance(0.5), rework: rng.chance(0.06) });
      made++;
    }
    // UAT scenarios: tested in the UAT phase; some fail first, a few are reopened.
    for (const name of rng.sample(N.UAT_SCENARIOS, 3 + tierScale * 2 + rng.int(0, 2))) {
      const day = this.phase(0.55 + rng.next() * 0.1);
      const owner = this.member();
      const sim = this.child('Story', `UAT: ${name}`, day, { assignee: owner, labels: ['uat'] });
      const start = this.phase(0.7 + rng.next() * 0.08);
      const end = Math.max(start + 1, this.phase(0.8 + rng.next() * 0.1));
      this.execute(sim, owner, start, end, { failFirst: rng.chance(0.2), rework: rng.chance(0.05) });
      made++;
    }
    // Integrations: run counts reported every week or two from build to the end of hypercare.
    const integrations: IssueSim[] = [];
    for (const system of rng.sample(N.INTEGRATIONS, [1, rng.int(2, 3), rng.int(3, 5)][tierScale])) {
      const day = this.phase(0.3);
      const owner = this.member();
      const sim = this.child('Task', `Integration: ${system}`, day, { assignee: owner, labels: ['integration'], originalEstimate: rng.int(16, 80) * 3600 });
      integrations.push(sim);
      const failureRate = rng.chance(0.15) ? 0.02 + rng.next() * 0.03 : rng.next() * 0.012;
      let runs = 0;
      let failed = 0;
      for (let d = this.phase(0.4); d <= plan.exitDay; d += rng.int(7, 14)) {
        const batch = rng.int(20, 200) * (1 + tierScale);
        runs += batch;
        failed += Math.round(batch * failureRate * (0.5 + rng.next()));
        sim.schedule(this.at(d, owner), owner, custom(this.f('Integration Runs'), runs), custom(this.f('Failed Runs'), failed));
      }
      this.execute(sim, owner, this.phase(0.35), this.phase(0.75), { review: true });
      made++;
    }
    // Migrations: expected records known up front, reconciled over mock loads and cutover.
    for (const entity of rng.sample(N.MIGRATIONS, [rng.int(0, 1), rng.int(1, 2), rng.int(2, 4)][tierScale])) {
      const day = this.phase(0.3);
      const owner = this.member();
      const expected = rng.int(5, 2000) * 1000;
      const sim = this.child('Task', `Migrate ${entity}`, day, {
        assignee: owner,
        labels: ['migration'],
        custom: { [this.f('Records Expected')]: expected },
        originalEstimate: rng.int(8, 60) * 3600,
      });
      const finalAccuracy = rng.chance(0.15) ? 0.97 + rng.next() * 0.025 : 0.995 + rng.next() * 0.005;
      const loads: Array<[number, number]> = [
        [0.6, 0.9 + rng.next() * 0.06],
        [0.75, 0.96 + rng.next() * 0.03],
        [0.95, finalAccuracy],
      ];
      for (const [fraction, accuracy] of loads) {
        sim.schedule(this.at(this.phase(fraction), owner), owner, custom(this.f('Records Reconciled'), Math.min(expected, Math.round(expected * accuracy))));
      }
      this.execute(sim, owner, this.phase(0.5), this.phase(0.96));
      made++;
    }
    // Escalations.
    if (rng.chance(0.3 + 0.1 * tierScale)) {
      for (const name of rng.sample(N.ESCALATIONS, rng.int(1, 1 + tierScale))) {
        const day = this.phase(0.3 + rng.next() * 0.6);
        const sim = this.child('Task', `Escalation: ${name}`, day, { assignee: plan.pm, labels: ['escalation'], priority: 'High' });
        this.execute(sim, plan.pm, day + 1, day + rng.int(3, 15));
        made++;
      }
    }
    // Dependencies block an integration (or any) work item.
    for (const name of rng.sample(N.DEPENDENCIES, this.dependencyCount)) {
      const day = this.phase(0.2 + rng.next() * 0.3);
      const owner = this.member();
      const sim = this.child('Dependency', `Dependency: ${name}`, day, { assignee: owner, duedate: dateOfDay(day + rng.int(7, 30)) });
      const blocked = integrations.length ? rng.pick(integrations) : undefined;
      if (blocked) sim.linksTo.push({ typeId: '10000', target: blocked });
      sim.schedule(this.at(day + rng.int(2, 10), owner), owner, status('In Progress'));
      sim.schedule(this.at(day + rng.int(11, 40), owner), owner, status('Resolved'));
    }
    // Everything else: configuration tasks and stories.
    const generic = [...N.TASKS.map((t) => ['Task', t] as const), ...N.STORIES.map((s) => ['Story', s] as const)];
    for (const [type, name] of rng.sample(generic, Math.max(0, target - made))) {
      const day = this.phase(rng.next() * 0.75);
      const owner = this.member();
      const unassigned = rng.chance(0.4);
      const sim = this.child(type, name, day, { assignee: unassigned ? null : owner, originalEstimate: this.estimateSeconds() });
      if (unassigned) sim.schedule(this.at(day + rng.int(0, 3), plan.pm), plan.pm, assign(owner.accountId));
      if (rng.chance(0.1)) sim.schedule(this.at(day + 1, plan.pm), plan.pm, estimate(rng.int(4, 24) * 3600));
      const start = day + rng.int(1, 10);
      this.execute(sim, owner, start, start + rng.int(2, 25), { review: rng.chance(0.4), rework: rng.chance(0.07) });
      if (rng.chance(0.05)) sim.schedule(this.at(start + 1, owner), owner, label('customer-request'));
      if (rng.chance(0.04)) sim.schedule(this.at(start, plan.pm), plan.pm, priority('High'));
    }
  }
}

/** Epics that are not implementations (and their tasks), which the app must leave out. */
function internalWork(world: SimWorld, rng: Rng, project: SiteProject, asOfDay: number, team: SiteUser[]): IssueSim[] {
  const sims: IssueSim[] = [];
  for (const name of rng.sample(['Internal tooling', 'Partner enablement', 'Template library refresh', 'Team onboarding'], 2)) {
    const owner = rng.pick(team);
    const day = asOfDay - rng.int(60, 400);
    const epic = new IssueSim(world, { project, type: 'Epic', summary: name, createdMs: workInstant(rng, day, owner), reporter: owner, assignee: owner });
    epic.schedule(workInstant(rng, day + 3, owner), owner, status('Build'));
    sims.push(epic);
    for (let i = 0; i < rng.int(3, 6); i++) {
      const worker = rng.pick(team);
      const start = day + rng.int(1, 50);
      const task = new IssueSim(world, {
        project,
        type: 'Task',
        summary: `${name}: ${rng.pick(N.TASKS).toLowerCase()}`,
        createdMs: workInstant(rng, start, owner),
        reporter: owner,
        assignee: worker,
        parent: epic,
      });
      task.schedule(workInstant(rng, start + 2, worker), worker, status('In Progress'));
      task.schedule(workInstant(rng, start + rng.int(3, 30), worker), worker, status('Done'));
      sims.push(task);
    }
  }
  for (const s of sims) s.play();
  return sims.filter((s) => s.exists);
}

/** The stage an implementation is in, read from its epic's status at the snapshot. */
function stageOf(status: string): Stage {
  switch (status) {
    case 'To Do':
      return 'not-started';
    case 'Live':
      return 'live';
    case 'Hypercare':
      return 'hypercare';
    case 'Done':
      return 'done';
    default:
      return 'in-flight';
  }
}

/** Ids, keys, parents and links once every issue exists; ids follow creation order, as in Jira. */
function register(state: SiteState, sims: IssueSim[]): void {
  const order = sims.map((sim, i) => ({ sim, i })).sort((a, b) => a.sim.createdMs - b.sim.createdMs || a.i - b.i);
  const keysByProjectId = new Map(state.projects.map((p) => [p.id, p.key]));
  for (const { sim } of order) {
    const issue = sim.issue;
    const projectKey = keysByProjectId.get(issue.projectId) as string;
    const number = (state.counters.issueNumber[projectKey] ?? 0) + 1;
    state.counters.issueNumber[projectKey] = number;
    issue.id = String(state.counters.issueId++);
    issue.key = `${projectKey}-${number}`;
    for (const history of issue.histories) history.id = String(state.counters.historyId++);
    state.issues.push(issue);
  }
  for (const { sim } of order) {
    if (sim.parent) sim.issue.parentId = sim.parent.issue.id;
    for (const link of sim.linksTo) {
      if (link.target.exists) sim.issue.links.push({ id: String(state.counters.issueLinkId++), typeId: link.typeId, outwardIssueId: link.target.issue.id });
    }
  }
}

export function generatePortfolio(options: PortfolioOptions = {}): Portfolio {
  const seed = options.seed ?? DEFAULT_SEED;
  const count = options.implementations ?? DEFAULT_IMPLEMENTATIONS;
  const asOf = options.asOf ?? DEFAULT_AS_OF;
  const keys = options.projects ?? DEFAULT_PROJECT_KEYS;
  if (!Number.isInteger(seed)) throw new Error(`seed must be an integer, got ${seed}`);
  if (!Number.isInteger(count) || count < 0) throw new Error(`implementations must be a whole number ≥ 0, got ${count}`);
  const asOfMs = parseDate(asOf);
  if (Number.isNaN(asOfMs)) throw new Error(`asOf must be a date written YYYY-MM-DD, got '${asOf}'`);
  if (keys.length === 0) throw new Error('At least one project key is needed.');

  const state = createBaseSite({ baseUrl: options.baseUrl, projects: keys });
  const asOfDay = asOfMs / DAY_MS;
  // The snapshot is taken at noon UTC on asOf.
  const world = new SimWorld(state, asOfMs + 12 * 3_600_000);
  const team = teamMembers(state);
  const sims: IssueSim[] = [];
  const plans: Array<{ plan: Plan; project: SiteProject; epic: IssueSim }> = [];
  for (let index = 0; index < count; index++) {
    const projectIndex = index % keys.length;
    const project = state.projects[projectIndex];
    const rng = new Rng(seed, index);
    const plan = planImplementation(rng, index, projectIndex, asOfDay, team);
    const builder = new ImplementationBuilder(world, rng, plan, project, asOfDay);
    sims.push(...builder.build());
    plans.push({ plan, project, epic: builder.epic });
  }
  state.projects.forEach((project, i) => sims.push(...internalWork(world, new Rng(seed, 1_000_000 + i), project, asOfDay, team)));
  register(state, sims);
  state.lastChangeMs = sims.reduce((max, s) => Math.max(max, s.lastChangeMs), 0);

  const statusNames = new Map(state.statuses.map((s) => [s.id, s.name]));
  const implementations: ImplementationSummary[] = plans.map(({ plan, project, epic }) => ({
    key: epic.issue.key,
    project: project.key,
    customer: plan.customer,
    summary: plan.summary,
    tier: plan.tier,
    segment: plan.segment,
    stage: stageOf(statusNames.get(epic.issue.statusId) ?? ''),
    contractSigned: dateOfDay(plan.contractDay),
    kickoff: dateOfDay(plan.kickoffDay),
    goLive: dateOfDay(plan.goLiveDay),
  }));
  const restrictedProject = restrictedProjectOf(keys);
  addDemoPages(state, implementations, restrictedProject, world.cutoffMs);

  let histories = 0;
  let changeItems = 0;
  for (const issue of state.issues) {
    histories += issue.histories.length;
    for (const h of issue.histories) changeItems += h.items.length;
  }
  return {
    state,
    asOf,
    seed,
    users: DEMO_USERS,
    restrictedProject,
    implementations,
    stats: { implementations: count, issues: state.issues.length, histories, changeItems, pages: state.confluence.pages.length },
    searchExport: (exportOptions) => searchExport(state, exportOptions),
  };
}

export type { SiteIssue };
