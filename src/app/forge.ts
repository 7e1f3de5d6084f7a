// Forge's own ports: the composition root resolvers and triggers use. As the user for views (Jira
// and Confluence hide from it what they hide from the viewer); as the app only where Forge gives
// no user (background functions, the workflow validator) or for the app's own storage.
import api from '@forge/api';
import { createJiraClient, type JiraClient } from '../jira';
import { FORGE_TIMEOUT_MS, fromForgeRequest, invocationDeadline } from '../jira/forge';
import { typedStore } from '../storage';
import type { Ports } from './ports';

/** `timeoutMs`: the function's limit (manifest `timeoutSeconds`; 25 s when it sets none). */
export function forgePorts(identity: 'user' | 'app', timeoutMs = FORGE_TIMEOUT_MS): Ports {
  const as = identity === 'user' ? api.asUser() : api.asApp();
  const deadlineAt = invocationDeadline(timeoutMs);
  return {
    jiraFetch: fromForgeRequest(as.requestJira, deadlineAt),
    confluenceFetch: fromForgeRequest(as.requestConfluence, deadlineAt),
    store: typedStore(),
    now: () => new Date(),
    deadlineAt,
  };
}

/** The Jira client as the user who opened the view. */
export function jiraAsUser(timeoutMs = FORGE_TIMEOUT_MS): JiraClient {
  return createJiraClient({
    fetch: fromForgeRequest(api.asUser().requestJira, invocationDeadline(timeoutMs)),
  });
}

/** The Jira client as the app (background functions: no user; app storage decides what is shown). */
export function jiraAsApp(timeoutMs = FORGE_TIMEOUT_MS): JiraClient {
  return createJiraClient({
    fetch: fromForgeRequest(api.asApp().requestJira, invocationDeadline(timeoutMs)),
  });
}
