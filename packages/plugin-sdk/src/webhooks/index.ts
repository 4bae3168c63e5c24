export * from './verify';
export * from './delivery-digest';
export * from './read-payload';
export * from './text';
