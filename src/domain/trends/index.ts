export * from './trend';
export * from './kpi-jql';
export * from './explanations';
export * from './scope';
export * from './key-ranges';
export * from './jql-projects';
