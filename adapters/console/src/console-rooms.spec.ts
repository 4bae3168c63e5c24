import { expect } from 'chai';
import { ConsoleRooms } from './console-rooms';

const open = (rooms: ConsoleRooms, wanted: string, key = wanted) => rooms.open(wanted, { topic: '', private: false, idempotencyKey: key }).room;

describe('ConsoleRooms names', () => {
  it('names a room with core\'s slug, keeping the dashes and underscores it was given', () => {
    const rooms = new ConsoleRooms('local');
    expect(open(rooms, 'inc-1-checkout-errors').name).to.equal('#inc-1-checkout-errors');
    expect(open(rooms, '#Ops--Alerts').name).to.equal('#ops--alerts');
    expect(open(rooms, 'Café — Zürich / payments_api').name).to.equal('#cafe-zurich-payments_api');
  });

  it('falls back to #room when nothing usable is left, and never names a room #general twice', () => {
    const rooms = new ConsoleRooms('local');
    expect(open(rooms, '🔥🔥').name).to.equal('#room');
    expect(open(rooms, '!!!').name).to.equal('#room-2');
    expect(open(rooms, '#general').name).to.equal('#general-2');
  });

  it('keeps a name within 80 characters, with its suffix', () => {
    const rooms = new ConsoleRooms('local');
    const first = open(rooms, 'x'.repeat(100), 'k1');
    const second = open(rooms, 'x'.repeat(100), 'k2');
    expect(first.name).to.equal(`#${'x'.repeat(80)}`);
    expect(second.name).to.equal(`#${'x'.repeat(78)}-2`);
  });

  it('adds a configured channel it never opened under its valid name', () => {
    const rooms = new ConsoleRooms('local');
    expect(rooms.ensure({ conversationId: 'Major_Incidents' }).name).to.equal('#major_incidents');
  });
});
