// The demo portfolio: customer implementations as Jira epics with every child kind of
// shared/spec/data-model.md and more than a year of history, as of a given date.
// Deterministic: a seeded PRNG and the asOf argument, never the clock.

import type { SiteIssue, SiteProject, SiteState, SiteUser } from '../site/model';
import { DAY_MS, parseDate } from '../site/time';
import {
  DEMO_USERS,
  createBaseSite,
  restrictedProjectOf,
  teamMembers,
  DEFAULT_PROJECT_KEYS,
} from './catalog';
import { addDemoPages } from './confluence';
import { searchExport, type SearchExportOptions, type SearchPage } from './export';
import { ImplementationBuilder } from './implementation';
import * as N from './names';
import { planImplementation, type ImplementationSummary, type Plan, type Stage, type Tier } from './plan';
import { Rng } from './prng';
import { IssueSim, SimWorld, dateOfDay, status, workInstant } from './simulate';

export type { ImplementationSummary, Stage, Tier };

export const DEFAULT_AS_OF = '2026-11-23';
export const DEFAULT_SEED = 1;
export const DEFAULT_IMPLEMENTATIONS = 30;

export interface PortfolioOptions {
  seed?: number;
  implementations?: number;
  /** Project keys; default IMP, ONB, ENT (the last one restricted: the viewer cannot browse it). */
  projects?: string[];
  /** The snapshot date (YYYY-MM-DD): nothing after it has happened. */
  asOf?: string;
  baseUrl?: string;
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

/** Epics that are not implementations (and their tasks), which the app must leave out. */
function internalWork(
  world: SimWorld,
  rng: Rng,
  project: SiteProject,
  asOfDay: number,
  team: SiteUser[],
): IssueSim[] {
  const sims: IssueSim[] = [];
  for (const name of rng.sample(
    ['Internal tooling', 'Partner enablement', 'Template library refresh', 'Team onboarding'],
    2,
  )) {
    const owner = rng.pick(team);
    const day = asOfDay - rng.int(60, 400);
    const epic = new IssueSim(world, {
      project,
      type: 'Epic',
      summary: name,
      createdMs: workInstant(rng, day, owner),
      reporter: owner,
      assignee: owner,
    });
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

/**
 * Continuous-improvement work of a project (labelled `improvement`, outside any implementation):
 * playbook updates and automation, most done over the past year, some still open.
 */
function improvementWork(
  world: SimWorld,
  rng: Rng,
  project: SiteProject,
  asOfDay: number,
  team: SiteUser[],
): IssueSim[] {
  const sims: IssueSim[] = [];
  for (const [n, summary] of rng.sample(N.IMPROVEMENTS, rng.int(3, 5)).entries()) {
    const owner = rng.pick(team);
    const day = asOfDay - (rng.chance(0.5) ? rng.int(10, 120) : rng.int(121, 360));
    const task = new IssueSim(world, {
      project,
      type: 'Task',
      summary,
      labels: ['improvement'],
      createdMs: workInstant(rng, day, owner),
      reporter: owner,
      assignee: owner,
    });
    task.schedule(workInstant(rng, day + 1, owner), owner, status('In Progress'));
    if (n > 0) task.schedule(workInstant(rng, day + rng.int(5, 45), owner), owner, status('Done')); // the first: still open
    task.play();
    if (task.exists) sims.push(task);
  }
  return sims;
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
  const order = sims
    .map((sim, i) => ({ sim, i }))
    .sort((a, b) => a.sim.createdMs - b.sim.createdMs || a.i - b.i);
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
      if (link.target.exists)
        sim.issue.links.push({
          id: String(state.counters.issueLinkId++),
          typeId: link.typeId,
          outwardIssueId: link.target.issue.id,
        });
    }
  }
}

export function generatePortfolio(options: PortfolioOptions = {}): Portfolio {
  const seed = options.seed ?? DEFAULT_SEED;
  const count = options.implementations ?? DEFAULT_IMPLEMENTATIONS;
  const asOf = options.asOf ?? DEFAULT_AS_OF;
  const keys = options.projects ?? DEFAULT_PROJECT_KEYS;
  if (!Number.isInteger(seed)) throw new Error(`seed must be an integer, got ${seed}`);
  if (!Number.isInteger(count) || count < 0)
    throw new Error(`implementations must be a whole number ≥ 0, got ${count}`);
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
    const builder = new ImplementationBuilder(
      world,
      rng,
      plan,
      project,
      asOfDay,
      new Rng(seed, 2_000_000 + index),
    );
    sims.push(...builder.build());
    plans.push({ plan, project, epic: builder.epic });
  }
  state.projects.forEach((project, i) =>
    sims.push(...internalWork(world, new Rng(seed, 1_000_000 + i), project, asOfDay, team)),
  );
  register(state, sims);
  // Improvement work comes after, so the keys of everything above stay as they were.
  const improvements = state.projects.flatMap((project, i) =>
    improvementWork(world, new Rng(seed, 3_000_000 + i), project, asOfDay, team),
  );
  register(state, improvements);
  sims.push(...improvements);
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
    stats: {
      implementations: count,
      issues: state.issues.length,
      histories,
      changeItems,
      pages: state.confluence.pages.length,
    },
    searchExport: (exportOptions) => searchExport(state, exportOptions),
  };
}

export type { SiteIssue };
