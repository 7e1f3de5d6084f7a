// Reading the gates of one implementation, as the stage-gates panel, its writes and the workflow
// validator all need them: the implementation read from Jira (as whoever the ports are), its
// audit record from app storage, evidence checked for existence, all evaluated by the domain.
import {
  buildImplementations,
  computeImplementationKpis,
  evaluateGates,
  foldAudit,
  parseSearchExport,
  type AuditRecord,
  type GateResult,
  type Implementation,
  type IsoDate,
  type JiraIssue,
  type JiraNames,
  type KpiValues,
  type RemoteLinkRef,
  type RunwayConfig,
} from '../../domain';
import { createJiraClient, type JiraClient } from '../../jira';
import {
  confluencePageId,
  fetchImplementationExport,
  lookUpIssue,
  lookUpPage,
  type EvidenceLookup,
} from '../../jira/gates';
import { createTransport, type Transport } from '../../jira/transport';
import { readConfig, type LogEntry, type TypedStore } from '../../storage';
import { auditLog } from '../../storage/gates';
import type { Ports } from '../ports';

export { auditLog };

export interface GateDeps {
  jira: JiraClient;
  /** Confluence REST as the same identity; null where it is not reachable (evidence pages are then not checked). */
  confluence: Transport | null;
  store: TypedStore;
  config: RunwayConfig;
}

/** The gate dependencies over the ports, with the site's settings read from storage. */
export async function gateDeps(ports: Ports): Promise<GateDeps> {
  return {
    jira: createJiraClient({ fetch: ports.jiraFetch }),
    confluence: createTransport({ fetch: ports.confluenceFetch }),
    store: ports.store,
    config: await readConfig(ports.store),
  };
}

export interface LoadedImplementation {
  implementation: Implementation;
  kpis: KpiValues;
  remoteLinks: RemoteLinkRef[];
  /** Where the audit record lives. */
  logId: string;
  warnings: string[];
}

/** The implementation `key` and its children as `jira`'s identity sees them, with `extraFields`. */
export async function readImplementationIssues(
  jira: JiraClient,
  config: RunwayConfig,
  key: string,
  extraFields: readonly string[] = [],
): Promise<{ issues: JiraIssue[]; names: JiraNames }> {
  const exported = parseSearchExport(await fetchImplementationExport(jira, key, config, extraFields));
  if (!exported.ok) throw new Error(`Jira's search answer could not be read: ${exported.error}`);
  return exported.value;
}

/** From those issues: the implementation with its KPIs and remote links; null when `key` is not one. */
export async function implementationOf(
  jira: JiraClient,
  config: RunwayConfig,
  key: string,
  asOf: IsoDate,
  read: { issues: JiraIssue[]; names: JiraNames },
): Promise<LoadedImplementation | null> {
  const model = buildImplementations(read.issues, read.names, { asOf, config });
  const implementation = model.implementations.find((i) => i.key === key);
  if (!implementation) return null;
  const { kpis, warnings } = computeImplementationKpis(implementation, config, asOf);
  const links = await jira.getRemoteLinks(key);
  return {
    implementation,
    kpis,
    remoteLinks: links.map((l) => ({
      globalId: l.globalId,
      relationship: l.relationship,
      title: l.object.title,
      url: l.object.url,
    })),
    logId: implementation.id ?? key,
    warnings: [...model.warnings, ...implementation.warnings, ...warnings].map(
      (w) => `${w.issue ? `${w.issue}: ` : ''}${w.message}`,
    ),
  };
}

/** The implementation `key` as the deps' identity sees it; null when the issue is not an implementation. */
export async function loadImplementation(
  deps: GateDeps,
  key: string,
  asOf: IsoDate,
): Promise<LoadedImplementation | null> {
  const read = await readImplementationIssues(deps.jira, deps.config, key);
  return implementationOf(deps.jira, deps.config, key, asOf, read);
}

export interface EvidenceCheck {
  missing: Set<string>;
  /** Current titles of pages and issues that exist. */
  titles: Map<string, string>;
  warnings: string[];
}

const CHECKS_AT_ONCE = 5;

/**
 * Looks up every evidence page and issue still attached; a deleted one is missing, not an error.
 * `hiddenPages: 'unknown'` (the validator, as the app): a page Confluence will not show, or a site
 * without Confluence, is "could not check", never missing, so it never blocks a transition.
 */
export async function checkEvidence(
  deps: GateDeps,
  records: readonly AuditRecord[],
  options: { hiddenPages?: 'missing' | 'unknown' } = {},
): Promise<EvidenceCheck> {
  const out: EvidenceCheck = { missing: new Set(), titles: new Map(), warnings: [] };
  const all = [...foldAudit(records).values()].flatMap((s) => s.evidence).filter((e) => e.type !== 'url');
  for (let i = 0; i < all.length; i += CHECKS_AT_ONCE) {
    const batch = all.slice(i, i + CHECKS_AT_ONCE);
    const found = await Promise.all(
      batch.map(async (e): Promise<EvidenceLookup> => {
        if (e.type === 'jiraIssue') return lookUpIssue(deps.jira, e.target);
        const id = confluencePageId(e.target);
        if (id === null) return { exists: false };
        return deps.confluence
          ? lookUpPage(deps.confluence, id, { hidden: options.hiddenPages })
          : { exists: 'unknown', reason: 'Confluence is not reachable' };
      }),
    );
    batch.forEach((e, j) => {
      const r = found[j];
      if (r.exists === true) out.titles.set(e.id, r.title);
      else if (r.exists === false) out.missing.add(e.id);
      else out.warnings.push(`Evidence "${e.title || e.target}" could not be checked: ${r.reason}`);
    });
  }
  return out;
}

export interface GateReport {
  loaded: LoadedImplementation;
  records: Array<LogEntry<AuditRecord>>;
  gates: GateResult[];
  evidence: EvidenceCheck;
}

export async function evaluate(
  deps: GateDeps,
  loaded: LoadedImplementation,
  asOf: IsoDate,
  options: { checkEvidence: boolean; hiddenPages?: 'missing' | 'unknown' },
): Promise<GateReport> {
  const records = await auditLog(deps.store, loaded.logId).read();
  const plain = records.map((r) => r.entry);
  const evidence = options.checkEvidence
    ? await checkEvidence(deps, plain, { hiddenPages: options.hiddenPages })
    : { missing: new Set<string>(), titles: new Map<string, string>(), warnings: [] };
  const gates = evaluateGates({
    implementation: loaded.implementation,
    kpis: loaded.kpis,
    config: deps.config,
    asOf,
    audit: plain,
    remoteLinks: loaded.remoteLinks,
    missingEvidence: evidence.missing,
  });
  return { loaded, records, gates, evidence };
}
