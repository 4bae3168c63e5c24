export * from './create-plugin-http';
export * from './http-options';
export { parseRetryAfter } from './retry-policy';
export { redactUrl } from './url-guard';
export * from './bearer-session';
export { answerAs } from './answer-as';
