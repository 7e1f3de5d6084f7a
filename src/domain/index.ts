/** The pure core of Runway: Jira JSON in, implementations and KPIs out. No I/O, no clock. */
export * from './jira';
export * from './issue-key';
export * from './config';
export * from './dates';
export * from './fields';
export * from './history';
export * from './implementation';
export * from './read-implementations';
export * from './kpis/definitions';
export * from './search-export';
export * from './kpis/stats';
export * from './kpis/implementation-kpis';
export * from './kpis/portfolio';
export * from './kpis/report';
export * from './gates';
export * from './project-setup';
