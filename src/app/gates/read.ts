// Use case: read the gate report of the implementation an issue panel is open on, as the viewer —
// every gate with its criteria, decisions and evidence (checked for existence), what the viewer
// may do, and the audit record.
import type { GetGatesResult } from '../../contracts/stage-gates';
import type { IsoDate } from '../../domain';
import { fetchCaller } from '../../jira/gates';
import { attempt } from '../failure';
import { todayUtc, type Ports } from '../ports';
import { emptyPanel, panelOf } from './panel';
import { evaluate, gateDeps, loadImplementation } from './report';

export interface ReadGatesInput {
  /** The issue the panel is on. */
  issueKey: string;
  /** Evaluate as of this day; default today (UTC). */
  asOf?: IsoDate;
  /** The site's base URL, for links to evidence. */
  siteUrl: string;
}

export function readGates(ports: Ports, input: ReadGatesInput): Promise<GetGatesResult> {
  return attempt(async () => {
    const deps = await gateDeps(ports);
    const asOf = input.asOf ?? todayUtc(ports.now());
    const [loaded, caller] = await Promise.all([
      loadImplementation(deps, input.issueKey, asOf),
      fetchCaller(deps.jira, ports.jiraFetch, input.issueKey),
    ]);
    if (!loaded) return { ok: true, data: emptyPanel(asOf, caller) };
    const report = await evaluate(deps, loaded, asOf, { checkEvidence: true });
    return { ok: true, data: panelOf(report, caller, deps.config, asOf, input.siteUrl) };
  });
}
