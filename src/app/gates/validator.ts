// Use case: the workflow validator's decision. A move of an implementation into a status that
// requires gates (default Live) is refused while such a gate has not passed, and the message names
// the gate and why. Validators run without a user, so the ports are the app's; nothing is written.
import type { GateValidatorResult, ValidatorEvent } from '../../contracts/gate-validator';
import { checkTransition, requiredGatesFor } from '../../domain';
import { statusName } from '../../jira/gates';
import { todayUtc, type Ports } from '../ports';
import { evaluate, gateDeps, loadImplementation } from './report';
import { messageOf } from '../../domain';

const refuse = (errorMessage: string): GateValidatorResult => ({ result: false, errorMessage });

/** Whether the issue may move as Jira's (parsed) event says it is about to. */
export async function decideTransition(ports: Ports, event: ValidatorEvent): Promise<GateValidatorResult> {
  const { issue, transition } = event;
  try {
    const deps = await gateDeps(ports);
    const target = transition.to.name ?? (await statusName(ports.jiraFetch, transition.to.id));
    if (target === undefined || requiredGatesFor(target, deps.config).length === 0) return { result: true };
    const key = issue.key ?? String((await deps.jira.getIssue(issue.id ?? '', { fields: ['summary'] })).key);
    const asOf = todayUtc(ports.now());
    const loaded = await loadImplementation(deps, key, asOf);
    if (!loaded) return { result: true };
    const { gates, evidence } = await evaluate(deps, loaded, asOf, { checkEvidence: true });
    // Rejecting approvers are named as the lookup (as the app) has them: the record keeps account ids.
    const verdict = checkTransition(key, target, gates, deps.config, evidence.people);
    return verdict.allowed ? { result: true } : refuse(verdict.message);
  } catch (e) {
    // Enforcement fails closed: a move that could not be checked is not let through silently.
    return refuse(`Runway could not check the stage gates of ${issue.key ?? issue.id}: ${messageOf(e)}`);
  }
}
