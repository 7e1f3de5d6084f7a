export * from './changes';
export * from './report';
