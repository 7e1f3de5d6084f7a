export * from './scoring';
export * from './ageing';
export * from './raid-log';
