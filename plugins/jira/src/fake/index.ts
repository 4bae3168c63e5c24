/*
 * A fake Jira site (Cloud REST v3, Data Center REST v2) on 127.0.0.1 for this plugin's specs and
 * Muster's end-to-end suites, and the signed webhook Jira sends when an issue changes status.
 */
export { FakeJira, type FakeJiraOptions } from './fake-jira-server';
export type { RecordedRequest, RemoteAnswer } from '@muster/plugin-sdk/testing';
export { FakeJiraState, type FakeIssue, type FakeJiraSetup, type FakeTransition, type FakeUser } from './fake-jira-state';
export { adfProblem } from './adf-check';
export { statusChangeDelivery, type StatusChangeOptions } from './webhook-delivery';
