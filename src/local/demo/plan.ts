// Where an implementation sits in time: its tier, segment, people and the days of its
// lifecycle (contract, kickoff, first value, go-live, hypercare exit), placed so that asOf
// falls in the stage chosen for it.

import type { SiteUser } from '../site/model';
import * as N from './names';
import type { Rng } from './prng';
import { nextWorkday, previousWorkday } from './simulate';

export type Tier = 'Standard' | 'Advanced' | 'Enterprise';
export type Stage = 'not-started' | 'in-flight' | 'live' | 'hypercare' | 'done';
/** What the demo index and the demo Confluence pages say about one generated implementation. */
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

export interface Plan {
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

export function planImplementation(
  rng: Rng,
  index: number,
  projectIndex: number,
  asOfDay: number,
  team: SiteUser[],
): Plan {
  const tier = rng.weighted(TIER_WEIGHTS[projectIndex % TIER_WEIGHTS.length]);
  const segment = rng.weighted(SEGMENT_WEIGHTS[tier]);
  const customer = N.customerName(index);
  const summary = `${customer} ${rng.pick(N.SCOPES)}`;
  const stage = index < STAGE_ORDER.length ? STAGE_ORDER[index] : rng.weighted(STAGE_WEIGHTS);
  const kickoffLag = rng.chance(0.15)
    ? rng.int(18, 40)
    : tier === 'Standard'
      ? rng.int(3, 12)
      : tier === 'Advanced'
        ? rng.int(5, 16)
        : rng.int(7, 22);
  const liveOffset =
    tier === 'Standard' ? rng.int(60, 100) : tier === 'Advanced' ? rng.int(90, 150) : rng.int(140, 230);
  const slip = rng.weighted<number>([
    [0, 55],
    [rng.int(5, 35), 35],
    [rng.int(36, 80), 10],
  ]);
  const fvPlannedOffset =
    Math.round(liveOffset * (tier === 'Standard' ? 0.45 : tier === 'Advanced' ? 0.5 : 0.45)) + rng.int(-5, 5);
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
      kickoffDay = nextWorkday(
        asOfDay - actualLive - hypercareDays - rng.int(3, Math.max(4, 560 - actualLive - hypercareDays)),
      );
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
