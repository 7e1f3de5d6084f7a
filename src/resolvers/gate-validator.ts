// Gate enforcement (jira:workflowValidator `runway-gate-enforcement`): Jira asks before an issue
// moves; this parses its event and asks src/app/gates/validator. Validators run without a user, so
// Jira is read as the app; nothing is written.
import { describeZodError } from '../contracts';
import { ValidatorEvent, type GateValidatorResult } from '../contracts/gate-validator';
import { forgePorts } from '../app/forge';
import type { Ports } from '../app/ports';
import { decideTransition } from '../app/gates/validator';

export type { GateValidatorResult };

export async function validateTransition(event: unknown, ports: Ports): Promise<GateValidatorResult> {
  const parsed = ValidatorEvent.safeParse(event);
  if (!parsed.success)
    return {
      result: false,
      errorMessage: `Runway could not check the stage gates: the transition event is not one it understands (${describeZodError(parsed.error, 'event')}).`,
    };
  return decideTransition(ports, parsed.data);
}

/** The handler manifest.yml names; Forge runs workflow validators without a user: as the app. */
export async function gateValidator(event: unknown): Promise<GateValidatorResult> {
  return validateTransition(event, forgePorts('app'));
}
