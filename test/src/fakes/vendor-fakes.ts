/**
 * The vendor fakes the plugins ship, re-exported for packages that use them through the test kit (the
 * bench's declare-to-ready remotes) rather than depending on each plugin themselves.
 */
export { startPagerDutyFake, type PagerDutyFake } from '@muster/plugin-pagerduty/fake';
export { FakeJira } from '@muster/plugin-jira/fake';
export { ZoomFake } from '@muster/plugin-zoom/fake';
export type { FakeRemote, RecordedRequest, RemoteAnswer } from '@muster/plugin-sdk/testing';
