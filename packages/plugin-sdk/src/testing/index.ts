export * from './plugin-test-host';
export * from './webhook-request';
