/**
 * What each KPI means, in one or two sentences a tile can show (shared/spec/kpis.md, in words).
 * Names of labels and issue types are the configured ones.
 */
import type { RunwayConfig } from '../config';
import type { KpiId } from '../kpis/definitions';

export function kpiDefinition(id: KpiId, config: RunwayConfig): string {
  const l = config.labels;
  const window = config.postGoLiveWindowDays;
  switch (id) {
    case 'time_to_kickoff_bdays':
      return 'Business days from contract signature to kickoff, per implementation; the portfolio value is the median.';
    case 'time_to_first_value_days':
      return `Calendar days from kickoff to first value (First Value Date, or the first resolved child labelled "${l.firstValue}"); median per complexity tier, each against its own target.`;
    case 'time_to_live_days':
      return 'Calendar days from kickoff to go-live, per live implementation; the portfolio value is the median (p90 also shown).';
    case 'on_time_milestone_rate':
      return `Milestones done by their baseline due date (+${config.milestoneToleranceDays} days), over milestones done or past their baseline due date.`;
    case 'scope_change_count':
      return 'Approved change requests (status or resolution approved) per implementation, on average.';
    case 'rework_rate':
      return 'Work items reopened at least once, over work items ever done.';
    case 'defect_escape_count':
      return `Defects labelled "${l.implementationCaused}" created in the ${window} days from go-live, per live implementation, on average.`;
    case 'post_golive_p1_count':
      return `Defects of priority ${config.priorities.p1.join(' / ')} created in the ${window} days from go-live, summed over the portfolio.`;
    case 'post_golive_p2_count':
      return `Defects of priority ${config.priorities.p2.join(' / ')} created in the ${window} days from go-live, summed over the portfolio.`;
    case 'uat_first_pass_rate':
      return `Done "${l.uat}" items never failed nor reopened, over done "${l.uat}" items.`;
    case 'integration_success_rate':
      return `1 − failed runs / integration runs, summed over "${l.integration}" items.`;
    case 'reconciliation_accuracy':
      return `Records reconciled / records expected, summed over "${l.migration}" items.`;
    case 'documentation_completeness':
      return `"${l.deliverable}" items done by the Handover gate (or by the as-of date), over all "${l.deliverable}" items.`;
    case 'handover_first_pass':
      return 'Share of implementations whose Handover gate passed without ever failing or being reopened (done gates only).';
    case 'csat':
      return 'Customer satisfaction (CSAT, 1–5) of the implementations that have one, on average.';
    case 'escalation_count':
      return `Items labelled "${l.escalation}" per implementation, on average.`;
    case 'effort_variance':
      return '(Time spent − original estimate) / original estimate, summed over the issues that have an estimate.';
    case 'asset_reuse':
      return `Share of implementations created from a playbook (a label starting "${l.playbookPrefix}").`;
    case 'stakeholder_confidence':
      return `${config.fieldNames.stakeholderConfidence} (1–5): how ready and well informed Customer Success, Sales and Support rate the implementation, on average.`;
    case 'active_time_to_first_value_days':
      return `Time to first value minus the days the implementation spent on hold (${config.onHoldStatuses.join(' / ')}) between kickoff and first value; the portfolio value is the median.`;
    case 'active_time_to_live_days':
      return `Time to live minus the days the implementation spent on hold (${config.onHoldStatuses.join(' / ')}) between kickoff and go-live; the portfolio value is the median (p90 also shown).`;
    case 'improvement_throughput':
      return `Issues in scope labelled "${l.improvement}" (in an implementation or not) resolved in the 91 days ending at the as-of date.`;
  }
}
