export * from './timeline';
export * from './words';
