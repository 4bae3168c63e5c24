import { expect } from 'chai';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type OutboxPump, SERVER_TOKENS } from '@muster/server';
import { FakeSlackApi } from '../fakes/fake-slack-api';
import { call, createMariaDbDatabase, removeDir, startInProcess, tempDir, type InProcessServer } from './server-support';
import { eventually } from '../kits/wait';

/**
 * Two instances on one MariaDB. The first claims a room set-up and is still inside conversations.create
 * when its lease runs out; the second claims the same message. The effect log tells the second that
 * the step is uncertain, and the first, answered `name_taken` when Slack gets to it, adopts the
 * channel the second made: one channel, one card, one pin.
 */
describe('server: a lease that runs out while its worker is still creating the room (two instances, MariaDB, fake Slack)', function () {
  this.timeout(120_000);
  let dir: string;
  let slack: FakeSlackApi;
  let database: { name: string; drop(): Promise<void> };
  const servers: InProcessServer[] = [];

  before(async () => {
    dir = tempDir('lease-race');
    slack = await FakeSlackApi.start();
    database = await createMariaDbDatabase();
    writeFileSync(join(dir, 'muster.yaml'), `homePlatform: slack\nhomeWorkspaceId: ${slack.teamId}\n`);
  });

  after(async () => {
    for (const s of servers) await s.stop().catch(() => undefined);
    await slack?.close();
    await database?.drop();
    removeDir(dir);
  });

  const env = () => ({ SLACK_BOT_TOKEN: slack.botToken, SLACK_API_URL: slack.url, MUSTER_DATABASE_URL: `mysql://root@127.0.0.1:3306/${database.name}`, MUSTER_AUTO_MIGRATE: 'on' });
  const pumpOf = (s: InProcessServer) => s.running.container.get<OutboxPump>(SERVER_TOKENS.OutboxPump);

  it('ends with one channel although both workers ran the set-up', async () => {
    const releaseFirst = slack.holdNext('conversations.create');
    const first = await startInProcess(dir, env());
    servers.push(first);
    const declared = await call(`${first.url}/api/v1/incidents`, { token: first.token, json: { title: 'Lease race', severity: 'SEV2' } });
    expect(declared.status).to.equal(201);
    await eventually('the first worker to be inside conversations.create', async () => (slack.calls('conversations.create').length === 1 ? true : undefined));

    // Its lease runs out (what two minutes of a hung call would do), and a second instance takes over.
    expect(await first.store.repositories.outbox.releaseLeases()).to.be.greaterThan(0);
    const second = await startInProcess(dir, env());
    servers.push(second);
    await eventually('the second worker to open the room', async () => ((await second.store.repositories.outbox.depth()) === 0 ? true : undefined));

    releaseFirst();
    await pumpOf(first).drainUntilIdle();
    await pumpOf(second).drainUntilIdle();

    const rooms = slack.allChannels().filter((c) => c.name.startsWith('inc-1-'));
    expect(rooms.map((c) => c.name), 'one channel, no orphan').to.deep.equal(['inc-1-lease-race']);
    expect(slack.calls('conversations.create').map((c) => c.args.name)).to.deep.equal(['inc-1-lease-race', 'inc-1-lease-race']);
    const incident = await second.store.repositories.incidents.findByNumber('default', 1);
    const room = incident!.roomOn('slack')!;
    expect(room.conversationId).to.equal(rooms[0]!.id);
    const cards = slack.messagesIn(room.conversationId).filter((m) => String(m.metadata?.event_payload.key ?? '').startsWith('card:'));
    expect(cards).to.have.length(1);
    expect(room.cardMessageId).to.equal(cards[0]!.ts);
    expect(rooms[0]!.pins).to.deep.equal([cards[0]!.ts]);
    expect(await second.store.repositories.outbox.deadLetterCount()).to.equal(0);
  });
});
