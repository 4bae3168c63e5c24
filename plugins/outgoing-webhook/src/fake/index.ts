export { FakeReceiver, type ReceivedDelivery } from './fake-receiver';
