/**
 * The JQL of "the issues behind a number": which Jira issues a KPI tile opens. Implementation
 * KPIs (durations, CSAT, handover, reuse) open the implementations that have a value; the others
 * open the children of those implementations that the KPI reads (milestones, change requests,
 * defects, labelled work items). Above `maxKeys` implementations the key list would not fit in a
 * link, so the scope's own JQL narrows the search instead.
 */
import type { RunwayConfig } from '../config';
import { partialKeyJql } from '../issue-key';
import { addDays, type IsoDate } from '../dates';
import { IMPROVEMENT_WINDOW_DAYS, type KpiId } from '../kpis/definitions';

/** A JQL string literal. */
export function jqlString(value: string): string {
  return `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

const list = (values: readonly string[]) => values.map(jqlString).join(', ');

/**
 * Issue type names the site has (lowercased). Jira refuses a JQL query that names an issue type
 * it does not have, so configured names the site lacks are left out.
 */
export type SiteIssueTypes = ReadonlySet<string>;

function onSite(names: readonly string[], site: SiteIssueTypes | undefined): string[] {
  return site === undefined ? [...names] : names.filter((n) => site.has(n.trim().toLowerCase()));
}

/** `issuetype in (…)`, or null when the site has none of the types (no issue can match). */
function typeIn(names: readonly string[], site: SiteIssueTypes | undefined): string | null {
  const known = onSite(names, site);
  return known.length === 0 ? null : `issuetype in (${list(known)})`;
}

type Selector =
  | { level: 'implementation' }
  /** The keys given are the issues themselves (improvement_throughput); `where` narrows the scope. */
  | { level: 'self'; where: string }
  | { level: 'children'; where: string }
  | { level: 'both'; where: string }
  | { level: 'none' };

const children = (where: string | null): Selector =>
  where === null ? { level: 'none' } : { level: 'children', where };

function selector(id: KpiId, config: RunwayConfig, site: SiteIssueTypes | undefined): Selector {
  const t = config.issueTypes;
  const l = config.labels;
  const defects = typeIn(t.defect, site);
  const withDefects = (more: string) => (defects === null ? null : `${defects} AND ${more}`);
  switch (id) {
    case 'on_time_milestone_rate':
      return children(typeIn(t.milestone, site));
    case 'scope_change_count':
      return children(typeIn(t.changeRequest, site));
    case 'rework_rate': {
      const named = onSite(
        [
          ...t.milestone,
          ...t.risk,
          ...t.assumption,
          ...t.issue,
          ...t.dependency,
          ...t.changeRequest,
          ...t.gate,
          ...t.defect,
        ],
        site,
      );
      return {
        level: 'children',
        where: named.length === 0 ? 'issuetype is not EMPTY' : `issuetype not in (${list(named)})`,
      };
    }
    case 'defect_escape_count':
      return children(withDefects(`labels = ${jqlString(l.implementationCaused)}`));
    case 'post_golive_p1_count':
      return children(withDefects(`priority in (${list(config.priorities.p1)})`));
    case 'post_golive_p2_count':
      return children(withDefects(`priority in (${list(config.priorities.p2)})`));
    case 'uat_first_pass_rate':
      return {
        level: 'children',
        where: `labels = ${jqlString(l.uat)} AND (resolution is not EMPTY OR statusCategory = Done)`,
      };
    case 'integration_success_rate':
      return { level: 'children', where: `labels = ${jqlString(l.integration)}` };
    case 'reconciliation_accuracy':
      return { level: 'children', where: `labels = ${jqlString(l.migration)}` };
    case 'documentation_completeness':
      return { level: 'children', where: `labels = ${jqlString(l.deliverable)}` };
    case 'escalation_count':
      return { level: 'children', where: `labels = ${jqlString(l.escalation)}` };
    case 'effort_variance':
      return { level: 'both', where: 'originalEstimate is not EMPTY' };
    case 'improvement_throughput':
      return { level: 'self', where: `labels = ${jqlString(l.improvement)} AND resolution is not EMPTY` };
    case 'time_to_kickoff_bdays':
    case 'time_to_first_value_days':
    case 'time_to_live_days':
    case 'handover_first_pass':
    case 'csat':
    case 'asset_reuse':
    case 'stakeholder_confidence':
    case 'active_time_to_first_value_days':
    case 'active_time_to_live_days':
      return { level: 'implementation' };
  }
}

/** Issues that are implementations by the rules of data-model.md, as JQL. */
export function implementationJql(config: RunwayConfig, site?: SiteIssueTypes): string {
  const label = `labels = ${jqlString(config.implementationLabel)}`;
  const types = typeIn(config.implementationTypes, site);
  return types === null ? label : `(${types} OR ${label})`;
}

/**
 * The improvement issues of a scope (improvement_throughput): every issue in it labelled
 * improvement, inside an implementation or not.
 */
export function improvementJql(scopeJql: string, config: RunwayConfig): string {
  return `(${scopeJql}) AND labels = ${jqlString(config.labels.improvement)} ORDER BY key`;
}

/** Characters JQL text search treats as syntax; a search for words drops them. */
const JQL_TEXT_RESERVED = /["\\+\-&|!(){}[\]^~*?:/]/g;

/**
 * The JQL of the implementation picker: a key, whole or partial, finds the implementations whose
 * key starts with it ("IMP-9" finds IMP-9 and IMP-94), words find those whose summary has them
 * (the last as a prefix), nothing lists the recently updated ones. `byKey` says the query was
 * taken as a key (Jira answers 400 for a project that does not exist).
 */
export function implementationSearchJql(
  query: string,
  config: RunwayConfig,
  site?: SiteIssueTypes,
): { jql: string; byKey: boolean } {
  const scope = implementationJql(config, site);
  const keys = partialKeyJql(query);
  if (keys !== null) return { jql: `${keys} AND ${scope} ORDER BY key`, byKey: true };
  const words = query.replace(JQL_TEXT_RESERVED, ' ').trim();
  return {
    jql:
      words === ''
        ? `${scope} ORDER BY updated DESC`
        : `${scope} AND summary ~ ${jqlString(`${words}*`)} ORDER BY updated DESC`,
    byKey: false,
  };
}

export interface KpiJqlOptions {
  /** The scope the KPI was computed on (used when there are too many keys to list). */
  scopeJql: string;
  /** Most implementation keys to list in the JQL; default 100. */
  maxKeys?: number;
  siteIssueTypes?: SiteIssueTypes;
  /** improvement_throughput above maxKeys: the window ends at this date (JQL reads the user's time zone). */
  asOf?: IsoDate;
}

/**
 * The JQL of the issues behind a KPI, or null when no implementation contributes (n = 0). The
 * keys are those of the implementations that contribute, or, for improvement_throughput, of the
 * improvements counted.
 */
export function kpiIssuesJql(
  id: KpiId,
  implementationKeys: readonly string[],
  config: RunwayConfig,
  options: KpiJqlOptions,
): string | null {
  if (implementationKeys.length === 0) return null;
  const s = selector(id, config, options.siteIssueTypes);
  if (s.level === 'none') return null;
  const maxKeys = options.maxKeys ?? 100;
  if (implementationKeys.length > maxKeys) {
    const scope = `(${options.scopeJql})`;
    if (s.level === 'implementation')
      return `${scope} AND ${implementationJql(config, options.siteIssueTypes)}`;
    if (s.level === 'self' && options.asOf !== undefined) {
      const from = addDays(options.asOf, -(IMPROVEMENT_WINDOW_DAYS - 1));
      return `${scope} AND ${s.where} AND resolved >= "${from}" AND resolved < "${addDays(options.asOf, 1)}"`;
    }
    return `${scope} AND ${s.where}`;
  }
  const keys = implementationKeys.join(', ');
  if (s.level === 'implementation' || s.level === 'self') return `key in (${keys}) ORDER BY key`;
  if (s.level === 'both') return `(key in (${keys}) OR parent in (${keys})) AND ${s.where} ORDER BY key`;
  return `parent in (${keys}) AND ${s.where} ORDER BY key`;
}
