// Resolver of the Stage gates issue panel (jira:issuePanel `runway-stage-gates`).
// Reads as the viewing user; every write is checked (approver, administrator, edit permission)
// before one audit record is appended to app storage; then the Gate issue follows, as the user.
import Resolver from '@forge/resolver';
import { z } from 'zod';
import {
  AddEvidencePayload,
  describeZodError,
  invalidRequest,
  GetGatesPayload,
  OverrideGatePayload,
  RemoveEvidencePayload,
  SignGatePayload,
  STAGE_GATES_KEYS,
  type AuditEntryView,
  type GateActionAnswer,
  type GatesPanel,
  type GateView,
  type GetGatesResult,
} from '../contracts';
import {
  checkAction,
  criteriaSnapshot,
  evidenceUrl,
  gatePowers,
  statusesRequiring,
  type AuditRecord,
  type Caller,
  type Evidence,
  type GateAction,
  type IsoDate,
  messageOf,
} from '../domain';
import { createJiraClient } from '../jira';
import {
  confluencePageId,
  fetchCaller,
  lookUpIssue,
  lookUpPage,
  syncGateIssue,
  type JiraCaller,
} from '../jira/gates';
import { createConfluenceClient } from '../confluence/client';
import { readConfig } from '../storage';
import {
  auditLog,
  evaluate,
  loadImplementation,
  newEvidenceId,
  type GateDeps,
  type GateReport,
} from './gates-report';
import { forgePorts as forgeIoAs } from '../app/forge';
import { todayUtc, type Ports as ForgeIo } from '../app/ports';

/** What Forge tells the resolver about the panel: the user and the issue it is on. */
const PanelContext = z.object({
  accountId: z.string().min(1),
  siteUrl: z.string().optional(),
  extension: z.object({ issue: z.object({ id: z.string().min(1), key: z.string().min(1) }) }),
});
type PanelContext = z.infer<typeof PanelContext>;

export type StageGatesIo = ForgeIo;

const forgeIo = (): StageGatesIo => forgeIoAs('user');

const fail = (error: string) => ({ ok: false as const, error });

const asCaller = (c: JiraCaller): Caller => ({
  accountId: c.accountId,
  groups: c.groups,
  projectAdmin: c.projectAdmin,
  siteAdmin: c.siteAdmin,
});

function panelOf(
  report: GateReport,
  caller: JiraCaller,
  deps: GateDeps,
  asOf: IsoDate,
  siteUrl: string,
): GatesPanel {
  const { config } = deps;
  const names = new Map(report.gates.map((g) => [g.id, g.name]));
  const gates: GateView[] = report.gates.map((g, i) => {
    const { canSign, canOverride } = gatePowers(config.gates[i], g, asCaller(caller));
    return {
      id: g.id,
      name: g.name,
      status: g.status,
      criteria: g.criteria.map((c) => ({
        id: c.id,
        title: c.title,
        status: c.status,
        detail: c.detail,
        issues: c.issues,
        failing: c.failing,
      })),
      approvers: { users: g.approvers.users, groups: g.approvers.groups },
      requiredApprovals: g.requiredApprovals,
      approvals: g.approvals,
      rejections: g.rejections,
      override: g.override,
      evidence: g.evidence.map((e) => ({
        id: e.id,
        type: e.type,
        target: e.target,
        title: report.evidence.titles.get(e.id) ?? e.title,
        url: e.missing ? null : evidenceUrl(e, siteUrl),
        comment: e.comment,
        addedBy: e.addedBy,
        addedAt: e.addedAt,
        missing: e.missing,
      })),
      gateIssue: g.gateIssue,
      requiredFor: statusesRequiring(g.id, config),
      canSign,
      canOverride,
    };
  });
  const audit: AuditEntryView[] = report.records
    .map(({ seq, entry }) => ({
      seq,
      at: entry.at,
      by: entry.by,
      gateId: entry.gateId,
      gateName: names.get(entry.gateId) ?? entry.gateId,
      action: entry.action,
      comment: entry.action === 'addEvidence' ? entry.evidence.comment : entry.comment,
      evidence:
        entry.action === 'addEvidence'
          ? { type: entry.evidence.type, target: entry.evidence.target, title: entry.evidence.title }
          : null,
      gateStatus: entry.gateStatus,
      criteria: entry.criteria,
    }))
    .reverse();
  const syncHints = report.gates.flatMap((g) =>
    g.gateIssueAction === 'reopen'
      ? [`${g.gateIssue?.key} (${g.name}) is done in Jira, but the gate has not passed in Runway.`]
      : g.gateIssueAction === 'resolve'
        ? [`${g.gateIssue?.key} (${g.name}) is still open in Jira, though the gate has passed.`]
        : [],
  );
  return {
    asOf,
    implementation: { key: report.loaded.implementation.key, summary: report.loaded.implementation.summary },
    gates,
    audit,
    viewer: { accountId: caller.accountId, canEditEvidence: caller.canEdit },
    warnings: [...syncHints, ...report.evidence.warnings, ...report.loaded.warnings],
  };
}

