export { FakeStatuspage, type FakeIncident, type FakeIncidentUpdate, type FakeStatuspageOptions } from './fake-statuspage';
export type { FailOptions, RecordedRequest, RemoteAnswer } from '@muster/plugin-sdk/testing';
