// The daily alerts (shared/spec/alerts.md), as the app: read the implementations in scope in
// batches, compute the alerts with the domain's rules (gate rules with the sign-offs of app
// storage), and send each recipient one digest a day through Jira's notify API, only about issues
// Jira says they can browse, and only alerts not yet delivered in their current state.
import {
  computeAlerts,
  computeImplementationKpis,
  evaluateGates,
  gateAlertFacts,
  isReadyForApproval,
  parseSearchExport,
  renderDigest,
  type Approvers,
  type FiredAlert,
  type GateAlertFacts,
  type Implementation,
  type IsoDate,
  type RemoteLinkRef,
  type RunwayConfig,
  messageOf,
} from '../../domain';
import { buildImplementations } from '../../domain/read-implementations';
import { implementationJql, scopeJql } from '../../domain/trends';
import { createJiraClient, type JiraClient } from '../../jira';
import { planKpiFields } from '../../jira/kpi-export';
import { browsableIssueIds, groupMemberIds, notifyIssue } from '../../jira/notify';
import { createTransport, type Transport } from '../../http';
import {
  appendOnlyLog,
  deliveryId,
  forgetReadySince,
  forgetSentAlert,
  lastDigestDay,
  readConfig,
  readReadySince,
  readSentAlerts,
  readyId,
  writeDigestDay,
  writeLastAlertsRun,
  writeReadySince,
  writeSentAlert,
  type AlertsRun,
  type TypedStore,
} from '../../storage';
import { AuditRecordSchema } from '../../domain/gates';
import { todayUtc, type Ports } from '../ports';

/** Implementations per search (`key in (…) OR parent in (…)`): short JQL, bounded memory. */
export const ALERTS_BATCH = 25;
/** Batches read side by side (the transport bounds requests in flight). */
const BATCHES_AT_ONCE = 2;

export interface AlertsRunOptions {
  /** Default: today (UTC) by the ports' clock. */
  asOf?: IsoDate;
  /** Epoch ms by which the run must stop reading (the function's time limit, less a margin). */
  deadline?: number;
  log?: (message: string) => void;
}

export interface AlertsRunResult extends AlertsRun {
  /** Requests sent to Jira (retries included). */
  requests: number;
}

interface Collected {
  alerts: FiredAlert[];
  /** Issue key → id, for the permission check (alerts' issues and implementations). */
  ids: Map<string, string>;
  implementations: number;
}

/** Gate facts of one implementation: sign-offs from app storage, approvers expanded. */
async function gatesOf(
  impl: Implementation,
  ctx: {
    jira: JiraClient;
    store: TypedStore;
    config: RunwayConfig;
    asOf: IsoDate;
    members: (a: Approvers) => Promise<string[]>;
    readySince: Map<string, string>;
    seenReady: Set<string>;
  },
): Promise<GateAlertFacts[]> {
  const logId = impl.id ?? impl.key;
  const audit = (await appendOnlyLog(ctx.store, `gates:${logId}`, AuditRecordSchema).read()).map(
    (r) => r.entry,
  );
  const { kpis } = computeImplementationKpis(impl, ctx.config, ctx.asOf);
  const evaluate = (remoteLinks: RemoteLinkRef[]) =>
    evaluateGates({ implementation: impl, kpis, config: ctx.config, asOf: ctx.asOf, audit, remoteLinks });
  let gates = evaluate([]);
  // Remote links (one request per implementation) matter only to a gate whose sole failing
  // criteria are "handover packet linked": read them then, and evaluate again.
  const needsLinks = gates.some(
    (g) =>
      !g.passed &&
      g.criteria.some((c) => c.status === 'fail') &&
      g.criteria.every((c) => c.status !== 'fail' || c.kind === 'handoverPacketLinked'),
  );
  if (needsLinks)
    gates = evaluate(
      (await ctx.jira.getRemoteLinks(impl.key)).map((l) => ({
        globalId: l.globalId,
        relationship: l.relationship,
        title: l.object.title,
        url: l.object.url,
      })),
    );
  const since = new Map<string, string>();
  const approvers = new Map<string, string[]>();
  for (const g of gates) {
    const id = readyId(logId, g.id);
    if (!isReadyForApproval(g)) continue;
    ctx.seenReady.add(id);
    const stored = ctx.readySince.get(id);
    if (stored === undefined) {
      await writeReadySince(ctx.store, id, ctx.asOf);
      ctx.readySince.set(id, ctx.asOf);
    }
    since.set(g.id, stored ?? ctx.asOf);
    approvers.set(g.id, await ctx.members(g.approvers));
  }
  return gateAlertFacts(impl, gates, (g) => approvers.get(g.id) ?? [], since);
}