async function setUp(io: StageGatesIo, rawContext: unknown) {
  const context = PanelContext.safeParse(rawContext);
  if (!context.success)
    return {
      ok: false,
      error: 'The Stage gates panel works on an issue: Forge gave no issue in its context.',
    } as const;
  const config = await readConfig(io.store);
  const jira = createJiraClient({ fetch: io.jiraFetch });
  const deps: GateDeps = {
    jira,
    confluence: createConfluenceClient({ fetch: io.confluenceFetch }),
    store: io.store,
    config,
  };
  return { ok: true, context: context.data, deps } as const;
}

const emptyPanel = (asOf: IsoDate, caller: JiraCaller): GatesPanel => ({
  asOf,
  implementation: null,
  gates: [],
  audit: [],
  viewer: { accountId: caller.accountId, canEditEvidence: false },
  warnings: [],
});

export async function getGates(
  rawPayload: unknown,
  rawContext: unknown,
  io: StageGatesIo = forgeIo(),
): Promise<GetGatesResult> {
  const payload = GetGatesPayload.safeParse(rawPayload ?? {});
  if (!payload.success) return invalidRequest(payload.error);
  try {
    const s = await setUp(io, rawContext);
    if (!s.ok) return fail(s.error);
    const asOf = payload.data.asOf ?? todayUtc(io.now());
    const key = s.context.extension.issue.key;
    const [loaded, caller] = await Promise.all([
      loadImplementation(s.deps, key, asOf),
      fetchCaller(s.deps.jira, io.jiraFetch, key),
    ]);
    if (!loaded) return { ok: true, data: emptyPanel(asOf, caller) };
    const report = await evaluate(s.deps, loaded, asOf, { checkEvidence: true });
    return { ok: true, data: panelOf(report, caller, s.deps, asOf, s.context.siteUrl ?? '') };
  } catch (e) {
    return fail(messageOf(e));
  }
}

type Write =
  | { kind: 'sign'; payload: z.output<typeof SignGatePayload> }
  | { kind: 'override'; payload: z.output<typeof OverrideGatePayload> }
  | { kind: 'addEvidence'; payload: z.output<typeof AddEvidencePayload> }
  | { kind: 'removeEvidence'; payload: z.output<typeof RemoveEvidencePayload> };

function parseWrite(kind: Write['kind'], raw: unknown): Write | string {
  const schema = {
    sign: SignGatePayload,
    override: OverrideGatePayload,
    addEvidence: AddEvidencePayload,
    removeEvidence: RemoveEvidencePayload,
  }[kind];
  const r = schema.safeParse(raw);
  if (!r.success) return `Invalid request: ${describeZodError(r.error)}`;
  return { kind, payload: r.data } as Write;
}

function domainAction(w: Write): GateAction {
  switch (w.kind) {
    case 'sign':
      return { action: w.payload.decision, comment: w.payload.comment };
    case 'override':
      return { action: 'override', comment: w.payload.reason };
    case 'addEvidence':
      return { action: 'addEvidence' };
    case 'removeEvidence':
      return { action: 'removeEvidence', evidenceId: w.payload.evidenceId, comment: w.payload.comment };
  }
}

/** The evidence to record, after checking that its page or issue exists for the user. */
async function newEvidence(
  deps: GateDeps,
  input: z.output<typeof AddEvidencePayload>,
): Promise<Evidence | string> {
  const e = input.evidence;
  const id = newEvidenceId();
  if (e.type === 'url')
    return { id, type: 'url', target: e.url, title: e.title || e.url, comment: input.comment };
  if (e.type === 'jiraIssue') {
    const found = await lookUpIssue(deps.jira, e.issueKey);
    if (found.exists !== true)
      return found.exists === false
        ? `${e.issueKey} does not exist, or you cannot see it.`
        : `${e.issueKey} could not be checked: ${found.reason}`;
    return { id, type: 'jiraIssue', target: e.issueKey, title: found.title, comment: input.comment };
  }
  const pageId = confluencePageId(e.page);
  if (pageId === null) return `"${e.page}" is not a Confluence page id or page URL.`;
  if (!deps.confluence) return 'Confluence is not reachable from here.';
  const found = await lookUpPage(deps.confluence, pageId);
  if (found.exists !== true)
    return found.exists === false
      ? `Confluence page ${pageId} does not exist, or you cannot see it.`
      : `Confluence page ${pageId} could not be checked: ${found.reason}`;
  return { id, type: 'confluencePage', target: pageId, title: found.title, comment: input.comment };
}

