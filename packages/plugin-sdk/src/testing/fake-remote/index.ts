export { FakeRemote, type FakeRemoteBehaviour, type RemoteRoute } from './fake-remote';
export type { FailOptions } from './scripts';
export { bearerOf, routeKeyOf, type RecordedRequest, type RemoteAnswer } from './recorded-request';
