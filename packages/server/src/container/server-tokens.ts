/** DI tokens of the server's own parts (the core's ports use the core's TOKENS). */
export const SERVER_TOKENS = {
  Config: Symbol.for('ServerConfig'),
  Store: Symbol.for('Store'),
  Metrics: Symbol.for('ServerMetrics'),
  OutboxPump: Symbol.for('OutboxPump'),
  /** Multi-instance mode only (REDIS_URL): the QueueRuntime (runtime/queues/queue-runtime.ts). */
  Queues: Symbol.for('QueueRuntime'),
  /** The PlatformIntegration of every chat platform switched on, as a readonly array. */
  Platforms: Symbol.for('PlatformIntegrations'),
} as const;
