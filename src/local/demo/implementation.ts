// One implementation as simulated issues: the epic with its lifecycle and worklogs, and every
// child kind of shared/spec/data-model.md (milestones, RAID items, change requests, gates,
// defects, work items) with the histories people leave on them.

import type { SiteProject, SiteUser } from '../site/model';
import * as N from './names';
import type { Plan } from './plan';
import type { Rng } from './prng';
import {
  IssueSim,
  SimWorld,
  assign,
  custom,
  dateOfDay,
  due,
  estimate,
  label,
  nextWorkday,
  priority,
  status,
  work,
  workInstant,
} from './simulate';

/** Builds one implementation (epic and children) as simulated issues. */
export class ImplementationBuilder {
  readonly sims: IssueSim[] = [];
  readonly epic: IssueSim;
  private readonly span: number;

  constructor(
    private readonly world: SimWorld,
    private readonly rng: Rng,
    private readonly plan: Plan,
    private readonly project: SiteProject,
    private readonly asOfDay: number,
    /** Draws of what came later (on-hold spells, stakeholder confidence): its own stream, so the rest stays as it was. */
    private readonly later: Rng = rng,
  ) {
    this.span = plan.goLiveDay - plan.kickoffDay;
    this.epic = this.buildEpic();
    this.onHoldAndConfidence();
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

  private child(
    type: string,
    summary: string,
    day: number,
    extra: Partial<ConstructorParameters<typeof IssueSim>[1]> = {},
  ): IssueSim {
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
    if (!contractAtCreation)
      epic.schedule(
        this.at(plan.contractDay, pm),
        pm,
        custom(this.f('Contract Signed'), dateOfDay(plan.contractDay)),
      );
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
      if (slip > 20)
        epic.schedule(
          this.at(this.phase(0.45), pm),
          pm,
          custom(this.f('Go-Live Date'), dateOfDay(plan.plannedLiveDay + Math.round(slip / 2))),
        );
      epic.schedule(
        this.at(this.phase(0.6), pm),
        pm,
        custom(this.f('Go-Live Date'), dateOfDay(plan.goLiveDay)),
      );
    }
    if (rng.chance(0.7))
      epic.schedule(this.at(plan.fvDay, pm), pm, custom(this.f('First Value Date'), dateOfDay(plan.fvDay)));
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

  /**
   * Some implementations are put on hold by the customer (a spell in Design, one in Build, or
   * both) and resume where they were; Customer Success, Sales and Support rate their confidence
   * once design is under way, lower after a hold, and again at go-live.
   */
  private onHoldAndConfidence(): void {
    const { plan, epic } = this;
    const r = this.later;
    const pm = plan.pm;
    const at = (day: number) => workInstant(r, day, pm);
    let held = false;
    // on hold from a day of the stage, back to the stage before the next one begins
    const spell = (resume: string, from: number, to: number, latest: number) => {
      const start = this.phase(from + r.next() * (to - from));
      const end = Math.min(start + r.int(8, 35), this.phase(latest));
      if (end - start < 3) return;
      epic.schedule(at(start), pm, status('On Hold'));
      epic.schedule(at(end), pm, status(resume));
      held = true;
    };
    if (r.chance(0.15)) spell('Design', 0.17, 0.24, 0.33);
    if (r.chance(0.35)) spell('Build', 0.38, 0.5, 0.68);
    if (r.chance(0.85)) {
      const scores: Array<[number, number]> = held
        ? [
            [4, 2],
            [3.5, 3],
            [3, 4],
            [2, 2],
          ]
        : [
            [5, 3],
            [4.5, 4],
            [4, 5],
            [3.5, 2],
            [3, 1],
          ];
      const first = r.weighted(scores);
      epic.schedule(at(this.phase(0.3)), pm, custom(this.f('Stakeholder Confidence'), first));
      if (r.chance(0.6)) {
        const atLive = Math.min(5, Math.max(1, first + r.pick([-0.5, 0, 0.5, 1])));
        epic.schedule(at(plan.goLiveDay + 1), pm, custom(this.f('Stakeholder Confidence'), atLive));
      }
    }
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
      {
        summary: 'Discovery sign-off',
        planned: plan.kickoffDay + Math.round(plannedSpan * 0.15),
        actual: this.phase(0.15) + rng.int(-2, 4),
      },
      {
        summary: 'Solution design approved',
        planned: plan.kickoffDay + Math.round(plannedSpan * 0.35),
        actual: this.phase(0.35) + rng.int(-2, 5),
      },
      {
        summary: 'First value: first workflow live',
        label: 'first-value',
        planned: plan.fvPlannedDay,
        actual: plan.fvDay,
      },
    ];
    if (plan.tier !== 'Standard') {
      list.push({
        summary: 'Integrations complete',
        planned: plan.kickoffDay + Math.round(plannedSpan * 0.6),
        actual: this.phase(0.6) + rng.int(-3, 6),
      });
      list.push({
        summary: 'Data migration complete',
        planned: plan.kickoffDay + Math.round(plannedSpan * 0.8),
        actual: this.phase(0.8) + rng.int(-2, 5),
      });
    }
    list.push({
      summary: 'UAT sign-off',
      planned: plan.kickoffDay + Math.round(plannedSpan * 0.88),
      actual: this.phase(0.88) + rng.int(-2, 3),
    });
    list.push({ summary: 'Go-live', label: 'go-live', planned: plan.plannedLiveDay, actual: plan.goLiveDay });
    if (plan.tier === 'Enterprise')
      list.push({
        summary: 'Hypercare exit',
        planned: plan.plannedLiveDay + plan.hypercareDays,
        actual: plan.exitDay,
      });

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
        sim.schedule(
          this.at(Math.max(createdDay + 2, m.planned - rng.int(2, 10)), pm),
          pm,
          due(dateOfDay(actual + rng.int(-1, 3))),
        );
      }
      if (actual > plan.kickoffDay + 2)
        sim.schedule(
          this.at(Math.max(createdDay + 1, actual - rng.int(3, 14)), pm),
          pm,
          status('In Progress'),
        );
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
        if (p > 1 && rng.chance(0.6))
          sim.schedule(this.at(mitigate + rng.int(5, 20), owner), owner, custom(prob, String(p - 1)));
        if (rng.chance(0.3))
          sim.schedule(
            this.at(mitigate + rng.int(2, 10), owner),
            owner,
            due(dateOfDay(mitigate + rng.int(20, 50))),
          );
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
    const count =
      plan.tier === 'Standard' ? rng.int(0, 2) : plan.tier === 'Advanced' ? rng.int(1, 3) : rng.int(2, 5);
    for (const name of rng.sample(N.CHANGE_REQUESTS, count)) {
      const day = this.phase(0.3 + rng.next() * 0.5);
      const requester = this.member();
      const sim = this.child('Change Request', `CR: ${name}`, day, {
        assignee: plan.pm,
        reporter: requester,
      });
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
        sim.schedule(
          this.at(decided + rng.int(5, 30), plan.pm),
          plan.pm,
          status('Done', rng.chance(0.5) ? 'Approved' : 'Done'),
        );
      }
      if (outcome === 'rejected')
        sim.schedule(this.at(decided, plan.pm), plan.pm, status('Rejected', "Won't Do"));
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
      const sim = this.child('Gate', `${type} gate`, created, {
        assignee: approver,
        custom: { [gateType]: type },
      });
      const review = passDay - rng.int(2, 7);
      sim.schedule(this.at(review, approver), approver, status('In Review'));
      const rejectedFirst = rng.chance(type === 'Handover' ? 0.12 : 0.15);
      if (rejectedFirst) {
        sim.schedule(this.at(review + 1, approver), approver, status('Rejected', "Won't Do"));
        sim.schedule(this.at(review + 2, approver), approver, status('Reopened'));
        sim.schedule(this.at(review + 3, approver), approver, status('In Review'));
      }
      sim.schedule(
        this.at(passDay + (rejectedFirst ? rng.int(1, 5) : 0), approver),
        approver,
        status('Passed'),
      );
    }
  }

  private defects() {
    const { plan, rng } = this;
    const tierScale = plan.tier === 'Standard' ? 0 : plan.tier === 'Advanced' ? 1 : 2;
    for (const name of rng.sample(N.PRE_LIVE_BUGS, rng.int(2, 4) + tierScale)) {
      const day = this.phase(0.7 + rng.next() * 0.25);
      const fixer = this.member();
      const sim = this.child('Bug', name, day, {
        assignee: fixer,
        reporter: this.member(),
        priority: rng.pick(['Medium', 'Low', 'Medium', 'High']),
      });
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
      const sim = this.child(type, rng.pick(N.POST_LIVE_DEFECTS), day, {
        assignee: fixer,
        reporter: plan.pm,
        priority: prio,
        labels,
      });
      const fixDays = prio === 'Highest' ? rng.int(0, 2) : rng.int(2, 15);
      if (type !== 'Incident')
        sim.schedule(this.at(day + Math.max(0, fixDays - 1), fixer), fixer, status('In Progress'));
      else sim.schedule(this.at(day, fixer), fixer, status('In Progress'));
      sim.schedule(this.at(day + fixDays, fixer), fixer, status('Done'));
    }
  }

  /** Work with worklogs between start and end, then done (optionally reworked once). */
  private execute(
    sim: IssueSim,
    owner: SiteUser,
    start: number,
    end: number,
    opts: { review?: boolean; rework?: boolean; failFirst?: boolean } = {},
  ) {
    const { rng } = this;
    sim.schedule(this.at(start, owner), owner, status('In Progress'));
    // About one worklog every three days of work, as people log time when they touch the item.
    const logs =
      sim.issue.timeoriginalestimate !== null || rng.chance(0.5)
        ? Math.min(10, 1 + Math.floor((end - start) / 3) + rng.int(0, 1))
        : 0;
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
      const sim = this.child('Task', name, day, {
        assignee: owner,
        labels: ['deliverable'],
        duedate: dateOfDay(dueDay),
        originalEstimate: this.estimateSeconds(),
      });
      if (rng.chance(0.3))
        sim.schedule(this.at(day + rng.int(3, 9), plan.pm), plan.pm, due(dateOfDay(dueDay + rng.int(3, 14))));
      const late = rng.chance(0.08);
      const doneDay = late
        ? plan.exitDay + rng.int(5, 40)
        : Math.min(dueDay + rng.int(-5, 6), plan.goLiveDay + Math.round(plan.hypercareDays * 0.5));
      this.execute(sim, owner, day + rng.int(1, 5), Math.max(day + 2, doneDay), {
        review: rng.chance(0.5),
        rework: rng.chance(0.06),
      });
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
      const sim = this.child('Task', `Integration: ${system}`, day, {
        assignee: owner,
        labels: ['integration'],
        originalEstimate: rng.int(16, 80) * 3600,
      });
      integrations.push(sim);
      const failureRate = rng.chance(0.15) ? 0.02 + rng.next() * 0.03 : rng.next() * 0.012;
      let runs = 0;
      let failed = 0;
      for (let d = this.phase(0.4); d <= plan.exitDay; d += rng.int(7, 14)) {
        const batch = rng.int(20, 200) * (1 + tierScale);
        runs += batch;
        failed += Math.round(batch * failureRate * (0.5 + rng.next()));
        sim.schedule(
          this.at(d, owner),
          owner,
          custom(this.f('Integration Runs'), runs),
          custom(this.f('Failed Runs'), failed),
        );
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
        sim.schedule(
          this.at(this.phase(fraction), owner),
          owner,
          custom(this.f('Records Reconciled'), Math.min(expected, Math.round(expected * accuracy))),
        );
      }
      this.execute(sim, owner, this.phase(0.5), this.phase(0.96));
      made++;
    }
    // Escalations.
    if (rng.chance(0.3 + 0.1 * tierScale)) {
      for (const name of rng.sample(N.ESCALATIONS, rng.int(1, 1 + tierScale))) {
        const day = this.phase(0.3 + rng.next() * 0.6);
        const sim = this.child('Task', `Escalation: ${name}`, day, {
          assignee: plan.pm,
          labels: ['escalation'],
          priority: 'High',
        });
        this.execute(sim, plan.pm, day + 1, day + rng.int(3, 15));
        made++;
      }
    }
    // Dependencies block an integration (or any) work item.
    for (const name of rng.sample(N.DEPENDENCIES, this.dependencyCount)) {
      const day = this.phase(0.2 + rng.next() * 0.3);
      const owner = this.member();
      const sim = this.child('Dependency', `Dependency: ${name}`, day, {
        assignee: owner,
        duedate: dateOfDay(day + rng.int(7, 30)),
      });
      const blocked = integrations.length ? rng.pick(integrations) : undefined;
      if (blocked) sim.linksTo.push({ typeId: '10000', target: blocked });
      sim.schedule(this.at(day + rng.int(2, 10), owner), owner, status('In Progress'));
      sim.schedule(this.at(day + rng.int(11, 40), owner), owner, status('Resolved'));
    }
    // Everything else: configuration tasks and stories.
    const generic = [
      ...N.TASKS.map((t) => ['Task', t] as const),
      ...N.STORIES.map((s) => ['Story', s] as const),
    ];
    for (const [type, name] of rng.sample(generic, Math.max(0, target - made))) {
      const day = this.phase(rng.next() * 0.75);
      const owner = this.member();
      const unassigned = rng.chance(0.4);
      const sim = this.child(type, name, day, {
        assignee: unassigned ? null : owner,
        originalEstimate: this.estimateSeconds(),
      });
      if (unassigned) sim.schedule(this.at(day + rng.int(0, 3), plan.pm), plan.pm, assign(owner.accountId));
      if (rng.chance(0.1)) sim.schedule(this.at(day + 1, plan.pm), plan.pm, estimate(rng.int(4, 24) * 3600));
      const start = day + rng.int(1, 10);
      this.execute(sim, owner, start, start + rng.int(2, 25), {
        review: rng.chance(0.4),
        rework: rng.chance(0.07),
      });
      if (rng.chance(0.05)) sim.schedule(this.at(start + 1, owner), owner, label('customer-request'));
      if (rng.chance(0.04)) sim.schedule(this.at(start, plan.pm), plan.pm, priority('High'));
    }
  }
}
