import Resolver from '@forge/resolver';

// Placeholder: the Implementations surface fills this resolver in. Until then its only key answers that
// nothing is built, so a view that calls it shows an error state instead of hanging.
const resolver = new Resolver();

resolver.define('status', () => ({ ok: false, error: 'not built yet' }));

export const implementationsResolver = resolver.getDefinitions();
