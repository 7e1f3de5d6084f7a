// Use case: read the gate report of the implementation an issue panel is open on, as the viewer —
// every gate with its criteria, decisions and evidence (resolved as the viewer), what the viewer
// may do, and the audit record. A Gate issue found out of step with the decisions on its gate's
// record is re-synced as the viewer when they may transition it (and no write to the gate is under
// way); otherwise the panel says so.
import type { GetGatesResult } from '../../contracts/stage-gates';
import type { IsoDate } from '../../domain';
import { fetchCaller, mayTransition } from '../../jira/gates';
import { GateBusyError, withGateLock } from '../../storage/gates';
import { attempt } from '../failure';
import { todayUtc, type Ports } from '../ports';
import { emptyPanel, panelOf } from './panel';
import { evaluate, gateDeps, loadImplementation } from './report';
import { syncFromRecord } from './write';

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
    const resynced: string[] = [];
    // Only a gate with a decision on the record (sign-off, rejection, override) is synced from it: a
    // Gate issue resolved before anyone signed off in Runway is shown as out of step, not reopened.
    const decided = new Set(
      report.records
        .filter((r) => r.entry.action !== 'addEvidence' && r.entry.action !== 'removeEvidence')
        .map((r) => r.entry.gateId),
    );
    for (const [index, gate] of report.gates.entries()) {
      if (gate.gateIssueAction === null || gate.gateIssue === null || !decided.has(gate.id)) continue;
      if (!(await mayTransition(deps.jira, gate.gateIssue.key).catch(() => false))) continue;
      const seen = report.evidence;
      const synced = await withGateLock(
        deps.store,
        loaded.logId,
        gate.id,
        async () => {
          const fresh = await evaluate(deps, loaded, asOf, { reuse: seen });
          return { fresh, notice: await syncFromRecord(deps, fresh, index) };
        },
        { waitMs: 0 },
      ).catch((e: unknown) => {
        if (e instanceof GateBusyError) return null; // a write holds the gate and will sync it
        throw e;
      });
      if (synced === null) continue;
      report.gates[index] = synced.fresh.gates[index];
      if (synced.notice !== null) resynced.push(`${synced.notice}: it was out of step with the gate.`);
    }
    const panel = panelOf(report, caller, deps.config, asOf, input.siteUrl);
    return { ok: true, data: { ...panel, warnings: [...resynced, ...panel.warnings] } };
  });
}
