export { MeetFake, type MeetFakeOptions, type FakeMeetSpace } from './meet-fake';
export type { RecordedRequest, RemoteAnswer } from '@muster/plugin-sdk/testing';
