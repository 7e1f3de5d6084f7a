// Gate enforcement (jira:workflowValidator `runway-gate-enforcement`): the parts of Jira's
// validator event Runway reads, and what the function answers.
import { z } from 'zod';

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
export type ValidatorEvent = z.output<typeof ValidatorEvent>;
