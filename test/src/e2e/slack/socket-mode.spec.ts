import { expect } from 'chai';
import type { TimelineEntry } from '@muster/core';
import { createScratchDatabase } from '../../contract/mariadb';
import type { FakeSlackSocket } from '../../fakes/fake-slack-socket';
import { DatabaseSwitch } from './database-switch';
import { ANA, BOB, SlackE2E } from './harness';
import { commandFields, eventEnvelope, messageEvent, type SlackChannel } from './slack-payloads';
import { newEventId } from './slack-sender';

const withText = (entries: TimelineEntry[], text: string) => entries.filter((e) => e.text.includes(text));

/** `/incident <text>` as a slash_commands envelope; resolves with the ack Muster sent. */
function command(e2e: SlackE2E, socket: FakeSlackSocket, text: string) {
  const fields = commandFields(e2e.teamId, ANA, e2e.general, text, e2e.slack.responseUrl({ channel: e2e.general.id, user: ANA.id }));
  return socket.deliver('slash_commands', fields);
}

/** A person's message in `room` as an events_api envelope payload (the Events API callback body). */
function said(e2e: SlackE2E, room: SlackChannel, text: string, eventId = newEventId()) {
  const message = e2e.slack.postAsUser(room.id, BOB.id, text);
  return { eventId, payload: eventEnvelope(e2e.teamId, e2e.slack.botUserId, messageEvent(room.id, message), eventId) };
}

describe('Slack e2e: Socket Mode against a fake Socket Mode endpoint (SQLite)', function () {
  this.timeout(90_000);
  let e2e: SlackE2E;
  let socket: FakeSlackSocket;
  let room: SlackChannel;

  before(async () => {
    e2e = await SlackE2E.start({ socketMode: true });
    socket = e2e.socket!;
  });
  after(() => e2e?.stop());

  it('connects through apps.connections.open with the app token and is greeted', () => {
    expect(e2e.slack.calls('apps.connections.open')).to.have.length(1);
    expect(socket.connections).to.equal(1);
  });

  it('answers a slash command in its ack: the reply is the ack payload', async () => {
    const ack = await command(e2e, socket, 'declare "Socket outage"');
    expect(String(ack.payload?.text)).to.include('INC-1 declared');
    await e2e.settle();
    room = await e2e.roomOf(1);
    expect(e2e.postsMentioning(room.id, 'Acknowledge'), 'the incident card').to.have.length(1);
  });

  it('stores a message event delivered twice (two envelopes, one event_id) once, and acks both', async () => {
    const { eventId, payload } = said(e2e, room, 'Failing over to the standby region');
    const first = await socket.deliver('events_api', payload);
    const again = await socket.deliver('events_api', payload, { retryAttempt: 1 });
    expect([first.payload ?? {}, again.payload ?? {}]).to.deep.equal([{}, {}]);
    const stored = withText(await e2e.timeline(1), 'Failing over to the standby region');
    expect(stored).to.have.length(1);
    expect(stored[0]?.idempotencyKey).to.equal(`slack:${eventId}`);
  });

  it('acks an unusable envelope without storing anything from it', async () => {
    const before = (await e2e.timeline(1)).length;
    const ignored = e2e.logger.next('info', /answered at the edge/);
    const hostile = { ...said(e2e, room, 'never stored').payload, event: { type: 'message', channel: 5, text: 'never stored', files: 'x' } };
    const ack = await socket.deliver('events_api', hostile);
    await ignored;
    expect(ack.envelope_id).to.be.a('string');
    expect((await e2e.timeline(1)).length).to.equal(before);
  });

  it('reconnects after Slack asks it to (disconnect: refresh_requested) and keeps working', async () => {
    const reconnected = socket.nextConnection();
    socket.disconnect('refresh_requested');
    await reconnected;
    expect(e2e.slack.calls('apps.connections.open'), 'a new connection was opened').to.have.length(2);
    const { payload } = said(e2e, room, 'Standby region serving traffic');
    await socket.deliver('events_api', payload);
    expect(withText(await e2e.timeline(1), 'Standby region serving traffic')).to.have.length(1);
    const status = await command(e2e, socket, 'status');
    expect(Object.keys(status.payload ?? {}), 'the reply rides on the ack').to.not.have.length(0);
  });
});

describe('Slack e2e: Socket Mode while the database is unreachable (MariaDB)', function () {
  this.timeout(120_000);
  let e2e: SlackE2E;
  let socket: FakeSlackSocket;
  let database: DatabaseSwitch;
  let drop: () => Promise<void>;
  let room: SlackChannel;

  before(async () => {
    const scratch = await createScratchDatabase();
    drop = scratch.drop;
    database = await DatabaseSwitch.start();
    e2e = await SlackE2E.start({ socketMode: true, databaseUrl: `mysql://root@127.0.0.1:${database.listenPort}/${scratch.name}` });
    socket = e2e.socket!;
    await command(e2e, socket, 'declare "Primary database failover"');
    await e2e.settle();
    room = await e2e.roomOf(1);
  });
  after(async () => {
    await database?.restore();
    await e2e?.stop();
    await database?.close();
    await drop?.();
  });

  it('does not ack an envelope it could not store, and stores its redelivery once the database is back, once', async () => {
    const { eventId, payload } = said(e2e, room, 'Replica promoted over the socket');
    await database.cut();
    const notStored = e2e.logger.next('warn', /not stored.*unacknowledged/);
    const envelopeId = socket.send('events_api', payload);
    await notStored;
    expect(socket.acksFor(envelopeId), 'no ack, so Slack delivers it again').to.deep.equal([]);

    await database.restore();
    const redelivered = await socket.deliver('events_api', payload, { envelopeId, retryAttempt: 1 });
    expect(redelivered.envelope_id).to.equal(envelopeId);
    await socket.deliver('events_api', payload, { retryAttempt: 2 });
    expect(socket.acksFor(envelopeId), 'acked once: the redelivery').to.have.length(1);
    const stored = withText(await e2e.timeline(1), 'Replica promoted over the socket');
    expect(stored).to.have.length(1);
    expect(stored[0]?.idempotencyKey).to.equal(`slack:${eventId}`);
  });
});
