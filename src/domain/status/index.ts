export * from './changes';
export * from './report';
export * from './week';
export * from './words';
export * from './weekly';