async function keysOf(jira: JiraClient, jql: string): Promise<string[]> {
  const keys: string[] = [];
  for await (const page of jira.searchJql({ jql, fields: ['key'] }))
    for (const issue of page.issues) if (issue.key) keys.push(issue.key);
  return keys;
}

export async function runDailyAlerts(ports: Ports, options: AlertsRunOptions = {}): Promise<AlertsRunResult> {
  const startedAt = ports.now().getTime();
  const asOf = options.asOf ?? todayUtc(ports.now());
  const log = options.log ?? (() => undefined);
  const { store } = ports;
  const config = await readConfig(store);
  const jira = createJiraClient({ fetch: ports.jiraFetch, log });
  const t: Transport = createTransport({ fetch: ports.jiraFetch, log });
  const run: AlertsRun = {
    asOf,
    startedAt,
    finishedAt: startedAt,
    implementations: 0,
    alerts: 0,
    digests: 0,
    delivered: 0,
    withheld: 0,
    deferred: 0,
    alreadySent: 0,
    failures: [],
  };
  const finish = async (): Promise<AlertsRunResult> => {
    run.finishedAt = ports.now().getTime();
    await writeLastAlertsRun(store, run);
    return { ...run, requests: jira.requestCount + t.requestCount };
  };
  if (!Object.values(config.alerts.rules).some(Boolean)) return finish();

  const collected = await collectAlerts(jira, store, config, asOf, options.deadline, ports, t);
  run.implementations = collected.implementations;
  run.alerts = collected.alerts.length;
  if ('incomplete' in collected) run.incomplete = collected.incomplete;
  await deliver(collected, { t, store, asOf, run, log, siteUrl: await siteUrlOf(t) });
  return finish();
}

async function siteUrlOf(t: Transport): Promise<string> {
  const { body } = await t.request('GET', '/rest/api/3/serverInfo');
  const url = typeof body === 'object' && body !== null && 'baseUrl' in body ? body.baseUrl : undefined;
  return typeof url === 'string' ? url : '';
}

async function collectAlerts(
  jira: JiraClient,
  store: TypedStore,
  config: RunwayConfig,
  asOf: IsoDate,
  deadline: number | undefined,
  ports: Ports,
  t: Transport,
): Promise<Collected & { incomplete?: string }> {
  const scope =
    config.alerts.projects.length > 0
      ? scopeJql({ projects: config.alerts.projects }, asOf)
      : scopeJql({}, asOf);
  const site = new Set((await jira.getIssueTypes()).map((x) => x.name.trim().toLowerCase()));
  const [keys, fields] = await Promise.all([
    keysOf(jira, `(${scope}) AND ${implementationJql(config, site)} ORDER BY key`),
    jira.getFields(),
  ]);
  const fieldIds = planKpiFields(fields, config).fields;
  const gateRules = config.alerts.rules.gate_ready_for_approval || config.alerts.rules.gate_waiting;
  const readySince = gateRules ? await readReadySince(store) : new Map<string, string>();
  const seenReady = new Set<string>();
  const groups = new Map<string, Promise<string[]>>();
  const members = async (a: Approvers) => {
    const ids = new Set(a.users);
    for (const g of a.groups) {
      let found = groups.get(g);
      if (!found) groups.set(g, (found = groupMemberIds(t, g)));
      for (const id of await found) ids.add(id);
    }
    return [...ids];
  };
  const out: Collected & { incomplete?: string } = { alerts: [], ids: new Map(), implementations: 0 };
  const batches: string[][] = [];
  for (let i = 0; i < keys.length; i += ALERTS_BATCH) batches.push(keys.slice(i, i + ALERTS_BATCH));
  let next = 0;
  const worker = async () => {
    while (next < batches.length) {
      if (deadline !== undefined && ports.now().getTime() > deadline) {
        out.incomplete ??= `stopped at the time limit after ${out.implementations} of ${keys.length} implementations`;
        return;
      }
      const batch = batches[next++];
      const list = batch.join(', ');
      const pages = await jira.exportSearch({
        jql: `(${scope}) AND (key in (${list}) OR parent in (${list})) ORDER BY key`,
        fields: fieldIds,
      });
      const exported = parseSearchExport(pages);
      if (!exported.ok) throw new Error(`Jira's search answer could not be read: ${exported.error}`);
      for (const issue of exported.value.issues) if (issue.id) out.ids.set(issue.key, issue.id);
      const model = buildImplementations(exported.value.issues, exported.value.names, { asOf, config });
      const wanted = new Set(batch);
      const implementations = model.implementations.filter((i) => wanted.has(i.key));
      out.implementations += implementations.length;
      const gates: GateAlertFacts[] = [];
      if (gateRules)
        for (const impl of implementations)
          if (!impl.done)
            gates.push(
              ...(await gatesOf(impl, { jira, store, config, asOf, members, readySince, seenReady })),
            );
      for (const a of computeAlerts(implementations, { asOf, config, gates })) out.alerts.push(a);
    }
  };
  await Promise.all(Array.from({ length: BATCHES_AT_ONCE }, worker));
  // A gate no longer ready starts a new spell when it is ready again (only after a full read).
  if (gateRules && out.incomplete === undefined)
    for (const id of readySince.keys()) if (!seenReady.has(id)) await forgetReadySince(store, id);
  return out;
}

