export { TeamsFake, type TeamsFakeOptions, type FakeOnlineMeeting } from './teams-fake';
export type { RecordedRequest, RemoteAnswer } from '@muster/plugin-sdk/testing';
