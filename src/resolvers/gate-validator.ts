// Gate enforcement (jira:workflowValidator `runway-gate-enforcement`): Jira asks before an issue
// moves; a move of an implementation into a configured status (default Live) is refused while a
// gate that status requires has not passed, and the message names the gate and why.
// Validators run without a user, so Jira is read as the app; nothing is written.
import { z } from 'zod';
import { describeZodError } from '../contracts';
import { checkTransition, requiredGatesFor, messageOf } from '../domain';
import { createJiraClient } from '../jira';
import { statusName } from '../jira/gates';
import { createConfluenceClient } from '../confluence/client';
import { readConfig } from '../storage';
import { forgePorts as forgeIoAs } from '../app/forge';
import { todayUtc, type Ports as ForgeIo } from '../app/ports';
import { evaluate, loadImplementation } from './gates-report';

/** What a Forge `jira:workflowValidator` function answers: pass, or fail with a reason. */
export type GateValidatorResult = { result: true } | { result: false; errorMessage: string };

const id = z.union([z.string().min(1), z.number().int()]).transform(String);

/** The parts of Jira's validator event this reads (Jira sends more). */
export const ValidatorEvent = z.looseObject({
  issue: z
    .looseObject({ key: z.string().min(1).optional(), id: id.optional() })
    .refine((i) => i.key !== undefined || i.id !== undefined, 'needs a key or an id'),
  transition: z.looseObject({ to: z.looseObject({ id, name: z.string().min(1).optional() }) }),
});

export type ValidatorIo = ForgeIo;

// Forge runs workflow validators without a user: Jira and Confluence are read as the app.
const appIo = (): ValidatorIo => forgeIoAs('app');

const refuse = (errorMessage: string): GateValidatorResult => ({ result: false, errorMessage });

export async function validateTransition(event: unknown, io: ValidatorIo): Promise<GateValidatorResult> {
  const parsed = ValidatorEvent.safeParse(event);
  if (!parsed.success)
    return refuse(
      `Runway could not check the stage gates: the transition event is not one it understands (${describeZodError(parsed.error, 'event')}).`,
    );
  const { issue, transition } = parsed.data;
  try {
    const config = await readConfig(io.store);
    const target = transition.to.name ?? (await statusName(io.jiraFetch, transition.to.id));
    if (target === undefined || requiredGatesFor(target, config).length === 0) return { result: true };
    const jira = createJiraClient({ fetch: io.jiraFetch });
    const key = issue.key ?? String((await jira.getIssue(issue.id ?? '', { fields: ['summary'] })).key);
    const asOf = todayUtc(io.now());
    const deps = {
      jira,
      confluence: createConfluenceClient({ fetch: io.confluenceFetch }),
      store: io.store,
      config,
    };
    const loaded = await loadImplementation(deps, key, asOf);
    if (!loaded) return { result: true };
    const { gates } = await evaluate(deps, loaded, asOf, { checkEvidence: true });
    const verdict = checkTransition(key, target, gates, config);
    return verdict.allowed ? { result: true } : refuse(verdict.message);
  } catch (e) {
    // Enforcement fails closed: a move that could not be checked is not let through silently.
    return refuse(`Runway could not check the stage gates of ${issue.key ?? issue.id}: ${messageOf(e)}`);
  }
}

export async function gateValidator(event: unknown): Promise<GateValidatorResult> {
  return validateTransition(event, appIo());
}
