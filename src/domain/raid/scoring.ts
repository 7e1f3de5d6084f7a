/**
 * RAID scoring: probability × impact on 1–5 scales gives a score of 1–25. A score of 15 or more
 * is high (it counts in "open high risks"); 20 or more is critical (it turns an implementation
 * red). An RAID `issue` has already happened, so when it carries no probability it scores as
 * certain (5). Values outside 1–5, or not whole numbers, give no score and a warning.
 */
import type { KpiWarning } from '../fields';

export const RAID_KINDS = ['risk', 'assumption', 'issue', 'dependency'] as const;
export type RaidKind = (typeof RAID_KINDS)[number];

export const SCALE_MIN = 1;
export const SCALE_MAX = 5;
/** Scores at or above count as high (open high risks). */
export const HIGH_SCORE = 15;
/** Scores at or above are critical (health rule: an open risk this high makes it red). */
export const CRITICAL_SCORE = 20;
/** Probability an issue scores with when none is set: it has happened. */
export const ISSUE_PROBABILITY = SCALE_MAX;

export type ScoreBand = 'critical' | 'high' | 'medium' | 'low';

/** The band of a score: low 1–5, medium 6–14, high 15–19, critical 20–25. */
export function scoreBand(score: number): ScoreBand {
  if (score >= CRITICAL_SCORE) return 'critical';
  if (score >= HIGH_SCORE) return 'high';
  if (score > SCALE_MAX) return 'medium';
  return 'low';
}

function onScale(v: number): boolean {
  return Number.isInteger(v) && v >= SCALE_MIN && v <= SCALE_MAX;
}

export interface RaidScore {
  /** The probability the score uses (an issue without one: 5), or null. */
  probability: number | null;
  impact: number | null;
  score: number | null;
  band: ScoreBand | null;
}

/**
 * The score of one RAID item. `warnings` gets one entry per value that is set but off the scale,
 * naming the issue key; such a value reads as empty.
 */
export function scoreRaidItem(
  item: { key: string; kind: RaidKind; probability: number | null; impact: number | null },
  warnings: KpiWarning[],
): RaidScore {
  const checked = (label: string, v: number | null): number | null => {
    if (v === null) return null;
    if (onScale(v)) return v;
    warnings.push({
      issue: item.key,
      code: 'OFF_SCALE',
      message: `${label} ${v} is not a whole number from ${SCALE_MIN} to ${SCALE_MAX}; it is left out of the score`,
    });
    return null;
  };
  const impact = checked('Impact', item.impact);
  let probability = checked('Probability', item.probability);
  if (probability === null && item.probability === null && item.kind === 'issue')
    probability = ISSUE_PROBABILITY;
  const score = probability !== null && impact !== null ? probability * impact : null;
  return { probability, impact, score, band: score === null ? null : scoreBand(score) };
}
