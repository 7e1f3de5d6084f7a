// "Start from playbook" as Forge runs it: Jira as the user, the saved configuration, app storage,
// the library with the team's templates, the real clock.
import { readConfig, typedStore } from '../../storage';
import { jiraAsApp, jiraAsUser } from '../forge';
import { loadLibrary } from './library';
import type { StartDeps } from './start/deps';

export async function startDepsFor(accountId: string): Promise<StartDeps> {
  const store = typedStore();
  return {
    jira: jiraAsUser(),
    appJira: jiraAsApp(),
    config: await readConfig(store),
    store,
    library: async () => (await loadLibrary(store)).library,
    accountId,
    now: () => new Date(),
  };
}
