export { MeetFake, type MeetFakeOptions, type FakeMeetSpace } from './meet-fake';
export type { RecordedRequest, FakeAnswer } from './fake-server';
