export * from './rules';
export * from './gates';
export * from './digest';
