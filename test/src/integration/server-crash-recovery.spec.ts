import { expect } from 'chai';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createStore } from '@muster/store';
import { FakeSlackApi } from '../fakes/fake-slack-api';
import { call, removeDir, runCli, startChild, tempDir, type ChildServer } from './server-support';
import { eventually } from '../kits/wait';

const DECLARATIONS = 30;
const KILL_AFTER_ACKS = 8;

describe('server: SIGKILL in the middle of declarations (child process, SQLite, fake Slack)', () => {
  let dir: string;
  let slack: FakeSlackApi;
  const children: ChildServer[] = [];

  before(async () => {
    dir = tempDir('crash');
    slack = await FakeSlackApi.start();
    // Rooms open in Slack from the outbox; for API declarations that needs a home workspace.
    writeFileSync(join(dir, 'muster.yaml'), `homePlatform: slack\nhomeWorkspaceId: ${slack.teamId}\n`);
  });

  after(async () => {
    for (const c of children) if (c.child.exitCode === null && c.child.signalCode === null) c.child.kill('SIGKILL');
    await Promise.all(children.map((c) => c.exited));
    await slack?.close();
    removeDir(dir);
  });

  const env = () => ({ SLACK_BOT_TOKEN: slack.botToken, SLACK_API_URL: slack.url });

  it('keeps every declaration whole or absent, and finishes the pending outbox work after a restart', async function () {
    // Messages the killed process had claimed stay leased for the dispatcher's lease (2 minutes) before
    // the restarted process may take them: crash recovery by design, so this test waits that long.
    this.timeout(300_000);
    const created = await runCli(['tokens', 'create', 'crash-test'], { cwd: dir });
    expect(created.code, created.stderr).to.equal(0);
    const token = /mst_[A-Za-z0-9_-]+/.exec(created.stdout)![0];

    // A slow Slack keeps room set-ups in flight, so the kill lands with outbox work pending.
    slack.latencyMs = 300;
    const first = await startChild(dir, env());
    children.push(first);
    const acknowledged: string[] = [];
    let killed = false;
    const attempts = Array.from({ length: DECLARATIONS }, (_, i) =>
      call(`${first.url}/api/v1/incidents`, { token, json: { title: `Crash test ${i}`, severity: 'SEV2' }, headers: { 'idempotency-key': `crash-${i}` } })
        .then((answer) => {
          if (answer.status === 201) acknowledged.push(answer.body.reference);
          if (acknowledged.length >= KILL_AFTER_ACKS && !killed) {
            killed = true;
            first.child.kill('SIGKILL');
          }
        }, () => undefined));
    await Promise.all(attempts);
    expect((await first.exited).signal).to.equal('SIGKILL');
    expect(acknowledged.length).to.be.at.least(KILL_AFTER_ACKS);

    // What the killed process left behind: read the file directly, before any restart.
    const left = await createStore(`sqlite:${join(dir, 'data', 'muster.db')}`, { migrate: false });
    const pendingAtKill = await left.repositories.outbox.depth();
    const storedAtKill = await left.repositories.incidents.list({ limit: 1000 });
    await left.close();
    expect(pendingAtKill, 'outbox work pending at the kill').to.be.greaterThan(0);
    expect(storedAtKill.length).to.be.at.least(acknowledged.length);

    slack.latencyMs = 0;
    const second = await startChild(dir, env());
    children.push(second);
    await eventually('the outbox to drain after the restart', async () => {
      const metrics = await call(`${second.url}/metrics`);
      return /^muster_outbox_depth 0$/m.test(metrics.text) ? true : undefined;
    }, 200_000);

    const list = await call(`${second.url}/api/v1/incidents?limit=200`, { token });
    const stored = list.body.incidents as { reference: string; title: string; links: { rooms: { platform: string; conversationId: string }[] } }[];
    expect(stored.length).to.equal(storedAtKill.length);
    // Every acknowledged declaration survived the kill.
    expect(stored.map((i) => i.reference)).to.include.members(acknowledged);
    for (const incident of stored) {
      const timeline = await call(`${second.url}/api/v1/incidents/${incident.reference}/timeline`, { token });
      expect(timeline.body.entries.filter((e: { kind: string }) => e.kind === 'declared'), incident.reference).to.have.length(1);
      // Its outbox effects ran: the Slack room exists, with the incident card in it.
      const room = incident.links.rooms.find((r) => r.platform === 'slack');
      expect(room, `${incident.reference} has a Slack room`).to.not.equal(undefined);
      expect(slack.channel(room!.conversationId), incident.reference).to.not.equal(undefined);
      expect(slack.messagesIn(room!.conversationId).some((m) => m.text.includes(incident.reference)), `${incident.reference} card`).to.equal(true);
    }
    const dead = await call(`${second.url}/metrics`);
    expect(dead.text).to.match(/^muster_outbox_dead_letters 0$/m);

    // Neither the Slack token nor the API token ever reaches a log line.
    for (const out of [first.output(), second.output()]) {
      expect(out).not.to.contain(slack.botToken);
      expect(out).not.to.contain(token);
    }
    second.child.kill('SIGTERM');
    expect(await second.exited).to.deep.equal({ code: 0, signal: null });
  });
});
