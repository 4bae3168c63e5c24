import { expect } from 'chai';
import { createScratchDatabase } from '../../contract/mariadb';
import { DatabaseSwitch } from './database-switch';
import { BOB, SlackE2E } from './harness';
import { messageEvent, type SlackChannel } from './slack-payloads';
import { newEventId } from './slack-sender';

describe('Slack e2e: a message posted while the database is unreachable (MariaDB)', function () {
  this.timeout(120_000);
  let e2e: SlackE2E;
  let database: DatabaseSwitch;
  let drop: () => Promise<void>;
  let room: SlackChannel;

  before(async () => {
    const scratch = await createScratchDatabase();
    drop = scratch.drop;
    // The server reaches MariaDB through a switch the test can open and close; MariaDB itself keeps running.
    database = await DatabaseSwitch.start();
    e2e = await SlackE2E.start({ databaseUrl: `mysql://root@127.0.0.1:${database.listenPort}/${scratch.name}` });
    await e2e.command('declare "Primary database failover"');
    await e2e.settle();
    room = await e2e.roomOf(1);
  });
  after(async () => {
    await database?.restore();
    await e2e?.stop();
    await database?.close();
    await drop?.();
  });

  it('answers 5xx while the database is down, and stores the redelivery after it is back, once', async () => {
    const message = e2e.slack.postAsUser(room.id, BOB.id, 'Replica promoted; writes resuming');
    const event = messageEvent(room.id, message);
    const eventId = newEventId();

    await database.cut();
    const first = await e2e.event(event, eventId);
    expect(first.status, 'not acknowledged, so Slack delivers it again').to.equal(503);

    await database.restore();
    const redelivered = await e2e.event(event, eventId, 1);
    const again = await e2e.event(event, eventId, 2);
    expect([redelivered.status, again.status]).to.deep.equal([200, 200]);
    const stored = (await e2e.timeline(1)).filter((e) => e.text.includes('Replica promoted'));
    expect(stored).to.have.length(1);
    expect(stored[0]?.idempotencyKey).to.equal(`slack:${eventId}`);
  });
});
