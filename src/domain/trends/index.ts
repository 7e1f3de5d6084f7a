export * from './trend';
export * from './kpi-jql';
