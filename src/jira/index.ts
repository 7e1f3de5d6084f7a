/** Public surface of the Jira adapter. */
export { createJiraClient, fieldIdsByName } from './client';
export type {
  JiraClient,
  JiraClientOptions,
  IssueChange,
  RemoteLinkInput,
  CustomFieldInput,
  IssueTypeInput,
} from './client';
export { JiraError, parseErrorBody } from './errors';
export type { JiraErrorKind } from './errors';
export { basicAuthFetch, normaliseSite } from './fetch';
export type { JiraFetch, JiraRequestInit, JiraResponse, FetchLike } from './fetch';
export { jiraPath, withQuery } from './path';
export {
  BULK_CHANGELOG_LIMITS,
  BULK_CHANGELOG_PATH,
  DEFAULT_CHANGELOG_FIELDS,
  SEARCH_PAGE_LIMITS,
  SEARCH_PATH,
  completeChangelog,
  isChangelogPartial,
  largestPageSize,
} from './search';
export type { ExportProgress, ExportRequest, SearchRequest } from './search';
export * from './schemas';
// Forge's adapter lives in ./forge so the command line never loads @forge/api.
