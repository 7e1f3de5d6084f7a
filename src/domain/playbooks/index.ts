/** Playbooks: templates as data, the built-in library, and rendering to a structured document. */
export * from './document';
export * from './format';
export * from './select';
export * from './template';
export * from './gates';
export * from './columns';
export * from './people';
export * from './bindings';
export * from './render';
export * from './library';
export { BUILT_IN_TEMPLATES } from './library/index';
