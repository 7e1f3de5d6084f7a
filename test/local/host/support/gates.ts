// What an admin does in the Stage gates panel before an implementation may go Live: sign each
// gate Live requires that has not passed yet, and override, with a reason, any whose criteria the demo data does not meet.
import {
  STAGE_GATES_KEYS,
  type GateActionAnswer,
  type GetGatesResult,
} from '../../../../src/contracts/stage-gates';
import { DEFAULT_AS_OF } from '../../../../src/local/demo/generate';
import type { LocalForge } from '../../../../src/local/host/forge';
import type { SiteState } from '../../../../src/local/site/model';

export const GATES_REQUIRED_FOR_LIVE = [
  'designSignOff',
  'migrationReadiness',
  'uatReadiness',
  'goLiveReadiness',
];

/** Passes the gates Live requires on the implementation `key`; a refused action fails with the resolver's error. */
export async function passGatesRequiredForLive(
  forge: LocalForge,
  state: SiteState,
  key: string,
  comment: string,
): Promise<void> {
  const epic = state.issues.find((i) => i.key === key);
  const context = { issue: { id: epic?.id ?? '', key, type: 'Epic', typeId: epic?.issueTypeId ?? '' } };
  const panel = (await forge.invoke({
    moduleKey: 'runway-stage-gates',
    functionKey: STAGE_GATES_KEYS.getGates,
    as: 'admin',
    context,
    payload: { asOf: DEFAULT_AS_OF },
  })) as GetGatesResult;
  if (!panel.ok) throw new Error(panel.error);
  for (const gateId of GATES_REQUIRED_FOR_LIVE) {
    // A passed gate offers no approval (issue 12): nothing to do.
    if (panel.data.gates.find((g) => g.id === gateId)?.status === 'passed') continue;
    const signed = (await forge.invoke({
      moduleKey: 'runway-stage-gates',
      functionKey: STAGE_GATES_KEYS.signGate,
      as: 'admin',
      context,
      payload: { gateId, decision: 'approve', comment, asOf: DEFAULT_AS_OF },
    })) as GateActionAnswer;
    if (!signed.ok) throw new Error(signed.error);
    if (signed.data.panel.gates.find((g) => g.id === gateId)?.status !== 'passed') {
      const over = (await forge.invoke({
        moduleKey: 'runway-stage-gates',
        functionKey: STAGE_GATES_KEYS.overrideGate,
        as: 'admin',
        context,
        payload: { gateId, reason: 'Accepted at the go-live steering meeting', asOf: DEFAULT_AS_OF },
      })) as GateActionAnswer;
      if (!over.ok) throw new Error(over.error);
    }
  }
}
