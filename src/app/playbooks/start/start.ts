// "Start from playbook": creates the planned epic then its children, as the user. Progress is
// recorded in app storage under the dialog's requestId (src/storage/start-requests.ts), so a
// retried request resumes instead of duplicating; while a call creates, it holds the request's
// lease (a claim, src/storage/claim.ts): of two retries at the same moment, even of a request whose
// lease expired, exactly one creates and the other is told to wait. Before that it holds the
// implementation name's claim (./name-claim.ts): of requests for the same implementation with
// different requestIds, exactly one checks for a namesake and creates; the others get its result.
import type { StartOutcome, StartRequest } from '../../../contracts/implementations';
import type { ResolverResult } from '../../../contracts/result';
import {
  readStartRecord,
  startClaimName,
  takeClaim,
  writeStartRecord,
  type StartRecord,
} from '../../../storage';
import { jiraWords } from '../../shared';
import type { StartDeps } from './deps';
import { BEING_CREATED, claimImplementationName } from './name-claim';
import { describePlannedBy, existingChildren, issueFields, outcome } from './issues';
import { planFor, type Planned } from './plan';
import { markImplementation } from '../../implementation-marker';
import { canCreate, inspectSite, namesake, namesakeProblem, type Site } from './site';

export interface StartInput {
  /** The project the page is open on. */
  project: string;
  /** Made once per dialog: the same id on a retry resumes. */
  requestId: string;
  request: StartRequest;
}

const DEFAULT_BUDGET_MS = 18_000;
/** How long a call holds a request before another call with the same requestId may take over. */
const LEASE_MS = 30_000;
const REUSED = 'This request was already used to start a different implementation: reopen the dialog.';

const fail = (error: string) => ({ ok: false as const, error });

/** One call's work on a request: what it knows so far, for its steps and for its error message. */
interface Run {
  input: StartInput;
  planned: Planned;
  deps: StartDeps;
  started: number;
  /** The request as planned: a requestId reused for another implementation is refused. */
  fingerprint: string;
  /** Field names by id, for Jira's words about a field. */
  names: Record<string, string>;
  record: StartRecord | undefined;
}

export async function startImplementation(
  input: StartInput,
  deps: StartDeps,
): Promise<ResolverResult<StartOutcome>> {
  let run: Run | undefined;
  try {
    const reason = await canCreate(deps.jira, input.project);
    if (reason) return fail(reason);
    const planned = await planFor(input.request, deps);
    if (!planned.ok) return planned;
    const fingerprint = JSON.stringify(planned.data.plan.input);
    run = {
      input,
      planned: planned.data,
      deps,
      started: deps.now().getTime(),
      fingerprint,
      names: {},
      record: undefined,
    };
    // A finished request answers without a lease: its record never changes again.
    const earlier = await readRecord(run);
    if (earlier !== null) return earlier;
    const named = await claimImplementationName(
      { project: input.project, requestId: input.requestId, planned: planned.data, fingerprint },
      deps,
    );
    if (!named.ok) return named.answer;
    try {
      const lease = await takeClaim(deps.store, startClaimName(input.project, input.requestId), {
        holder: deps.accountId,
        now: run.started,
        ttlMs: LEASE_MS,
      });
      if (!lease.ok) return fail(BEING_CREATED);
      try {
        return await create(run);
      } finally {
        // Whatever was created stays recorded: release the request so that a retry resumes at once.
        await lease.claim.release().catch(() => undefined);
      }
    } finally {
      // Released after the record says what was created: a request waiting for this one answers with it.
      await named.claim.release().catch(() => undefined);
    }
  } catch (e) {
    const said = jiraWords(e, run?.names);
    const record = run?.record;
    return fail(
      record?.epic
        ? `${said} (${record.epic.key} and ${Object.keys(record.created).length} of its issues were created; Create again to finish.)`
        : said,
    );
  }
}

