// Resolver contracts: the only part of src/ that static/ imports.
export * from './result';
export * from './dates';
export * from './kpi-gadget';
export * from './stage-gates';
export * from './settings';
export * from './projects';
