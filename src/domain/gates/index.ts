/** Stage gates: definitions (config), criteria, audit record, evaluation, actions, enforcement. */
export * from './definitions';
export * from './audit';
export * from './criteria';
export * from './evaluate';
export * from './actions';
export * from './enforcement';
export * from './visibility';
export * from './handover';
export * from './needs';
