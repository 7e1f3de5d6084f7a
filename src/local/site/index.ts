// The emulated Jira Cloud + Confluence Cloud site: data model, request handler, HTTP server.

export type * from './model';
export * from './types';
export {
  createSiteHandler,
  SITE_ENDPOINTS,
  UNAUTHENTICATED_MESSAGE,
  type SiteHandlerOptions,
} from './handler';
export { startSiteServer, authenticate, type SiteServer, type SiteServerOptions } from './server';
export { findIssue, findProject, findUser } from './lookup';
export {
  SEARCH_MAX_RESULTS,
  SEARCH_MAX_RESULTS_IDS_ONLY,
  BULKFETCH_MAX_ISSUES,
  BULKFETCH_MAX_RESULTS,
  BULKFETCH_DEFAULT_MAX_RESULTS,
} from './routes-search';
export { SEARCH_CHANGELOG_LIMIT, ISSUE_CHANGELOG_LIMIT } from './render';
