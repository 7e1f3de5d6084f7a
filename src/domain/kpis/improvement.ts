/**
 * improvement_throughput of kpis.md: continuous-improvement work (issues labelled `improvement`,
 * inside an implementation or not) done with a resolution date in the 91 days ending at asOf.
 * A portfolio KPI: it reads every issue in scope, not an implementation's children.
 */
import type { RunwayConfig } from '../config';
import { addDays, calendarDate, type IsoDate } from '../dates';
import { hasLabel } from '../fields';
import { readLabels, type JiraIssue } from '../issue-json';
import { existsAt } from '../read-implementations';
import { IMPROVEMENT_WINDOW_DAYS } from './definitions';

export interface ImprovementThroughput {
  /** Improvements resolved in the window; null when no issue in scope is labelled improvement. */
  value: number | null;
  /** The keys counted (the issues behind the number), in scope order. */
  keys: string[];
  /** Issues in scope labelled improvement (existing at asOf), done or not. */
  labelled: number;
}

export const NO_IMPROVEMENTS: ImprovementThroughput = Object.freeze({ value: null, keys: [], labelled: 0 });

/** The throughput at asOf. Issues created after asOf are ignored; a key seen twice counts once. */
export function improvementThroughput(
  issues: readonly JiraIssue[],
  asOf: IsoDate,
  config: RunwayConfig,
): ImprovementThroughput {
  const seen = new Set<string>();
  const inScope = issues.filter((issue) => {
    if (seen.has(issue.key)) return false;
    seen.add(issue.key);
    return existsAt(issue, asOf);
  });
  return improvementThroughputInScope(inScope, asOf, config);
}

/**
 * The throughput of issues already in scope (ImplementationModel.inScope: one copy of each key,
 * none created after asOf), without a second pass to find them: the report reads 100k issues.
 */
export function improvementThroughputInScope(
  inScope: readonly JiraIssue[],
  asOf: IsoDate,
  config: RunwayConfig,
): ImprovementThroughput {
  const label = config.labels.improvement;
  const from = addDays(asOf, -(IMPROVEMENT_WINDOW_DAYS - 1));
  const keys: string[] = [];
  let labelled = 0;
  for (let i = 0; i < inScope.length; i++) {
    const issue = inScope[i];
    if (!hasLabel(readLabels(issue.fields.labels), label)) continue;
    labelled++;
    // done with a resolution date in [asOf − 90, asOf] (a resolution after asOf is not done yet)
    const resolved = calendarDate(issue.fields.resolutiondate);
    if (resolved !== null && resolved >= from && resolved <= asOf) keys.push(issue.key);
  }
  return { value: labelled === 0 ? null : keys.length, keys, labelled };
}
