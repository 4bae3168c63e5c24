export { ZoomFake, type ZoomFakeOptions, type FakeZoomMeeting } from './zoom-fake';
export type { RecordedRequest, RemoteAnswer } from '@muster/plugin-sdk/testing';
