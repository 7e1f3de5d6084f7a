// Typed calls of the Stage gates resolver (src/contracts/stage-gates.ts).
import {
  AddEvidencePayload,
  GateActionResult,
  GatesPanel,
  GetGatesPayload,
  OverrideGatePayload,
  RemoveEvidencePayload,
  SignGatePayload,
  STAGE_GATES_KEYS,
} from '../../src/contracts/stage-gates';
import { callResolver } from '../shared/invoke';

export const stageGates = {
  get: () => callResolver(STAGE_GATES_KEYS.getGates, GetGatesPayload, GatesPanel, {}),
  sign: (payload: SignGatePayload) =>
    callResolver(STAGE_GATES_KEYS.signGate, SignGatePayload, GateActionResult, payload),
  override: (payload: OverrideGatePayload) =>
    callResolver(STAGE_GATES_KEYS.overrideGate, OverrideGatePayload, GateActionResult, payload),
  addEvidence: (payload: AddEvidencePayload) =>
    callResolver(STAGE_GATES_KEYS.addEvidence, AddEvidencePayload, GateActionResult, payload),
  removeEvidence: (payload: RemoveEvidencePayload) =>
    callResolver(STAGE_GATES_KEYS.removeEvidence, RemoveEvidencePayload, GateActionResult, payload),
};
