// Reading the gates of one implementation, as the stage-gates panel, its writes and the workflow
// validator all need them: the implementation read from Jira (as whoever the ports are), its
// audit record from app storage, evidence checked for existence, all evaluated by the domain.
import {
  buildImplementations,
  computeImplementationKpis,
  evaluateGates,
  parseSearchExport,
  confluencePageId,
  evidenceRef,
  foldAudit,
  gateRecordState,
  marksHandoverPacket,
  seeEvidence,
  type AuditRecord,
  type Evidence,
  type GateResult,
  type Sighting,
  type Implementation,
  type IsoDate,
  type JiraIssue,
  type JiraNames,
  type KpiValues,
  type RemoteLinkRef,
  type RunwayConfig,
} from '../../domain';
import { createJiraClient, type JiraClient } from '../../jira';
import { fetchImplementationExport, lookUpIssue, lookUpPage, type EvidenceLookup } from '../../jira/gates';
import { createConfluenceClient, type ConfluenceClient } from '../../confluence/client';
import { readConfig, type LogEntry, type TypedStore } from '../../storage';
import { auditLog, publishedHandoverPages } from '../../storage/gates';
import type { Ports } from '../ports';
import { lookUpPeople } from '../people';

export { auditLog };

export interface GateDeps {
  jira: JiraClient;
  /** Confluence REST as the same identity; null where it is not reachable (evidence pages are then not checked). */
  confluence: ConfluenceClient | null;
  store: TypedStore;
  config: RunwayConfig;
}

