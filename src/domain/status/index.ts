export * from './changes';
export * from './report';
export * from './week';
