// Use case: the workflow validator's decision. A move of an implementation into a status that
// requires gates (default Live) is refused while such a gate has not passed, and the message names
// the gate and why. Validators run without a user, so the ports are the app's; nothing is written.
// Issue 10 item 6: it reads only what the required gates' criteria need (domain/gates/needs.ts),
// and evidence it cannot check (a Confluence 403 or 404, no Confluence, Confluence failing or too
// slow) is "could not check this evidence": named in a refusal, never the reason for one.
import type { GateValidatorResult, ValidatorEvent } from '../../contracts/gate-validator';
import { checkTransition, gateReadPlan, messageOf, requiredGatesFor } from '../../domain';
import { createConfluenceClient } from '../../confluence/client';
import { statusName } from '../../jira/gates';
import { todayUtc, type Ports } from '../ports';
import { loadForPlan } from './plan-read';
import { evaluate, gateDeps } from './report';

const refuse = (errorMessage: string): GateValidatorResult => ({ result: false, errorMessage });

/**
 * How long the Confluence lookups of one transition may take, and how often each is tried. Past
 * that the evidence is "could not check" — never a refusal — so a slow or failing Confluence
 * costs the validator at most this much of its 25 s.
 */
export const EVIDENCE_BUDGET_MS = 6_000;
const EVIDENCE_ATTEMPTS = 2;

/** Whether the issue may move as Jira's (parsed) event says it is about to. */
export async function decideTransition(ports: Ports, event: ValidatorEvent): Promise<GateValidatorResult> {
  const { issue, transition } = event;
  try {
    const deps = await gateDeps(ports);
    const target = transition.to.name ?? (await statusName(ports.jiraFetch, transition.to.id));
    if (target === undefined) return { result: true };
    const required = requiredGatesFor(target, deps.config);
    if (required.length === 0) return { result: true };
    const key = issue.key ?? String((await deps.jira.getIssue(issue.id ?? '', { fields: ['summary'] })).key);
    const asOf = todayUtc(ports.now());
    const plan = gateReadPlan(required, deps.config);
    const loaded = await loadForPlan(deps.jira, deps.config, key, asOf, plan);
    if (!loaded) return { result: true };
    const deadlineAt = Math.min(ports.deadlineAt ?? Infinity, Date.now() + EVIDENCE_BUDGET_MS);
    const confluence = createConfluenceClient({
      fetch: ports.confluenceFetch,
      deadlineAt,
      maxAttempts: EVIDENCE_ATTEMPTS,
    });
    // Only the gates the plan names are evaluated ("earlier gates passed" names earlier ones only).
    const config = { ...deps.config, gates: deps.config.gates.filter((g) => plan.gates.includes(g.id)) };
    const { gates, evidence } = await evaluate({ ...deps, confluence, config }, loaded, asOf, {
      checkEvidence: true,
      scope: { gates: plan.evidenceGates, remoteLinks: plan.remoteLinks },
    });
    // Rejecting approvers are named as the lookup (as the app) has them: the record keeps account ids.
    const verdict = checkTransition(key, target, gates, deps.config, evidence.people);
    return verdict.allowed ? { result: true } : refuse(verdict.message);
  } catch (e) {
    // Enforcement fails closed: a move that could not be checked is not let through silently.
    return refuse(`Runway could not check the stage gates of ${issue.key ?? issue.id}: ${messageOf(e)}`);
  }
}
