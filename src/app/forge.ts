// Forge's own ports: the composition root resolvers and triggers use. As the user for views (Jira
// and Confluence hide from it what they hide from the viewer); as the app only where Forge gives
// no user (background functions, the workflow validator) or for the app's own storage.
import api from '@forge/api';
import { createJiraClient, type JiraClient } from '../jira';
import { fromForgeRequest } from '../jira/forge';
import { typedStore } from '../storage';
import type { Ports } from './ports';

export function forgePorts(identity: 'user' | 'app'): Ports {
  const as = identity === 'user' ? api.asUser() : api.asApp();
  return {
    jiraFetch: fromForgeRequest(as.requestJira),
    confluenceFetch: fromForgeRequest(as.requestConfluence),
    store: typedStore(),
    now: () => new Date(),
  };
}

/** The Jira client as the user who opened the view. */
export function jiraAsUser(): JiraClient {
  return createJiraClient({ fetch: fromForgeRequest(api.asUser().requestJira) });
}

/** The Jira client as the app (background functions: no user; app storage decides what is shown). */
export function jiraAsApp(): JiraClient {
  return createJiraClient({ fetch: fromForgeRequest(api.asApp().requestJira) });
}
