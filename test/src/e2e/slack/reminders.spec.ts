import { expect } from 'chai';
import { createScratchDatabase } from '../../contract/mariadb';
import { ANA, BOB, SlackE2E } from './harness';

/**
 * Status update reminders end to end: the real server, Bolt, the fake Slack Web API. The
 * test drives time: "30 minutes pass" is the due timer's outbox row made due (its available_at moved
 * to the past), so exactly the intervals the test picks pass, and nothing waits on a wall clock.
 */
for (const database of ['SQLite', 'MariaDB'] as const) describe(`Slack e2e: status update reminders (${database})`, function () {
  this.timeout(120_000);
  let e2e: SlackE2E;
  let drop: (() => Promise<void>) | undefined;

  before(async () => {
    const scratch = database === 'MariaDB' ? await createScratchDatabase() : undefined;
    drop = scratch?.drop;
    e2e = await SlackE2E.start(scratch ? { databaseUrl: scratch.url } : {});
  });
  after(async () => {
    await e2e?.stop();
    await drop?.();
  });

  /** Makes the pending update timers whose key starts with `prefix` due now; returns how many. */
  async function makeDue(prefix: string): Promise<number> {
    const pending = await e2e.store.dataSource.query('SELECT id FROM outbox WHERE completed_at IS NULL AND dead = 0 AND idempotency_key LIKE ?', [`${prefix}%`]) as unknown[];
    await e2e.store.dataSource.query("UPDATE outbox SET available_at = '2000-01-01 00:00:00.000' WHERE completed_at IS NULL AND dead = 0 AND idempotency_key LIKE ?", [`${prefix}%`]);
    await e2e.settle();
    return pending.length;
  }
  const overdue = (channel: string) => e2e.postsMentioning(channel, 'a status update is overdue');
  const everywhereElse = (room: string) => e2e.slack.channelIds().filter((id) => id !== room).flatMap((id) => overdue(id));

  it('reminds the Communications Lead once in the room, drafts from its button without publishing, and stops after an update and the resolution', async () => {
    await e2e.command('declare "Checkout errors" --sev SEV1', ANA);
    await e2e.settle();
    const room = await e2e.roomOf(1);
    const incident = await e2e.incident(1);
    await e2e.command(`assign comms <@${BOB.id}>`, ANA, room);
    await e2e.settle();
    expect(overdue(room.id), 'nothing before the interval passed').to.have.length(0);

    const declaredChain = `reminder.update_due:${incident.id}:${incident.snapshot().milestones.declared!.getTime()}:`;
    expect(await makeDue(declaredChain), 'one timer: the first interval').to.equal(1);
    const [reminder, ...more] = overdue(room.id);
    expect(more, 'exactly one reminder').to.have.length(0);
    expect(JSON.stringify(reminder!.blocks)).to.include(`<@${BOB.id}>`).and.include('/incident update').and.include('SEV1 calls for one every 30 min');
    expect(everywhereElse(room.id), 'only in the incident room').to.deep.equal([]);
    expect((await e2e.timeline(1)).filter((e) => e.kind === 'reminder').map((e) => e.text)).to.have.length(1);

    expect((await e2e.click(reminder!, 'update.draft', BOB, room)).status).to.equal(200);
    await e2e.settle();
    const [draft] = await e2e.store.repositories.statusUpdates.listByIncident(incident.id);
    expect(draft?.state, 'a draft for approval, not published').to.equal('pending_approval');
    const [card] = e2e.postsMentioning(room.id, 'Approve & publish');
    expect(card, 'the draft is shown in the room for approval').to.not.equal(undefined);
    expect(e2e.slack.messagesIn(e2e.stakeholders)).to.have.length(0);

    expect((await e2e.click(card!, 'update.approve', BOB, room)).status).to.equal(200);
    await e2e.settle();
    expect((await e2e.store.repositories.statusUpdates.findById(draft!.id))?.state).to.equal('published');
    expect(await makeDue(declaredChain), 'the next interval of the old chain').to.equal(1);
    expect(overdue(room.id), 'an update was published since: that timer does nothing').to.have.length(1);

    await e2e.command('resolve', ANA, room);
    await e2e.settle();
    expect(await makeDue(`reminder.update_due:${incident.id}:`), 'the chain the published update started').to.equal(1);
    expect(overdue(room.id), 'resolved: no more reminders').to.have.length(1);
    expect(everywhereElse(room.id)).to.deep.equal([]);
  });
});
