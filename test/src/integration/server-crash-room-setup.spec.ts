import { expect } from 'chai';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createStore } from '@muster/store';
import { FakeSlackApi } from '../fakes/fake-slack-api';
import { call, createMariaDbDatabase, removeDir, runCli, startChild, tempDir, type ChildServer } from './server-support';
import { eventually } from '../kits/wait';

const DECLARATIONS = 60;

interface Scenario {
  readonly database: 'SQLite' | 'MariaDB';
  /** The server is killed when the fake Slack receives the `killAt`-th call of `killOn` (and does that call). */
  readonly killOn: string;
  readonly killAt: number;
}

const SCENARIOS: readonly Scenario[] = [
  { database: 'SQLite', killOn: 'conversations.create', killAt: 10 },
  { database: 'SQLite', killOn: 'chat.postMessage', killAt: 25 },
  { database: 'MariaDB', killOn: 'conversations.create', killAt: 10 },
  { database: 'MariaDB', killOn: 'chat.postMessage', killAt: 25 },
];

interface StoredIncident { reference: string; number: number; links: { rooms: { platform: string; conversationId: string }[] } }

/**
 * SIGKILL while room set-ups are in flight, for many concurrent declarations, then a restart: every
 * incident must end with exactly one channel, one card, one pin, and its announcement exactly once,
 * although the killed process had begun (and Slack had done) calls whose answers it never saw.
 */
for (const scenario of SCENARIOS) {
  describe(`server: SIGKILL at ${scenario.killOn} #${scenario.killAt} during room set-up (${scenario.database}, child process, fake Slack)`, () => {
    let dir: string;
    let slack: FakeSlackApi;
    let announcements: string;
    let databaseUrl: string;
    let dropDatabase: (() => Promise<void>) | undefined;
    const children: ChildServer[] = [];

    before(async () => {
      dir = tempDir('crash-rooms');
      slack = await FakeSlackApi.start();
      announcements = slack.addChannel({ name: 'announcements' });
      writeFileSync(join(dir, 'muster.yaml'), [
        'homePlatform: slack', `homeWorkspaceId: ${slack.teamId}`,
        `announcementChannels: [{ platform: slack, workspaceId: ${slack.teamId}, conversationId: ${announcements} }]`, '',
      ].join('\n'));
      if (scenario.database === 'MariaDB') {
        const database = await createMariaDbDatabase();
        databaseUrl = `mysql://root@127.0.0.1:3306/${database.name}`;
        dropDatabase = () => database.drop();
      } else {
        databaseUrl = `sqlite:${join(dir, 'data', 'muster.db')}`;
      }
    });

    after(async () => {
      for (const c of children) if (c.child.exitCode === null && c.child.signalCode === null) c.child.kill('SIGKILL');
      await Promise.all(children.map((c) => c.exited));
      await slack?.close();
      await dropDatabase?.();
      removeDir(dir);
    });

    const env = () => ({ SLACK_BOT_TOKEN: slack.botToken, SLACK_API_URL: slack.url, MUSTER_DATABASE_URL: databaseUrl, MUSTER_AUTO_MIGRATE: 'on' });

    it('ends with one channel, one card, one pin and one announcement per incident after the restart', async function () {
      this.timeout(240_000);
      const created = await runCli(['tokens', 'create', 'crash-test'], { cwd: dir, env: env() });
      expect(created.code, created.stderr).to.equal(0);
      const token = /mst_[A-Za-z0-9_-]+/.exec(created.stdout)![0];

      // A slow Slack keeps many set-ups in flight, so the kill lands between calls and their answers.
      slack.latencyMs = 150;
      const first = await startChild(dir, env());
      children.push(first);
      let seen = 0;
      slack.onCall = (method) => {
        if (method === scenario.killOn && ++seen === scenario.killAt) first.child.kill('SIGKILL');
      };
      await Promise.all(Array.from({ length: DECLARATIONS }, (_, i) =>
        call(`${first.url}/api/v1/incidents`, { token, json: { title: `Crash test ${i}`, severity: 'SEV2' }, headers: { 'idempotency-key': `crash-${i}` } }).catch(() => undefined)));
      expect((await first.exited).signal, `killed at ${scenario.killOn} #${scenario.killAt}`).to.equal('SIGKILL');
      slack.onCall = undefined;

      // The killed worker's leases: SQLite releases them at start (one process owns the file); on MariaDB
      // other workers wait for them to run out, which is what releasing them here stands for.
      const left = await createStore(databaseUrl, { migrate: false });
      const pendingAtKill = await left.repositories.outbox.depth();
      if (scenario.database === 'MariaDB') await left.repositories.outbox.releaseLeases();
      await left.close();
      expect(pendingAtKill, 'outbox work pending at the kill').to.be.greaterThan(0);

      slack.latencyMs = 0;
      const second = await startChild(dir, env());
      children.push(second);
      await eventually('the outbox to drain after the restart', async () => {
        const metrics = await call(`${second.url}/metrics`);
        return /^muster_outbox_depth 0$/m.test(metrics.text) ? true : undefined;
      }, 200_000);

      const stored = (await call(`${second.url}/api/v1/incidents?limit=200`, { token })).body.incidents as StoredIncident[];
      expect(stored.length).to.be.greaterThan(scenario.killAt);
      const problems: string[] = [];
      const postedCards = new Map<number, string>();
      const announced = slack.messagesIn(announcements);
      for (const incident of stored) {
        const channels = slack.allChannels().filter((c) => c.name.startsWith(`inc-${incident.number}-`));
        const room = incident.links.rooms.find((r) => r.platform === 'slack');
        if (channels.length !== 1) problems.push(`${incident.reference}: ${channels.length} channels (${channels.map((c) => c.name).join(', ')})`);
        if (!room || room.conversationId !== channels[0]?.id) problems.push(`${incident.reference}: linked room is not its one channel`);
        const cards = room ? slack.messagesIn(room.conversationId).filter((m) => String(m.metadata?.event_payload.key ?? '').startsWith('card:')) : [];
        if (cards.length !== 1) problems.push(`${incident.reference}: ${cards.length} cards`);
        if (cards[0]) postedCards.set(incident.number, cards[0].ts);
        const pins = room ? slack.channel(room.conversationId)?.pins ?? [] : [];
        if (pins.length !== 1) problems.push(`${incident.reference}: ${pins.length} pins`);
        const announcements = announced.filter((m) => m.text.includes(`${incident.reference} · `));
        if (announcements.length !== 1) problems.push(`${incident.reference}: announced ${announcements.length} times`);
      }
      expect(problems, `${stored.length} incidents, killed at ${scenario.killOn} #${scenario.killAt}`).to.deep.equal([]);
      expect(slack.allChannels().filter((c) => /^inc-/.test(c.name)), 'no orphan channel').to.have.length(stored.length);
      expect((await call(`${second.url}/metrics`)).text).to.match(/^muster_outbox_dead_letters 0$/m);

      second.child.kill('SIGTERM');
      expect(await second.exited).to.deep.equal({ code: 0, signal: null });

      // The card each incident remembers (to update it in place) is the one card in its room.
      const after = await createStore(databaseUrl, { migrate: false });
      try {
        for (const [number, ts] of postedCards) {
          const incident = await after.repositories.incidents.findByNumber('default', number);
          expect(incident?.roomOn('slack')?.cardMessageId, `INC-${number} card id`).to.equal(ts);
        }
      } finally {
        await after.close();
      }
    });
  });
}
