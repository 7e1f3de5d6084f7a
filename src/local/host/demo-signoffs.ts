// Historic sign-offs: in the site's history a resolved Gate issue means the gate was signed off,
// but app storage starts empty, so every implementation that is already live would look blocked.
// At start the host records, for each implementation without any audit record yet, one approval
// per required approver of each gate whose Gate issue is resolved, dated at its resolution, through
// the app's own audit log (auditLog / AuditRecordSchema) — never over anything a person recorded.
// Deterministic: the same site gives the same records.
import {
  criteriaSnapshot,
  gateName,
  type AuditRecord,
  type GateDefinition,
  type ImplementationChild,
  type IsoDate,
  type RunwayConfig,
} from '../../domain';
import { createJiraClient, type HttpFetch, type HttpResponse } from '../../jira';
import {
  evaluate,
  loadImplementation,
  type GateDeps,
  type LoadedImplementation,
} from '../../app/gates/report';
import { readConfig, typedStore } from '../../storage';
import { auditLog } from '../../storage/gates';
import { findUser } from '../site/lookup';
import type { SiteIssue, SiteState, SiteUser } from '../site/model';
import type { LocalForge, SiteLike } from './forge';
import { siteFetchAsApp } from './site-as-app';

export interface SeedReport {
  /** Implementations that received historic sign-offs. */
  seeded: string[];
  /** Implementations left alone because their audit record already has entries. */
  kept: string[];
  /** Audit records appended. */
  records: number;
}

const READ_POSTS = new Set(['/rest/api/3/search/jql', '/rest/api/3/changelog/bulkfetch']);

/**
 * Jira as the app, straight to the site (what `api.asApp().requestJira` reaches). Seeding only
 * reads, and reads one implementation at several dates, so identical reads are answered once.
 */
function appFetch(site: SiteLike): HttpFetch {
  const fetch = siteFetchAsApp(site);
  const seen = new Map<string, Promise<HttpResponse>>();
  return async (path, init = {}) => {
    const method = (init.method ?? 'GET').toUpperCase();
    if (method !== 'GET' && !(method === 'POST' && READ_POSTS.has(path.split('?')[0])))
      return fetch(path, init);
    const key = `${method} ${path} ${init.body ?? ''}`;
    let pending = seen.get(key);
    if (!pending) seen.set(key, (pending = fetch(path, init)));
    const response = await pending;
    if (response.status !== 200) seen.delete(key);
    return response;
  };
}

/** Jira's `2025-08-04T17:29:31.493+0100` as an ISO instant the audit schema takes. */
function isoInstant(jiraTimestamp: string): string {
  const ms = Date.parse(jiraTimestamp.replace(/([+-]\d\d)(\d\d)$/, '$1:$2'));
  if (Number.isNaN(ms)) throw new Error(`Unreadable resolution date "${jiraTimestamp}"`);
  return new Date(ms).toISOString();
}

const isPerson = (u: SiteUser | undefined): u is SiteUser =>
  u !== undefined && u.active && u.accountType !== 'app';

/**
 * Who may sign the gate on this site, in a stable order: the configured users, else the members of
 * the configured groups, else (nobody configured) the project's and the site's administrators.
 * Whoever resolved the Gate issue comes first when they are among them.
 */
export function approversOf(
  state: SiteState,
  def: GateDefinition,
  implementation: SiteIssue,
  gateIssue: SiteIssue | undefined,
): SiteUser[] {
  const inGroups = (groups: readonly string[]) => {
    const wanted = new Set(groups.map((g) => g.toLowerCase()));
    return state.users.filter((u) => u.groups.some((g) => wanted.has(g.toLowerCase())));
  };
  let eligible: SiteUser[];
  if (def.approvers.users.length > 0)
    eligible = def.approvers.users.map((id) => findUser(state, id)).filter(isPerson);
  else if (def.approvers.groups.length > 0) eligible = inGroups(def.approvers.groups).filter(isPerson);
  else {
    const project = state.projects.find((p) => p.id === implementation.projectId);
    const holders = project?.permissions.ADMINISTER_PROJECTS ?? [];
    const projectAdmins = [
      ...holders.flatMap((h) => ('accountId' in h ? [findUser(state, h.accountId)] : [])),
      ...inGroups(holders.flatMap((h) => ('group' in h ? [h.group] : []))),
    ];
    eligible = [...projectAdmins, ...inGroups(state.globalPermissions.ADMINISTER)].filter(isPerson);
  }
  const unique = [...new Map(eligible.map((u) => [u.accountId, u])).values()];
  const resolver = gateIssue ? resolvedBy(gateIssue) : undefined;
  const first = unique.findIndex((u) => u.accountId === resolver);
  return first > 0 ? [unique[first], ...unique.slice(0, first), ...unique.slice(first + 1)] : unique;
}

