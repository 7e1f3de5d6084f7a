// The implementations page's use cases: the list with health (./list), as Forge runs it.
import { readConfig, typedStore } from '../../storage';
import { jiraAsUser } from '../forge';
import { todayUtc } from '../ports';
import type { ImplementationsDeps } from './list';

export { getImplementations, type ImplementationsDeps } from './list';

export async function implementationsDeps(): Promise<ImplementationsDeps> {
  return { jira: jiraAsUser(), config: await readConfig(typedStore()), today: todayUtc() };
}