export async function writeGate(
  kind: Write['kind'],
  rawPayload: unknown,
  rawContext: unknown,
  io: StageGatesIo = forgeIo(),
): Promise<GateActionAnswer> {
  const write = parseWrite(kind, rawPayload);
  if (typeof write === 'string') return fail(write);
  try {
    const s = await setUp(io, rawContext);
    if (!s.ok) return fail(s.error);
    const { deps } = s;
    const asOf = write.payload.asOf ?? todayUtc(io.now());
    const key = s.context.extension.issue.key;
    const [loaded, caller] = await Promise.all([
      loadImplementation(deps, key, asOf),
      fetchCaller(deps.jira, io.jiraFetch, key),
    ]);
    if (!loaded) return fail(`${key} is not an implementation, so it has no stage gates.`);
    if (caller.accountId !== s.context.accountId)
      return fail('Jira answered for a different user than the one signed in; nothing was recorded.');
    const before = await evaluate(deps, loaded, asOf, { checkEvidence: false });
    const index = before.gates.findIndex((g) => g.id === write.payload.gateId);
    if (index < 0)
      return fail(
        `There is no gate "${write.payload.gateId}" (gates: ${before.gates.map((g) => g.id).join(', ')}).`,
      );
    const gate = before.gates[index];
    const def = deps.config.gates[index];
    const action = domainAction(write);
    const allowed = checkAction(def, gate, asCaller(caller), action);
    if (!allowed.ok) return fail(allowed.error);
    if ((write.kind === 'addEvidence' || write.kind === 'removeEvidence') && !caller.canEdit) {
      return fail(`You need permission to edit ${key} to change the evidence of its gates.`);
    }
    const common = {
      at: io.now().toISOString(),
      by: { accountId: caller.accountId, displayName: caller.displayName },
      gateId: gate.id,
      gateStatus: gate.status,
      criteria: criteriaSnapshot(gate),
    };
    let record: AuditRecord;
    if (write.kind === 'addEvidence') {
      const evidence = await newEvidence(deps, write.payload);
      if (typeof evidence === 'string') return fail(evidence);
      record = { ...common, action: 'addEvidence', evidence };
    } else if (write.kind === 'removeEvidence') {
      record = {
        ...common,
        action: 'removeEvidence',
        evidenceId: write.payload.evidenceId,
        comment: write.payload.comment,
      };
    } else if (write.kind === 'override') {
      record = { ...common, action: 'override', comment: write.payload.reason };
    } else {
      record = { ...common, action: write.payload.decision, comment: write.payload.comment };
    }
    await auditLog(deps.store, loaded.logId).append(record);

    const after = await evaluate(deps, loaded, asOf, { checkEvidence: true });
    let notice: string | null = null;
    const now = after.gates[index];
    if (now.gateIssueAction !== null && now.gateIssue !== null) {
      const sync = await syncGateIssue(deps.jira, now.gateIssue.key, now.gateIssueAction, deps.config);
      notice = sync.message;
      if (sync.outcome === 'resolved' || sync.outcome === 'reopened') {
        now.gateIssue = { ...now.gateIssue, done: sync.outcome === 'resolved' };
        now.gateIssueAction = null;
      }
    }
    return { ok: true, data: { panel: panelOf(after, caller, deps, asOf, s.context.siteUrl ?? ''), notice } };
  } catch (e) {
    return fail(messageOf(e));
  }
}

const resolver = new Resolver();
resolver.define(STAGE_GATES_KEYS.getGates, ({ payload, context }) => getGates(payload, context));
resolver.define(STAGE_GATES_KEYS.signGate, ({ payload, context }) => writeGate('sign', payload, context));
resolver.define(STAGE_GATES_KEYS.overrideGate, ({ payload, context }) =>
  writeGate('override', payload, context),
);
resolver.define(STAGE_GATES_KEYS.addEvidence, ({ payload, context }) =>
  writeGate('addEvidence', payload, context),
);
resolver.define(STAGE_GATES_KEYS.removeEvidence, ({ payload, context }) =>
  writeGate('removeEvidence', payload, context),
);

export const stageGatesResolver = resolver.getDefinitions();