/** The author of the change that last set the issue's resolution. */
function resolvedBy(issue: SiteIssue): string | undefined {
  for (let i = issue.histories.length - 1; i >= 0; i -= 1) {
    const h = issue.histories[i];
    if (h.items.some((item) => item.field === 'resolution' && item.to !== null)) return h.author?.accountId;
  }
  return undefined;
}

function isImplementationIssue(state: SiteState, issue: SiteIssue, config: RunwayConfig): boolean {
  const label = config.implementationLabel.toLowerCase();
  const types = new Set(config.implementationTypes.map((t) => t.toLowerCase()));
  const type = state.issueTypes.find((t) => t.id === issue.issueTypeId)?.name.toLowerCase() ?? '';
  return types.has(type) || issue.labels.some((l) => l.toLowerCase() === label);
}

/** The site's last change, as the day every resolution in its history has happened by. */
function siteAsOf(state: SiteState): IsoDate {
  const latest = Math.max(
    state.lastChangeMs,
    ...state.issues.map((i) => Date.parse(i.updated.replace(/([+-]\d\d)(\d\d)$/, '$1:$2')) || 0),
  );
  return new Date(latest).toISOString().slice(0, 10);
}

async function seedOne(
  deps: GateDeps,
  state: SiteState,
  issue: SiteIssue,
  asOf: IsoDate,
): Promise<number | null> {
  const loaded = await loadImplementation(deps, issue.key, asOf);
  if (!loaded) return null;
  const { config } = deps;
  const defByName = new Map(config.gates.map((def) => [gateName(def, config).trim().toLowerCase(), def]));
  const order = new Map(config.gates.map((def, i) => [def.id, i]));
  const signed: Array<{
    child: ImplementationChild & { resolvedAt: string; resolved: IsoDate };
    def: GateDefinition;
  }> = [];
  for (const child of loaded.implementation.children) {
    if (
      child.kind !== 'gate' ||
      child.gateType === null ||
      child.resolvedAt === null ||
      child.resolved === null
    )
      continue;
    const def = defByName.get(child.gateType.trim().toLowerCase());
    if (def && def.requiredApprovals > 0)
      signed.push({ child: { ...child, resolvedAt: child.resolvedAt, resolved: child.resolved }, def });
  }
  signed.sort(
    (a, b) =>
      isoInstant(a.child.resolvedAt).localeCompare(isoInstant(b.child.resolvedAt)) ||
      (order.get(a.def.id) ?? 0) - (order.get(b.def.id) ?? 0),
  );
  const log = auditLog(deps.store, loaded.logId);
  // The implementation as it stood on each resolution day: what the approver saw then.
  const asOfDay = new Map<IsoDate, LoadedImplementation>([[asOf, loaded]]);
  let appended = 0;
  for (const { child, def } of signed) {
    let then = asOfDay.get(child.resolved);
    if (!then) {
      then = (await loadImplementation(deps, issue.key, child.resolved)) ?? loaded;
      asOfDay.set(child.resolved, then);
    }
    const gateIssue = state.issues.find((i) => i.key === child.key);
    const approvers = approversOf(state, def, issue, gateIssue).slice(0, def.requiredApprovals);
    for (const approver of approvers) {
      const report = await evaluate(deps, then, child.resolved, { checkEvidence: false });
      const gate = report.gates.find((g) => g.id === def.id);
      if (!gate) continue;
      const record: AuditRecord = {
        action: 'approve',
        at: isoInstant(child.resolvedAt),
        by: { accountId: approver.accountId },
        gateId: def.id,
        gateStatus: gate.status,
        criteria: criteriaSnapshot(gate),
        comment: `Signed off when ${child.key} was resolved on ${child.resolved} (from the site's history).`,
      };
      await log.append(record);
      appended += 1;
    }
  }
  return appended;
}

/**
 * Seeds the historic sign-offs of every implementation of `state` whose audit record is empty.
 * Safe to run at every start: an implementation with any record is left as it is.
 */
export async function seedHistoricSignOffs(forge: LocalForge, state: SiteState): Promise<SeedReport> {
  return forge.runtime.run({ moduleKey: 'runway-stage-gates' }, async () => {
    const store = typedStore();
    const config = await readConfig(store);
    const deps: GateDeps = {
      jira: createJiraClient({ fetch: appFetch(forge.site) }),
      confluence: null,
      store,
      config,
    };
    const asOf = siteAsOf(state);
    const report: SeedReport = { seeded: [], kept: [], records: 0 };
    const candidates = state.issues
      .filter((i) => isImplementationIssue(state, i, config))
      .sort((a, b) => a.key.localeCompare(b.key, 'en', { numeric: true }));
    for (const issue of candidates) {
      if ((await auditLog(store, issue.id).read()).length > 0) {
        report.kept.push(issue.key);
        continue;
      }
      const appended = await seedOne(deps, state, issue, asOf);
      if (appended) {
        report.seeded.push(issue.key);
        report.records += appended;
      }
    }
    return report;
  });
}
