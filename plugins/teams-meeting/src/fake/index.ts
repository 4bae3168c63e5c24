export { TeamsFake, type TeamsFakeOptions, type FakeOnlineMeeting } from './teams-fake';
export type { RecordedRequest, FakeAnswer } from './fake-server';
