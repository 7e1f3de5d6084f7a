// Resolver of the Stage gates issue panel (jira:issuePanel `runway-stage-gates`): parses the
// payload and Forge's context, then reads or writes the gates as the viewing user (src/app/gates).
import Resolver from '@forge/resolver';
import { z } from 'zod';
import {
  AddEvidencePayload,
  GetGatesPayload,
  invalidRequest,
  OverrideGatePayload,
  RemoveEvidencePayload,
  SignGatePayload,
  STAGE_GATES_KEYS,
  type GateActionAnswer,
  type GetGatesResult,
} from '../contracts';
import { forgePorts } from '../app/forge';
import type { Ports } from '../app/ports';
import { readGates } from '../app/gates/read';
import { recordGateAction, type GateWrite } from '../app/gates/write';

/** What Forge tells the resolver about the panel: the user and the issue it is on. */
const PanelContext = z.object({
  accountId: z.string().min(1),
  siteUrl: z.string().optional(),
  extension: z.object({ issue: z.object({ id: z.string().min(1), key: z.string().min(1) }) }),
});

const NO_ISSUE = {
  ok: false,
  error: 'The Stage gates panel works on an issue: Forge gave no issue in its context.',
} as const;

const userPorts = (): Ports => forgePorts('user');

export async function getGates(
  rawPayload: unknown,
  rawContext: unknown,
  ports: Ports = userPorts(),
): Promise<GetGatesResult> {
  const payload = GetGatesPayload.safeParse(rawPayload ?? {});
  if (!payload.success) return invalidRequest(payload.error);
  const context = PanelContext.safeParse(rawContext);
  if (!context.success) return NO_ISSUE;
  return readGates(ports, {
    issueKey: context.data.extension.issue.key,
    asOf: payload.data.asOf,
    siteUrl: context.data.siteUrl ?? '',
  });
}

/** A write of one kind: its payload parsed by its contract, then recorded as the viewing user. */
function writer<S extends z.ZodType>(schema: S, asWrite: (payload: z.output<S>) => GateWrite) {
  return async (
    rawPayload: unknown,
    rawContext: unknown,
    ports: Ports = userPorts(),
  ): Promise<GateActionAnswer> => {
    const payload = schema.safeParse(rawPayload);
    if (!payload.success) return invalidRequest(payload.error);
    const context = PanelContext.safeParse(rawContext);
    if (!context.success) return NO_ISSUE;
    return recordGateAction(ports, {
      issueKey: context.data.extension.issue.key,
      accountId: context.data.accountId,
      siteUrl: context.data.siteUrl ?? '',
      write: asWrite(payload.data),
    });
  };
}

export const signGate = writer(SignGatePayload, (payload) => ({ kind: 'sign', payload }));
export const overrideGate = writer(OverrideGatePayload, (payload) => ({ kind: 'override', payload }));
export const addEvidence = writer(AddEvidencePayload, (payload) => ({ kind: 'addEvidence', payload }));
export const removeEvidence = writer(RemoveEvidencePayload, (payload) => ({
  kind: 'removeEvidence',
  payload,
}));

const resolver = new Resolver();
resolver.define(STAGE_GATES_KEYS.getGates, ({ payload, context }) => getGates(payload, context));
resolver.define(STAGE_GATES_KEYS.signGate, ({ payload, context }) => signGate(payload, context));
resolver.define(STAGE_GATES_KEYS.overrideGate, ({ payload, context }) => overrideGate(payload, context));
resolver.define(STAGE_GATES_KEYS.addEvidence, ({ payload, context }) => addEvidence(payload, context));
resolver.define(STAGE_GATES_KEYS.removeEvidence, ({ payload, context }) => removeEvidence(payload, context));

export const stageGatesResolver = resolver.getDefinitions();
