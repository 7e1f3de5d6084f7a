// What "Start from playbook" takes: Jira as the user, the configuration, app storage, the playbook
// library, who is starting and the clock.
import type { RunwayConfig } from '../../../domain';
import type { Clock } from '../../../domain/clock';
import type { PlaybookLibrary } from '../../../domain/playbooks/library';
import type { JiraClient } from '../../../jira';
import type { TypedStore } from '../../../storage';

export interface StartDeps {
  jira: JiraClient;
  config: RunwayConfig;
  store: TypedStore;
  library: () => Promise<PlaybookLibrary>;
  accountId: string;
  now: Clock;
  /** Jira as the app: sets `runway-implementation` on the new epic (the issue panels' condition). */
  appJira?: JiraClient;
  /** Stop starting new issues after this long, well inside Forge's 25 s (the rest is `pending`). */
  budgetMs?: number;
}
