// Resolver of the implementations project page (jira:projectPage `runway-implementations`):
// parse → read the project's implementations and their children as the user → health by the
// rules of src/domain/health → answer. "Start from playbook" lives in ./start-from-playbook.
import Resolver from '@forge/resolver';
import { z } from 'zod';
import {
  GetImplementationsPayload,
  IMPLEMENTATIONS_KEYS,
  type ImplementationRow,
  type ImplementationsView,
} from '../contracts/implementations';
import { describeZodError, type ResolverResult } from '../contracts/result';
import type { IsoDate, RunwayConfig } from '../domain';
import { forecastView } from '../domain/forecast';
import { implementationHealth } from '../domain/health';
import type { JiraClient } from '../jira';
import { readConfig, typedStore } from '../storage';
import { jiraAsUser } from '../app/forge';
import { todayUtc } from '../app/ports';
import { jiraWords, projectKeyOf } from './common';
import { loadLibrary } from './playbook';
import { getStartOptions, previewStart, startImplementation, type StartDeps } from './start-from-playbook';
import {
  projectImplementationsJql,
  readImplementationsWithChildren,
  siteIssueTypes,
} from './implementation-reader';

export interface ImplementationsDeps {
  jira: JiraClient;
  config: RunwayConfig;
  today: IsoDate;
}

const PROJECT_KEY = /^[A-Z][A-Z0-9_]{1,9}$/;

export async function getImplementations(
  projectKey: string | null,
  rawPayload: unknown,
  deps: ImplementationsDeps,
): Promise<ResolverResult<ImplementationsView>> {
  const parsed = GetImplementationsPayload.safeParse(rawPayload ?? {});
  if (!parsed.success) return { ok: false, error: `Invalid request: ${describeZodError(parsed.error)}` };
  if (projectKey === null || !PROJECT_KEY.test(projectKey))
    return {
      ok: false,
      error: 'The implementations page needs the project it is open on (no project in the Forge context).',
    };
  try {
    const jql = projectImplementationsJql(projectKey, deps.config, await siteIssueTypes(deps.jira));
    const { model } = await readImplementationsWithChildren(deps.jira, deps.config, jql, deps.today);
    const implementations: ImplementationRow[] = model.implementations.map((impl) => {
      const h = implementationHealth(impl, deps.today, deps.config);
      return {
        key: impl.key,
        summary: impl.summary,
        status: impl.status,
        statusCategory: impl.statusCategory,
        tier: impl.tier,
        segment: impl.segment,
        health: h.health,
        reasons: h.reasons,
        nextMilestone: h.nextMilestone,
        openHighRisks: h.openHighRisks,
        gates: { passed: h.gates.passed, failed: h.gates.failed, total: h.gates.total },
        timeToLiveDays: h.timeToLiveDays,
        live: h.live,
        forecast: forecastView(impl, deps.config, deps.today),
      };
    });
    const warnings = [...model.warnings, ...model.implementations.flatMap((i) => i.warnings)].map((w) =>
      w.issue ? `${w.issue}: ${w.message}` : w.message,
    );
    return { ok: true, data: { project: projectKey, asOf: deps.today, implementations, warnings } };
  } catch (e) {
    return { ok: false, error: jiraWords(e) };
  }
}

const resolver = new Resolver();
resolver.define(IMPLEMENTATIONS_KEYS.getImplementations, async ({ payload, context }) =>
  getImplementations(projectKeyOf(context), payload, {
    jira: jiraAsUser(),
    config: await readConfig(typedStore()),
    today: todayUtc(),
  }),
);

const AccountContext = z.object({ accountId: z.string().min(1) });

async function startDeps(context: unknown): Promise<StartDeps> {
  const store = typedStore();
  const parsed = AccountContext.safeParse(context);
  return {
    jira: jiraAsUser(),
    config: await readConfig(store),
    store,
    library: async () => (await loadLibrary(store)).library,
    accountId: parsed.success ? parsed.data.accountId : '',
    now: Date.now,
  };
}

resolver.define(IMPLEMENTATIONS_KEYS.getStartOptions, async ({ payload, context }) =>
  getStartOptions(projectKeyOf(context), payload, await startDeps(context)),
);
resolver.define(IMPLEMENTATIONS_KEYS.previewStart, async ({ payload, context }) =>
  previewStart(projectKeyOf(context), payload, await startDeps(context)),
);
resolver.define(IMPLEMENTATIONS_KEYS.startImplementation, async ({ payload, context }) =>
  startImplementation(projectKeyOf(context), payload, await startDeps(context)),
);

export const implementationsResolver = resolver.getDefinitions();