async function deliver(
  collected: Collected & { incomplete?: string },
  ctx: {
    t: Transport;
    store: TypedStore;
    asOf: IsoDate;
    run: AlertsRun;
    log: (m: string) => void;
    siteUrl: string;
  },
): Promise<void> {
  const { t, store, asOf, run } = ctx;
  const sent = await readSentAlerts(store);
  const firing = new Set<string>();
  const pending = new Map<string, FiredAlert[]>();
  for (const a of collected.alerts) {
    if (a.recipient === null) continue;
    const id = deliveryId(a.recipient, a.rule, a.issue);
    firing.add(id);
    if (sent.get(id)?.state === a.state) {
      run.alreadySent++;
      continue;
    }
    const list = pending.get(a.recipient);
    if (list) list.push(a);
    else pending.set(a.recipient, [a]);
  }
  for (const [recipient, alerts] of pending) {
    if ((await lastDigestDay(store, recipient)) === asOf) {
      run.deferred += alerts.length;
      continue;
    }
    let visible: Set<string>;
    try {
      const ids = alerts.flatMap((a) => [collected.ids.get(a.issue), collected.ids.get(a.implementation)]);
      visible = await browsableIssueIds(
        t,
        recipient,
        ids.filter((x): x is string => x !== undefined),
      );
    } catch (e) {
      run.failures.push(`${recipient}: permission check failed: ${messageOf(e)}`);
      continue;
    }
    const seen = (key: string) => visible.has(collected.ids.get(key) ?? '');
    const deliverable = alerts.filter((a) => seen(a.issue) && seen(a.implementation));
    run.withheld += alerts.length - deliverable.length;
    if (deliverable.length === 0) continue;
    const message = renderDigest({ recipient, alerts: deliverable }, asOf, ctx.siteUrl);
    try {
      await notifyIssue(t, deliverable[0].implementation, {
        ...message,
        to: { users: [{ accountId: recipient }] },
        restrict: { permissions: [{ key: 'BROWSE_PROJECTS' }] },
      });
    } catch (e) {
      run.failures.push(`${recipient}: notify on ${deliverable[0].implementation} failed: ${messageOf(e)}`);
      ctx.log(`alerts: the digest for ${recipient} was not sent: ${messageOf(e)}`);
      continue;
    }
    await writeDigestDay(store, recipient, asOf);
    for (const a of deliverable)
      await writeSentAlert(store, deliveryId(recipient, a.rule, a.issue), { state: a.state, on: asOf });
    run.digests++;
    run.delivered += deliverable.length;
  }
  // An alert that stopped firing is forgotten, so it is news again when it fires anew.
  if (collected.incomplete === undefined)
    for (const id of sent.keys()) if (!firing.has(id)) await forgetSentAlert(store, id);
}
