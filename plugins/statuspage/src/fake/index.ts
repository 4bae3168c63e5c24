export { FakeStatuspage, type FakeIncident, type FakeIncidentUpdate, type FakeStatuspageOptions } from './fake-statuspage';
export type { FailOptions, RecordedRequest } from './scripted-server';
