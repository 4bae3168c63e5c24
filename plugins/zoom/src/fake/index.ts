export { ZoomFake, type ZoomFakeOptions, type FakeZoomMeeting } from './zoom-fake';
export type { RecordedRequest, FakeAnswer } from './fake-server';
