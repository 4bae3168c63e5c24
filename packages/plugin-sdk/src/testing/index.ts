export * from './plugin-test-host';
export * from './webhook-request';
export * from './fake-http';
export * from './fake-incident';
export * from './deliver';
export * from './well-formed-signals';
export * from './parse-outcome';
export * from './assert-no-secret';