/** The gate dependencies over the ports, with the site's settings read from storage. */
export async function gateDeps(ports: Ports): Promise<GateDeps> {
  return {
    jira: createJiraClient({ fetch: ports.jiraFetch }),
    confluence: createConfluenceClient({ fetch: ports.confluenceFetch }),
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
  options: { remoteLinks: boolean } = { remoteLinks: true },
): Promise<LoadedImplementation | null> {
  const model = buildImplementations(read.issues, read.names, { asOf, config });
  const implementation = model.implementations.find((i) => i.key === key);
  if (!implementation) return null;
  const { kpis, warnings } = computeImplementationKpis(implementation, config, asOf);
  const links = options.remoteLinks ? await jira.getRemoteLinks(key) : [];
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
  /** What the reader sees of every page and issue the record refers to, by evidenceRef. */
  sightings: Map<string, Sighting>;
  /**
   * The names of the people on the record as the reader's lookup answered (account id → name);
   * empty when nothing was looked up. The record itself keeps account ids only.
   */
  people: Map<string, string>;
  /** Confluence page ids that are this implementation's handover packet (domain/gates/handover.ts). */
  handoverPages: Set<string>;
  warnings: string[];
}

const CHECKS_AT_ONCE = 5;

const asSighting = (r: EvidenceLookup): Sighting =>
  r.exists === true
    ? { visible: true, title: r.title, labels: r.labels }
    : r.exists === 'unknown'
      ? { visible: false, unchecked: r.reason }
      : { visible: false };

/** Which evidence to look up: all of it (the panel), or what the gates a read plan names read. */
export interface EvidenceScope {
  /** Confluence pages attached (and not removed) to these gates; no Jira issue, no removed evidence. */
  gates: readonly string[];
  /** Pages the implementation links to. */
  remoteLinks: boolean;
}

/** The references to look up: everything the record ever named and every linked page, or `scope`'s. */
function evidenceRefs(
  records: readonly AuditRecord[],
  loaded: LoadedImplementation,
  published: readonly string[],
  scope: EvidenceScope | undefined,
): Map<string, Pick<Evidence, 'type' | 'target'>> {
  const refs = new Map<string, Pick<Evidence, 'type' | 'target'>>();
  if (scope === undefined) {
    for (const r of records)
      if (r.action === 'addEvidence' && r.evidence.type !== 'url')
        refs.set(evidenceRef(r.evidence), r.evidence);
  } else {
    const states = foldAudit(records);
    for (const gateId of scope.gates)
      for (const e of gateRecordState(states, gateId).evidence)
        if (e.type === 'confluencePage') refs.set(evidenceRef(e), e);
  }
  if (scope !== undefined && !scope.remoteLinks) return refs;
  for (const link of loaded.remoteLinks) {
    const id = confluencePageId(link.url);
    if (id !== null && !published.includes(id))
      refs.set(evidenceRef({ type: 'confluencePage', target: id }), { type: 'confluencePage', target: id });
  }
  return refs;
}

/**
 * Looks up, as the deps' identity, every page and issue the record has ever referred to (removed
 * evidence too: the audit names it) and every Confluence page the implementation links to — or
 * only what `scope` says — and which of those pages are its handover packet. What cannot be seen
 * is hidden, never an error; what could not be checked says why (issue 10 item 6: "could not
 * check this evidence", never a failure); and the names of everyone on the record. Warnings
 * name no page or issue.
 */
export async function checkEvidence(
  deps: GateDeps,
  records: readonly AuditRecord[],
  loaded: LoadedImplementation,
  scope?: EvidenceScope,
): Promise<EvidenceCheck> {
  const published = await publishedHandoverPages(deps.store, loaded.implementation.key);
  // The record keeps account ids only (issue 10 item 8): names are looked up for this reader.
  const named = await lookUpPeople(
    deps.jira,
    records.map((r) => r.by.accountId),
  );
  const out: EvidenceCheck = {
    sightings: new Map(),
    people: named.people,
    handoverPages: new Set(published),
    warnings: [...named.warnings],
  };
  const all = [...evidenceRefs(records, loaded, published, scope).entries()];
  let failed = 0;
  let reason = '';
  for (let i = 0; i < all.length; i += CHECKS_AT_ONCE) {
    const batch = all.slice(i, i + CHECKS_AT_ONCE);
    const found = await Promise.all(
      batch.map(async ([, e]): Promise<EvidenceLookup> => {
        if (e.type === 'jiraIssue') return lookUpIssue(deps.jira, e.target);
        const id = confluencePageId(e.target);
        if (id === null) return { exists: false };
        if (!deps.confluence) return { exists: 'unknown', reason: 'Confluence is not reachable' };
        const labels = !published.includes(id);
        return lookUpPage(deps.confluence, id, {
          labels,
          skipLabels: (title) => marksHandoverPacket({ title }),
        });
      }),
    );
    batch.forEach(([ref, e], j) => {
      const r = found[j];
      // A 403 or 404 is said on the evidence itself; a failure is worth a line for the whole panel.
      if (r.exists === 'unknown' && r.refused === undefined) {
        failed += 1;
        reason = r.reason;
      }
      out.sightings.set(ref, asSighting(r));
      const id = e.type === 'confluencePage' ? confluencePageId(e.target) : null;
      if (id !== null && r.exists === true && marksHandoverPacket(r)) out.handoverPages.add(id);
    });
  }
  if (failed > 0)
    out.warnings.push(
      `${failed === 1 ? '1 piece of evidence' : `${failed} pieces of evidence`} could not be checked (${reason}): shown as “could not check”, never held against a gate.`,
    );
  return out;
}

/** Pages whose lookup could not tell, by page id, with why (what evaluateGates calls uncheckedPages). */
export function uncheckedPages(sightings: ReadonlyMap<string, Sighting>): Map<string, string> {
  const out = new Map<string, string>();
  for (const [ref, s] of sightings) {
    const id = ref.startsWith('confluencePage:') ? ref.slice('confluencePage:'.length) : null;
    if (id !== null && !s.visible && s.unchecked !== undefined) out.set(id, s.unchecked);
  }
  return out;
}

export interface GateReport {
  loaded: LoadedImplementation;
  records: Array<LogEntry<AuditRecord>>;
  gates: GateResult[];
  evidence: EvidenceCheck;
}

/**
 * The gates evaluated from the audit record as it is now. `checkEvidence` looks up pages and issues
 * (without, pages and issues count as not seen; only published handover packets are known); or
 * `reuse` gives the lookups of an earlier evaluation (writes re-evaluate after appending).
 */
export async function evaluate(
  deps: GateDeps,
  loaded: LoadedImplementation,
  asOf: IsoDate,
  options: { checkEvidence: boolean; scope?: EvidenceScope } | { reuse: EvidenceCheck },
): Promise<GateReport> {
  const records = await auditLog(deps.store, loaded.logId).read();
  const plain = records.map((r) => r.entry);
  const evidence =
    'reuse' in options
      ? options.reuse
      : options.checkEvidence
        ? await checkEvidence(deps, plain, loaded, options.scope)
        : {
            sightings: new Map<string, Sighting>(),
            people: new Map<string, string>(),
            handoverPages: new Set(await publishedHandoverPages(deps.store, loaded.implementation.key)),
            warnings: [],
          };
  const missing = new Set<string>();
  for (const r of plain)
    if (r.action === 'addEvidence' && !seeEvidence(r.evidence, evidence.sightings).visible)
      missing.add(r.evidence.id);
  const gates = evaluateGates({
    implementation: loaded.implementation,
    kpis: loaded.kpis,
    config: deps.config,
    asOf,
    audit: plain,
    remoteLinks: loaded.remoteLinks,
    missingEvidence: missing,
    handoverPages: evidence.handoverPages,
    uncheckedPages: uncheckedPages(evidence.sightings),
  });
  return { loaded, records, gates, evidence };
}