/** Reads the request's record: an answer when the request is finished or belongs to another start. */
async function readRecord(run: Run): Promise<ResolverResult<StartOutcome> | null> {
  const { project, requestId } = run.input;
  run.record = await readStartRecord(run.deps.store, project, requestId);
  const record = run.record;
  if (record?.epic && (record.request !== run.fingerprint || record.accountId !== run.deps.accountId))
    return fail(REUSED);
  if (record?.complete) return { ok: true, data: outcome(run.planned.plan, record, [], true) };
  return null;
}

/** The creation itself, holding the lease: the epic (or what an earlier call made), then the children. */
async function create(run: Run): Promise<ResolverResult<StartOutcome>> {
  const { plan } = run.planned;
  const site = await inspectSite(run.deps.jira, run.deps.config, plan, run.input.project);
  run.names = site.names;
  // Read again under the lease: an earlier holder may have got further since.
  const earlier = await readRecord(run);
  if (earlier !== null) return earlier;
  if (site.problems.length > 0) return fail(site.problems.join(' '));
  const before = run.record;
  const resumed = before !== undefined && (before.epic !== null || Object.keys(before.created).length > 0);
  if (!before?.epic) {
    const existing = await namesake(run.deps.jira, run.deps.config, run.input.project, plan.epic.summary);
    if (existing) return fail(namesakeProblem(existing, run.input.project));
  }
  await save(run, {
    accountId: run.deps.accountId,
    request: run.fingerprint,
    epic: before?.epic ?? null,
    created: before?.created ?? {},
    complete: false,
  });
  const epicKey = await createOrAdoptEpic(run, site);
  const failed = await createChildren(run, site, epicKey);
  const record = await save(run, {
    ...recordOf(run),
    complete: plan.children.every((c) => recordOf(run).created[c.ref] !== undefined),
  });
  return { ok: true, data: outcome(plan, record, failed, resumed) };
}

/** Creates the epic, or, when an earlier call did, adopts the children it made but did not record. */
async function createOrAdoptEpic(run: Run, site: Site): Promise<string> {
  const { plan, templateTitle } = run.planned;
  const record = recordOf(run);
  if (record.epic !== null) {
    const found = await existingChildren(run.deps.jira, record.epic.key, plan, site);
    run.record = { ...record, created: { ...Object.fromEntries(found), ...record.created } };
    return record.epic.key;
  }
  const fields = issueFields(plan.epic, run.input.project, site, null);
  fields.description = describePlannedBy(plan, templateTitle);
  const epic = await run.deps.jira.createIssue({ fields });
  await save(run, { ...record, epic: { key: epic.key, summary: plan.epic.summary } });
  // The issue panels show on it whatever the label is called (manifest.yml); best effort, as the
  // issue-event trigger sets it too.
  if (run.deps.appJira)
    await markImplementation(run.deps.appJira, run.deps.config, {
      key: epic.key,
      labels: plan.epic.labels,
      typeName: site.typeNames.implementation,
      hierarchyLevel: 1,
    }).catch(() => false);
  return epic.key;
}

/** Creates the children not created yet, while the time budget lasts; Jira's refusals are reported per child. */
async function createChildren(run: Run, site: Site, epicKey: string): Promise<StartOutcome['failed']> {
  const budget = run.deps.budgetMs ?? DEFAULT_BUDGET_MS;
  const failed: StartOutcome['failed'] = [];
  for (const child of run.planned.plan.children) {
    if (recordOf(run).created[child.ref] !== undefined) continue;
    if (run.deps.now().getTime() - run.started > budget) break;
    try {
      const made = await run.deps.jira.createIssue({
        fields: issueFields(child, run.input.project, site, epicKey),
      });
      const record = recordOf(run);
      await save(run, { ...record, created: { ...record.created, [child.ref]: made.key } });
    } catch (e) {
      failed.push({
        ref: child.ref,
        kind: child.kind,
        summary: child.summary,
        error: jiraWords(e, run.names),
      });
    }
  }
  return failed;
}

function recordOf(run: Run): StartRecord {
  if (run.record === undefined) throw new Error('The start request has no record yet.');
  return run.record;
}

async function save(run: Run, record: StartRecord): Promise<StartRecord> {
  await writeStartRecord(run.deps.store, run.input.project, run.input.requestId, record);
  run.record = record;
  return record;
}
