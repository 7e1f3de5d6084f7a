/**
 * `runway alerts`: the alerts of shared/spec/alerts.md as of a date, from a Jira search export
 * (`--input`) or a live site (`--site`). Prints them; notifies nobody. The gate rules need app
 * data (sign-offs), so on an export only the first three rules run.
 */
import {
  alertsReport,
  buildImplementations,
  groupDigests,
  RULE_TITLES,
  ALERT_RULES,
  computeAlerts,
  type FiredAlert,
  type Implementation,
} from '../../domain';
import { oneOf, parseDateOption, parseOptions } from '../args';
import { UsageError, type Command } from '../command';
import { loadConfig, readSearchExports } from '../input';
import { loadSiteExport, SITE_OPTIONS, SITE_USAGE, wantsSite } from '../site';

const FORMATS = ['json', 'md'] as const;

const USAGE = `Usage: runway alerts --input <file|dir>... [--as-of YYYY-MM-DD] [--config runway.config.json] [--implementation KEY] [--format json|md]
       runway alerts --site <url> --email <email> --token <token> --jql <query> [--as-of …] [--config …] [--format …]

Lists who would be alerted about what (shared/spec/alerts.md): overdue RAID items, late
milestones and milestones due soon, of open implementations. Notifies nobody: the daily
scheduled function of the app sends the digests.

  --input <file|dir>  A Jira search response (GET /rest/api/3/search/jql?expand=names,changelog),
                      an array of the pages of one search, or a folder of such .json files.
${SITE_USAGE}
  --as-of <date>      Alerts as of this date (default: today).
  --config <file>     Site names and the alerts block (rules on/off, dueSoonBusinessDays,
                      gateWaitingDays); unknown keys are refused.
  --implementation <key>
                      Only this implementation's alerts (exit 2 when the export has no such
                      implementation).
  --format <f>        json (default: { asOf, alerts, digests } of alerts.md) or md (the digests
                      as a person reads them).

The gate rules (gate_ready_for_approval, gate_waiting) need the app's sign-offs: they run in the
app only.

Exit codes: 0 done, 1 Jira failed (after retries), 2 bad input (named) or Jira refused.
`;

const OPTIONS = {
  ...SITE_OPTIONS,
  input: { type: 'string', multiple: true },
  'as-of': { type: 'string' },
  config: { type: 'string' },
  implementation: { type: 'string' },
  format: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');

/** Account id → display name, from the assignees the export shows. */
function peopleOf(implementations: readonly Implementation[]): Map<string, string> {
  const names = new Map<string, string>();
  const add = (u: { accountId?: string; displayName?: string } | null) => {
    if (u?.accountId && u.displayName) names.set(u.accountId, u.displayName);
  };
  for (const i of implementations) {
    add(i.assignee);
    for (const c of i.children) add(c.assignee);
  }
  return names;
}

function renderAlertsMarkdown(
  asOf: string,
  alerts: readonly FiredAlert[],
  people: ReadonlyMap<string, string>,
): string {
  const lines = [`# Runway alerts as of ${asOf}`, ''];
  const digests = groupDigests(alerts);
  const nobody = alerts.filter((a) => a.recipient === null);
  lines.push(
    `${alerts.length} alert${alerts.length === 1 ? '' : 's'}, ${digests.length} digest${digests.length === 1 ? '' : 's'}${nobody.length > 0 ? `, ${nobody.length} with nobody to tell` : ''}.`,
  );
  const list = (mine: readonly FiredAlert[]) => {
    for (const rule of ALERT_RULES) {
      const of = mine.filter((a) => a.rule === rule);
      if (of.length === 0) continue;
      lines.push('', `### ${RULE_TITLES[rule]} (${of.length})`, '');
      for (const a of of)
        lines.push(
          `- **${cell(a.issue)}** ${cell(a.summary)} (${cell(a.implementation)} ${cell(a.implementationSummary)}): ${cell(a.detail)}`,
        );
    }
  };
  for (const d of digests) {
    const name = people.get(d.recipient);
    lines.push('', `## ${name ? `${cell(name)} (${d.recipient})` : d.recipient}`);
    list(d.alerts);
  }
  if (nobody.length > 0) {
    lines.push('', '## Nobody to tell (no assignee and no implementation owner)');
    list(nobody);
  }
  return `${lines.join('\n')}\n`;
}

export const alertsCommand: Command = {
  name: 'alerts',
  summary: 'Who would be alerted about what (overdue RAID, late and due-soon milestones), from a Jira export',
  usage: USAGE,
  async run(args, io) {
    const { values, positionals } = parseOptions(args, OPTIONS);
    if (values.help) {
      io.stdout(USAGE);
      return 0;
    }
    if (positionals.length > 0 && values.input === undefined)
      throw new UsageError(`unexpected ${positionals[0]}: give inputs with --input`);
    const format = oneOf('--format', values.format ?? 'json', FORMATS);
    const asOf = values['as-of'] === undefined ? io.today() : parseDateOption('--as-of', values['as-of']);
    const config = await loadConfig(values.config, io);
    const inputs = [...(values.input ?? []), ...positionals];
    const siteWanted = values.site !== undefined || (inputs.length === 0 && wantsSite(values, io));
    if (!siteWanted && inputs.length === 0)
      throw new UsageError('no input: give --input <file|dir> or --site (see runway alerts --help)');
    const source = siteWanted
      ? await loadSiteExport(values, config, io)
      : await readSearchExports(inputs, io);
    const model = buildImplementations(source.issues, source.names, { asOf, config });
    let implementations = model.implementations;
    const only = values.implementation;
    if (only !== undefined) {
      implementations = implementations.filter((i) => i.key.toUpperCase() === only.trim().toUpperCase());
      if (implementations.length === 0)
        throw new UsageError(`--implementation ${only}: no such implementation in the input as of ${asOf}`);
    }
    const alerts = computeAlerts(implementations, { asOf, config });
    if (format === 'json') io.stdout(`${JSON.stringify(alertsReport(asOf, alerts), null, 2)}\n`);
    else io.stdout(renderAlertsMarkdown(asOf, alerts, peopleOf(implementations)));
    return 0;
  },
};
