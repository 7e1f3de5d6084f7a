/**
 * Every `runway` command. Add yours here: one file per command in this folder, one line below.
 * Each loads when it runs (or shows its usage), so `runway kpis` never loads the local host,
 * the Confluence renderers or the Jira client: start-up is part of every command's time.
 */
import type { Command } from '../command';

function lazy(name: string, summary: string, load: () => Command): Command {
  return {
    name,
    summary,
    get usage() {
      return load().usage;
    },
    run: (args, io) => load().run(args, io),
  };
}

export const COMMANDS: readonly Command[] = [
  lazy(
    'kpis',
    'Delivery KPIs per implementation and for the portfolio, from a Jira export',
    () => (require('./kpis') as typeof import('./kpis')).kpisCommand,
  ),
  lazy(
    'export',
    'Write a Jira site’s issues (names, complete changelogs) as a kpis --input export',
    () => (require('./export') as typeof import('./export')).exportCommand,
  ),
  lazy(
    'serve',
    'Run the whole app locally (demo Jira + Confluence, every surface); also npm start',
    () => (require('./serve') as typeof import('./serve')).serveCommand,
  ),
  lazy(
    'render',
    'A playbook or the handover packet of one implementation, as Markdown, HTML or ADF',
    () => (require('./render') as typeof import('./render')).renderCommand,
  ),
  lazy(
    'alerts',
    'Who would be alerted about what (overdue RAID, late and due-soon milestones), from a Jira export',
    () => (require('./alerts') as typeof import('./alerts')).alertsCommand,
  ),
];
