// App data on Forge storage (@forge/kvs), as the app.
export * from './store';
export * from './log';
export * from './config';
export * from './kpi-contributions';
export * from './claim';
export * from './start-requests';
export * from './documents';
export * from './alerts';
export * from './status-weekly';
export * from './kpi-surveys';
