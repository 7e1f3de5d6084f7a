// The deterministic demo portfolio the local site starts with.

export {
  generatePortfolio,
  DEFAULT_AS_OF,
  DEFAULT_SEED,
  DEFAULT_IMPLEMENTATIONS,
  type Portfolio,
  type PortfolioOptions,
  type ImplementationSummary,
  type Stage,
  type Tier,
} from './generate';
export {
  createBaseSite,
  DEMO_USERS,
  APP_ACCOUNT_ID,
  GROUPS,
  RUNWAY_FIELDS,
  RUNWAY_TYPES,
  type BaseSiteOptions,
  type DemoLogin,
} from './catalog';
export {
  searchExport,
  runwayFieldIds,
  EXPORT_SYSTEM_FIELDS,
  type SearchPage,
  type SearchExportOptions,
} from './export';
export { CONFLUENCE_APP_ID } from './confluence';
