import { expect } from 'chai';
import type { Connection } from 'mysql2/promise';
import { ANA, BOB, SlackClient } from '../e2e/slack/slack-client';
import { eventually } from '../kits/wait';
import { Fleet } from './fleet';
import { count, keyOf } from './multi-instance-kit';

/**
 * The issue's "done when": a SEV1 with no status update for 30 simulated minutes reminds its
 * Communications Lead exactly once per interval, across three instances. The test drives time: each
 * "30 minutes pass" makes the pending timers due (their outbox rows' available_at moved to now), and
 * the three relays race for them; nothing waits on a wall clock.
 */
describe('multi-instance: update reminders across three servers on one MariaDB and one Redis', function () {
  this.timeout(180_000);
  const INSTANCES = 3;
  const INTERVALS = 3;
  let fleet: Fleet;
  let db: Connection;

  before(async () => {
    fleet = await Fleet.start({ instances: INSTANCES, yaml: 'reminders: { commanderVacantMinutes: 0 }\n' });
    db = fleet.db;
  });
  after(async () => { await fleet?.stop(); });

  /** "30 minutes pass": the pending update timers fall due now; returns how many there were. */
  const halfAnHourPasses = async (): Promise<number> => {
    const [result] = await db.query("UPDATE outbox SET available_at = UTC_TIMESTAMP() WHERE topic = 'reminder.update_due' AND completed_at IS NULL AND dead = 0 AND available_at > UTC_TIMESTAMP()");
    await fleet.idle('the fleet to fire the due reminders');
    return (result as { affectedRows: number }).affectedRows;
  };

  it('reminds the Communications Lead once per interval, in the room only, and stops once the incident is resolved', async () => {
    const slack = fleet.slack;
    const general = { id: slack.addChannel({ name: 'general', members: [ANA.id, BOB.id] }), name: 'general' };
    const via = fleet.processes.map((c) => new SlackClient(slack, Number(new URL(c.url).port), general));

    expect((await via[0]!.command('declare "Checkout down" --sev SEV1')).status).to.equal(200);
    const room = await eventually('the incident room', async () => {
      const [rows] = await db.query('SELECT links FROM incidents WHERE number = 1');
      const links = (rows as { links: string | { rooms?: { conversationId: string }[] } }[])[0]?.links;
      const parsed = typeof links === 'string' ? JSON.parse(links) : links;
      return parsed?.rooms?.[0]?.conversationId as string | undefined;
    }, 60_000);
    const roomChannel = { id: room, name: slack.channel(room)!.name };
    // Room set-up is still saving the room's card meanwhile: the assignment lands on the fresh incident all the same.
    const assigned = await via[1]!.command(`assign comms <@${BOB.id}>`, ANA, roomChannel);
    expect(assigned.status).to.equal(200);
    expect(assigned.text, 'the assignment was made, not refused as "changed meanwhile"').to.include(`<@${BOB.id}> is now Communications Lead`);
    await fleet.idle('the room set-up and the assignment');

    const reminders = () => via[0]!.postsMentioning(room, 'a status update is overdue');
    const remindersElsewhere = () => slack.channelIds().filter((id) => id !== room).flatMap((id) => via[0]!.postsMentioning(id, 'a status update is overdue'));
    expect(reminders(), 'nothing before 30 minutes have passed').to.have.length(0);

    for (let interval = 1; interval <= INTERVALS; interval++) {
      expect(await halfAnHourPasses(), `one timer pending for interval ${interval}`).to.equal(1);
      const posted = reminders();
      expect(posted, `after ${interval * 30} simulated minutes`).to.have.length(interval);
      expect(JSON.stringify(posted[interval - 1]!.blocks), 'it names the Communications Lead').to.include(`<@${BOB.id}>`);
    }
    const keys = reminders().map(keyOf);
    expect(new Set(keys).size, 'each interval posted under its own key, once').to.equal(INTERVALS);
    expect(remindersElsewhere(), 'never outside the incident room').to.deep.equal([]);
    expect(await count(db, "SELECT COUNT(*) AS n FROM timeline_entries WHERE kind = 'reminder'"), 'one timeline entry per reminder').to.equal(INTERVALS);
    const [ran] = await db.query("SELECT DISTINCT payload FROM outbox WHERE topic = 'reminder.update_due' AND completed_at IS NOT NULL");
    expect(ran as unknown[], 'one timer per interval ran').to.have.length(INTERVALS);

    expect((await via[2]!.command('resolve', ANA, roomChannel)).status).to.equal(200);
    await fleet.idle('the resolution');
    expect(await halfAnHourPasses(), 'the next interval was still pending').to.equal(1);
    expect(reminders(), 'resolved: no more reminders').to.have.length(INTERVALS);
    expect(await count(db, 'SELECT COUNT(*) AS n FROM outbox WHERE dead = 1'), 'dead letters').to.equal(0);
  });
});
