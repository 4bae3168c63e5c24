export * from './version';
export * from './errors';
export * from './incident';
export * from './catalog';
export * from './events';
export * from './commands';
export * from './capabilities';
export * from './plugin-context';
export * from './plugin-definition';
export * from './define-plugin';
export * from './webhooks';
export * from './severity';
export * from './http';
/** Plugins depend on the SDK only: the schema library comes with it, so config schemas and the host agree. */
export { z } from 'zod';
