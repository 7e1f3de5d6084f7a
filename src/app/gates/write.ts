// Use cases: sign off, reject, override, add evidence, remove evidence — on the implementation an
// issue panel is open on, as the signed-in user. Each runs the same steps:
//   1. read the implementation and who the caller is (as the caller);
//   then, holding the gate's lock (one writer per gate: storage/gates.ts withGateLock),
//   2. read the audit record and check the caller may do this (approver, administrator, edit
//      permission, not approving a passed gate) — else nothing is written;
//   3. build the audit record (evidence looked up first) and append it (append-only);
//   4. sync the Gate issue from the record: the gate's status after the append against the Gate
//      issue's status read afresh, resolving or reopening it as the caller.
// Because 2–4 run one write at a time per gate, concurrent approve and reject end with the Gate
// issue agreeing with the last decision on the record.
import type { z } from 'zod';
import type {
  AddEvidencePayload,
  GateActionAnswer,
  OverrideGatePayload,
  RemoveEvidencePayload,
  SignGatePayload,
} from '../../contracts/stage-gates';
import {
  checkAction,
  criteriaSnapshot,
  evidenceRef,
  marksHandoverPacket,
  type AuditRecord,
  type GateAction,
  type GateResult,
  type IsoDate,
} from '../../domain';
import { fetchCaller, gateIssueDone, syncGateIssue, type JiraCaller } from '../../jira/gates';
import { auditLog, GateBusyError, withGateLock } from '../../storage/gates';
import { attempt, fail } from '../failure';
import { withPerson } from '../people';
import { todayUtc, type Ports } from '../ports';
import { newEvidence, type NewEvidence } from './evidence';
import { asCaller, panelOf } from './panel';
import {
  evaluate,
  gateDeps,
  loadImplementation,
  type EvidenceCheck,
  type GateDeps,
  type GateReport,
} from './report';

/** What the caller asks for, as its contract parsed it. */
export type GateWrite =
  | { kind: 'sign'; payload: z.output<typeof SignGatePayload> }
  | { kind: 'override'; payload: z.output<typeof OverrideGatePayload> }
  | { kind: 'addEvidence'; payload: z.output<typeof AddEvidencePayload> }
  | { kind: 'removeEvidence'; payload: z.output<typeof RemoveEvidencePayload> };

export interface GateWriteInput {
  /** The issue the panel is on. */
  issueKey: string;
  /** Who Forge says is signed in; Jira must answer for the same user. */
  accountId: string;
  /** The site's base URL, for links to evidence. */
  siteUrl: string;
  write: GateWrite;
}

type Step<T> = { ok: true; data: T } | { ok: false; error: string };

