// Resolver of the implementations project page (jira:projectPage `runway-implementations`): parse
// the payload and the page's project → the use case (the list in src/app/implementations, "Start
// from playbook" in src/app/playbooks) → its answer.
import Resolver from '@forge/resolver';
import { z } from 'zod';
import { getImplementations, implementationsDeps } from '../app/implementations';
import { getStartOptions, previewStart, startDepsFor, startImplementation } from '../app/playbooks';
import {
  GetImplementationsPayload,
  GetStartOptionsPayload,
  IMPLEMENTATIONS_KEYS,
  ImplementationsPageContext,
  NO_PROJECT_ERROR,
  StartImplementationPayload,
  StartRequest,
} from '../contracts/implementations';
import { invalidRequest } from '../contracts/result';

const noProject = { ok: false as const, error: NO_PROJECT_ERROR };

/** The project the page is open on, or null when the context has none (or not a project key). */
function projectOf(context: unknown): string | null {
  const parsed = ImplementationsPageContext.safeParse(context);
  return parsed.success ? parsed.data.extension.project.key : null;
}

/** Who is starting: the request's record is theirs (another user's retry is refused). */
const AccountContext = z.object({ accountId: z.string().min(1) });
function accountOf(context: unknown): string {
  const parsed = AccountContext.safeParse(context);
  return parsed.success ? parsed.data.accountId : '';
}

const resolver = new Resolver();

resolver.define(IMPLEMENTATIONS_KEYS.getImplementations, async ({ payload, context }) => {
  const parsed = GetImplementationsPayload.safeParse(payload ?? {});
  if (!parsed.success) return invalidRequest(parsed.error);
  const project = projectOf(context);
  if (project === null) return noProject;
  return getImplementations(project, await implementationsDeps(), parsed.data.cursor);
});

resolver.define(IMPLEMENTATIONS_KEYS.getStartOptions, async ({ payload, context }) => {
  const parsed = GetStartOptionsPayload.safeParse(payload ?? {});
  if (!parsed.success) return invalidRequest(parsed.error);
  const project = projectOf(context);
  if (project === null) return noProject;
  return getStartOptions(project, await startDepsFor(accountOf(context)));
});

resolver.define(IMPLEMENTATIONS_KEYS.previewStart, async ({ payload, context }) => {
  const project = projectOf(context);
  if (project === null) return noProject;
  const parsed = StartRequest.safeParse(payload);
  if (!parsed.success) return invalidRequest(parsed.error);
  return previewStart(project, parsed.data, await startDepsFor(accountOf(context)));
});

resolver.define(IMPLEMENTATIONS_KEYS.startImplementation, async ({ payload, context }) => {
  const parsed = StartImplementationPayload.safeParse(payload);
  if (!parsed.success) return invalidRequest(parsed.error);
  const project = projectOf(context);
  if (project === null) return noProject;
  const { requestId, ...request } = parsed.data;
  return startImplementation({ project, requestId, request }, await startDepsFor(accountOf(context)));
});

export const implementationsResolver = resolver.getDefinitions();
