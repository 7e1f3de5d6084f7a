// Workflow validators, run as Jira runs them: before an issue moves, every `jira:workflowValidator`
// function of the manifest is called with the transition event of the Forge docs
// (`{ issue: { key }, configuration, transition: { from: { id }, to: { id }, modifiedFields } }`),
// as the app. The first `{ result: false, errorMessage }` refuses the move; Jira then answers the
// transition request 400 with that message in `errorMessages`, and nothing changes. The site only
// knows a `beforeTransition` hook (src/local/site); the Forge part lives here.
import { z } from 'zod';
import type { TransitionAttempt, TransitionCheck } from '../site/types';
import type { LocalForge } from './forge';
import { messageOf } from '../../domain';

/** What the validator function receives (Forge docs, "Validating with lambda functions"). */
export interface ValidatorEvent {
  issue: { key: string };
  /** Saved by the validator's configuration page; Runway's validator has none. */
  configuration: Record<string, unknown>;
  transition: {
    from: { id: string };
    to: { id: string };
    /** Fields set during the transition, in the shape of GET issue. */
    modifiedFields: Record<string, unknown>;
  };
}

export function validatorEvent(attempt: TransitionAttempt): ValidatorEvent {
  return {
    issue: { key: attempt.issue.key },
    configuration: {},
    transition: {
      from: { id: attempt.transition.from.id },
      to: { id: attempt.transition.to.id },
      modifiedFields: attempt.modifiedFields,
    },
  };
}

const ValidatorAnswer = z.object({ result: z.boolean(), errorMessage: z.string().optional() });

/** Jira's words when a validator refuses without saying why. */
export const DEFAULT_REFUSAL = 'The transition was refused by a workflow validator.';

/** Runs the app's validators on one transition; the first refusal wins, as in Jira. */
export async function runWorkflowValidators(
  forge: LocalForge,
  attempt: TransitionAttempt,
): Promise<TransitionCheck> {
  const event = validatorEvent(attempt);
  for (const validator of forge.manifest.workflowValidators ?? []) {
    let raw: unknown;
    try {
      raw = await forge.invokeFunction(validator.functionKey, event, { moduleKey: validator.key });
    } catch (e) {
      // A validator that fails blocks the transition: Jira never lets an unchecked move through.
      return {
        allowed: false,
        errorMessages: [`The workflow validator "${validator.key}" failed: ${messageOf(e)}`],
      };
    }
    const answer = ValidatorAnswer.safeParse(raw);
    if (!answer.success) {
      return {
        allowed: false,
        errorMessages: [
          `The workflow validator "${validator.key}" answered without a boolean result, so the transition was not made.`,
        ],
      };
    }
    if (!answer.data.result)
      return { allowed: false, errorMessages: [answer.data.errorMessage?.trim() || DEFAULT_REFUSAL] };
  }
  return { allowed: true };
}

/**
 * The `beforeTransition` hook of createSiteHandler. The site exists before the Forge host that
 * wraps it, so the host is bound later (`bind`); until then transitions pass unchecked.
 */
export function workflowValidatorHook(): {
  beforeTransition: (attempt: TransitionAttempt) => Promise<TransitionCheck>;
  bind: (forge: LocalForge) => void;
} {
  let host: LocalForge | undefined;
  return {
    beforeTransition: (attempt) =>
      host ? runWorkflowValidators(host, attempt) : Promise.resolve({ allowed: true }),
    bind: (forge) => {
      host = forge;
    },
  };
}