/** The domain's name for the write, which its rules check. */
function domainAction(w: GateWrite): GateAction {
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

/** Step 2: the gate the write is on, if the caller may do it. */
function authorise(
  deps: GateDeps,
  before: GateReport,
  caller: JiraCaller,
  input: GateWriteInput,
): Step<{ gate: GateResult; index: number }> {
  const { write } = input;
  if (caller.accountId !== input.accountId)
    return fail('Jira answered for a different user than the one signed in; nothing was recorded.');
  const index = before.gates.findIndex((g) => g.id === write.payload.gateId);
  if (index < 0)
    return fail(
      `There is no gate "${write.payload.gateId}" (gates: ${before.gates.map((g) => g.id).join(', ')}).`,
    );
  const gate = before.gates[index];
  const allowed = checkAction(
    deps.config.gates[index],
    gate,
    asCaller(caller),
    domainAction(write),
    before.evidence.people,
  );
  if (!allowed.ok) return fail(allowed.error);
  if ((write.kind === 'addEvidence' || write.kind === 'removeEvidence') && !caller.canEdit)
    return fail(`You need permission to edit ${input.issueKey} to change the evidence of its gates.`);
  return { ok: true, data: { gate, index } };
}

/** Step 3: the audit record of the write, with the gate as the caller saw it (and what they saw of new evidence). */
async function auditRecordOf(
  deps: GateDeps,
  gate: GateResult,
  caller: JiraCaller,
  write: GateWrite,
  at: Date,
): Promise<Step<AuditRecord> & { sighting?: NewEvidence['sighting'] }> {
  const common = {
    at: at.toISOString(),
    // The account id only: names are looked up as the reader whenever the record is shown.
    by: { accountId: caller.accountId },
    gateId: gate.id,
    gateStatus: gate.status,
    criteria: criteriaSnapshot(gate),
  };
  switch (write.kind) {
    case 'addEvidence': {
      const found = await newEvidence(deps, write.payload);
      if (typeof found === 'string') return fail(found);
      return {
        ok: true,
        data: { ...common, action: 'addEvidence', evidence: found.evidence },
        sighting: found.sighting,
      };
    }
    case 'removeEvidence':
      return {
        ok: true,
        data: {
          ...common,
          action: 'removeEvidence',
          evidenceId: write.payload.evidenceId,
          comment: write.payload.comment,
        },
      };
    case 'override':
      return { ok: true, data: { ...common, action: 'override', comment: write.payload.reason } };
    case 'sign':
      return {
        ok: true,
        data: { ...common, action: write.payload.decision, comment: write.payload.comment },
      };
  }
}

/**
 * Step 4 (and the panel's re-sync): makes the Gate issue agree with the gate as the record has it —
 * resolved when passed, open otherwise — against its status read afresh. Call holding the gate's
 * lock. What happened, or null when they already agree.
 */
export async function syncFromRecord(
  deps: GateDeps,
  report: GateReport,
  index: number,
): Promise<string | null> {
  const gate = report.gates[index];
  if (gate.gateIssue === null) return null;
  const done = await gateIssueDone(deps.jira, gate.gateIssue.key);
  gate.gateIssue = { ...gate.gateIssue, done };
  gate.gateIssueAction = done === gate.passed ? null : gate.passed ? 'resolve' : 'reopen';
  if (gate.gateIssueAction === null) return null;
  const sync = await syncGateIssue(deps.jira, gate.gateIssue.key, gate.gateIssueAction, deps.config);
  if (sync.outcome === 'resolved' || sync.outcome === 'reopened') {
    gate.gateIssue = { ...gate.gateIssue, done: sync.outcome === 'resolved' };
    gate.gateIssueAction = null;
  }
  return sync.message;
}

/**
 * The lookups of `before`, plus the caller's name as Jira just gave it, and what the caller just
 * saw of the evidence they added.
 */
function withNewSighting(
  before: GateReport,
  record: AuditRecord,
  sighting: NewEvidence['sighting'],
  caller: JiraCaller,
): EvidenceCheck {
  const people = withPerson(before.evidence.people, caller.accountId, caller.displayName);
  if (record.action !== 'addEvidence' || !sighting) return { ...before.evidence, people };
  const sightings = new Map(before.evidence.sightings).set(evidenceRef(record.evidence), sighting);
  const handoverPages = new Set(before.evidence.handoverPages);
  if (record.evidence.type === 'confluencePage' && marksHandoverPacket(sighting))
    handoverPages.add(record.evidence.target);
  return { ...before.evidence, people, sightings, handoverPages };
}

export function recordGateAction(ports: Ports, input: GateWriteInput): Promise<GateActionAnswer> {
  return attempt(async () => {
    const deps = await gateDeps(ports);
    const asOf: IsoDate = input.write.payload.asOf ?? todayUtc(ports.now());
    const [loaded, caller] = await Promise.all([
      loadImplementation(deps, input.issueKey, asOf),
      fetchCaller(deps.jira, ports.jiraFetch, input.issueKey),
    ]);
    if (!loaded) return fail(`${input.issueKey} is not an implementation, so it has no stage gates.`);
    try {
      return await withGateLock(deps.store, loaded.logId, input.write.payload.gateId, async () => {
        const before = await evaluate(deps, loaded, asOf, { checkEvidence: true });
        const target = authorise(deps, before, caller, input);
        if (!target.ok) return target;
        const record = await auditRecordOf(deps, target.data.gate, caller, input.write, ports.now());
        if (!record.ok) return record;
        await auditLog(deps.store, loaded.logId).append(record.data);
        const after = await evaluate(deps, loaded, asOf, {
          reuse: withNewSighting(before, record.data, record.sighting ?? null, caller),
        });
        const notice = await syncFromRecord(deps, after, target.data.index);
        return {
          ok: true as const,
          data: { panel: panelOf(after, caller, deps.config, asOf, input.siteUrl), notice },
        };
      });
    } catch (e) {
      if (e instanceof GateBusyError)
        return fail(
          'Someone else is changing this gate right now; nothing was recorded. Try again in a moment.',
        );
      throw e;
    }
  });
}
