import { expect } from 'chai';
import { fixture as alertmanagerFixture } from '@muster/plugin-alertmanager/fixtures';
import type { Queue } from 'bullmq';
import type { Connection } from 'mysql2/promise';
import { FakeSlackApi } from '../fakes/fake-slack-api';
import { ANA, BOB, SlackClient } from '../e2e/slack/slack-client';
import { messageEvent } from '../e2e/slack/slack-payloads';
import { newEventId } from '../e2e/slack/slack-sender';
import { eventually } from '../kits/wait';
import { postWebhook } from './plugin-support';
import { Fleet } from './fleet';
import type { ChildServer } from './server-support';
import {
  commandOf, count, deliverWithRedelivery, duplicates, keyOf, makeTimersDue, shuffle, type Delivery,
} from './multi-instance-kit';

const INSTANCES = 3;
const WARM_UP = 3;
const DECLARES = 24;
const ALERTS = 6;
const MESSAGES_PER_WARM_ROOM = 4;
const AM_TOKEN = 'am-fleet-token-71c0d2';
/** The dead instance's jobs are handed on once their lock (not renewed any more) runs out and a stalled check sees it. */
/** Outbox work that is due and not done: timers for later (the reminders' next intervals) do not count. */
const DUE_PENDING = 'SELECT COUNT(*) AS n FROM outbox WHERE completed_at IS NULL AND dead = 0 AND available_at <= UTC_TIMESTAMP()';
const QUEUE_TIMING = { MUSTER_QUEUE_LOCK_DURATION_MS: '2000', MUSTER_QUEUE_STALLED_INTERVAL_MS: '1000' };

interface IncidentRow { id: string; number: number; title: string; links: string | { rooms?: { platform: string; conversationId: string }[] } }

describe('multi-instance: three servers on one MariaDB and one Redis, one SIGKILLed mid-burst, reminders fired once', function () {
  this.timeout(300_000);
  let cluster: Fleet;
  let fleet: ChildServer[];
  let slack: FakeSlackApi;
  let db: Connection;
  let queue: Queue;
  const dead = new Set<number>();

  before(async () => {
    cluster = await Fleet.start({
      instances: INSTANCES,
      yaml: ['homePlatform: slack', 'homeWorkspaceId: {team}',
        `plugins: ${JSON.stringify({ alertmanager: { enabled: true, config: { severity: { label: 'severity', map: { critical: 'SEV1', warning: 'SEV3' } } } } })}`, ''].join('\n'),
      env: { MUSTER_PLUGIN_ALERTMANAGER_TOKEN: AM_TOKEN, ...QUEUE_TIMING },
    });
    ({ processes: fleet, slack, db, queue } = cluster);
  });
  after(async () => { await cluster?.stop(); });

  const alive = () => fleet.map((_, i) => i).filter((i) => !dead.has(i));
  const clients = () => fleet.map((c) => new SlackClient(slack, Number(new URL(c.url).port), general));
  let general: { id: string; name: string };

  /** Rooms of the incidents stored so far, by incident number. */
  const rooms = async (): Promise<Map<number, string>> => {
    const [rows] = await db.query('SELECT id, number, title, links FROM incidents ORDER BY number');
    const found = new Map<number, string>();
    for (const row of rows as IncidentRow[]) {
      const links = typeof row.links === 'string' ? JSON.parse(row.links) : row.links;
      const room = links?.rooms?.find((r: { platform: string }) => r.platform === 'slack');
      if (room) found.set(row.number, room.conversationId);
    }
    return found;
  };

  it('issues every number once, opens one room and posts one card per incident, stores every message once, fires each reminder once, and finishes the dead instance\'s jobs', async () => {
    general = { id: slack.addChannel({ name: 'general', members: [ANA.id, BOB.id] }), name: 'general' };
    const slackOf = clients();

    // Warm-up: a few incidents with rooms, so that the burst has incident channels to talk in.
    for (let i = 0; i < WARM_UP; i++) {
      const answer = await slackOf[i % INSTANCES]!.command(`declare "Warm-up ${i}" --sev SEV2`);
      expect(answer.status, answer.text).to.equal(200);
    }
    const warmRooms = [...(await eventually('the warm-up rooms', async () => {
      const found = await rooms();
      return found.size === WARM_UP ? found : undefined;
    }, 60_000)).values()];

    // The burst: slow Slack keeps jobs in flight; declarations, alerts and messages spread over the fleet.
    slack.latencyMs = 150;
    const sentTexts: string[] = [];
    const retyped: number[] = [];
    const deliveries: Delivery[] = [];
    for (let i = 0; i < DECLARES; i++) {
      // One trigger id per gesture: a redelivery of the same command carries the same one.
      let fields = commandOf(slackOf[0]!, `declare "Burst ${i}" --sev SEV2`);
      deliveries.push({ label: `declare ${i}`, send: async (target) => {
        const answer = await clients()[target]!.sender.command(fields);
        // Should two instances' transactions deadlock past the store's re-runs, the declaration is refused
        // with "nothing was saved. Try again" and the person types it again (a new gesture, a new trigger id).
        if (answer.status === 200 && /nothing was saved/.test(answer.text)) {
          retyped.push(i);
          fields = commandOf(slackOf[0]!, `declare "Burst ${i}" --sev SEV2`);
          return 503;
        }
        return answer.status;
      } });
    }
    for (let i = 0; i < ALERTS; i++) {
      const body = alertmanagerFixture('firing');
      body.groupKey = `{}/{severity="critical"}:{alertname="FleetProbe${i}"}`;
      body.groupLabels = { alertname: `FleetProbe${i}` };
      body.commonLabels = { ...body.commonLabels, alertname: `FleetProbe${i}` };
      body.alerts = body.alerts.map((a) => ({ ...a, labels: { ...a.labels, alertname: `FleetProbe${i}` }, fingerprint: `f1ee7${String(i).padStart(11, '0')}` }));
      const raw = JSON.stringify(body);
      deliveries.push({
        label: `alert ${i}`,
        send: async (target) => (await postWebhook(fleet[target]!.url, 'alertmanager', { raw, headers: { 'content-type': 'application/json', authorization: `Bearer ${AM_TOKEN}` } })).status,
      });
    }
    for (const [r, room] of warmRooms.entries()) {
      for (let m = 0; m < MESSAGES_PER_WARM_ROOM; m++) deliveries.push(messageDelivery(room, `fleet message ${r}.${m}`, sentTexts));
    }
    shuffle(deliveries);

    let killed: { name: string; inFlight: { id: string; outboxId: string }[] } | undefined;
    const victim = 0;
    const kill = async () => {
      const pid = fleet[victim]!.child.pid!;
      fleet[victim]!.child.kill('SIGKILL');
      dead.add(victim);
      await fleet[victim]!.exited;
      // Its jobs stay active in Redis under its name until their locks run out: read them at once.
      const name = `#${pid}`;
      const active = (await queue.getJobs(['active'])).filter((j) => j.processedBy?.endsWith(name));
      killed = { name, inFlight: active.map((j) => ({ id: j.id!, outboxId: (j.data as { id: string }).id })) };
    };
    const victimBusy = async () => (await queue.getJobs(['active'])).some((j) => j.processedBy?.endsWith(`#${fleet[victim]!.child.pid}`));

    const outcomes: Promise<number[]>[] = [];
    for (const [i, delivery] of deliveries.entries()) {
      // Round robin as a load balancer that has not noticed the death yet: some go to the dead instance.
      outcomes.push(deliverWithRedelivery(delivery, i % INSTANCES, alive));
      // Paced, so the kill lands with deliveries still to come (some aimed at the dead instance).
      await new Promise((resolve) => setTimeout(resolve, 20));
      if (!killed && i >= deliveries.length / 3 && (await victimBusy())) await kill();
    }
    if (!killed) {
      await eventually('the victim to be running a job', async () => ((await victimBusy()) ? true : undefined), 30_000, 10);
      await kill();
    }
    const routes = await Promise.all(outcomes);
    expect(fleet[victim]!.child.signalCode).to.equal('SIGKILL');
    expect(killed!.inFlight.length, 'jobs in flight on the killed instance').to.be.greaterThan(0);

    // After the kill: one more message in every room, through the survivors.
    slack.latencyMs = 0;
    const total = WARM_UP + DECLARES + ALERTS;
    const allRooms = await eventually('a room for every incident', async () => {
      const found = await rooms();
      return found.size === total ? found : undefined;
    }, 120_000);
    for (const [number, room] of allRooms) {
      routes.push(await deliverWithRedelivery(messageDelivery(room, `after the kill ${number}`, sentTexts), number % INSTANCES, alive));
    }

    await cluster.idle('the fleet to finish the outbox');

    // Reminders: every incident's first update reminder is a timer in the outbox; make them all due now
    // (instead of waiting the severity's cadence) and let the three relays race for them.
    expect(await makeTimersDue(db), 'timers made due').to.be.at.least(total);
    await cluster.idle('the fleet to fire the reminders');
    const [fired] = await db.query("SELECT idempotency_key AS k, payload FROM outbox WHERE topic = 'reminder.update_due' AND completed_at IS NOT NULL");
    const firstIntervals = (fired as { k: string; payload: unknown }[])
      .map((r) => ({ key: r.k, ...(typeof r.payload === 'string' ? JSON.parse(r.payload) : r.payload) as { incidentId: string; n: number } }))
      .filter((r) => r.n === 1);
    expect(new Set(firstIntervals.map((r) => r.incidentId)).size, 'a first update reminder per incident').to.equal(total);
    expect(firstIntervals).to.have.length(total);
    for (const timer of firstIntervals) {
      const posts = slack.channelIds().flatMap((id) => slack.messagesIn(id)).filter((m) => keyOf(m)?.startsWith(`${timer.key}:`));
      expect(posts, `the update reminder ${timer.key}, fired once across the fleet`).to.have.length(1);
    }
    // Each fired reminder scheduled the next interval, for later.
    expect(await count(db, "SELECT COUNT(*) AS n FROM outbox WHERE topic = 'reminder.update_due' AND completed_at IS NULL AND dead = 0 AND available_at > UTC_TIMESTAMP()")).to.be.at.least(total);

    // Every number issued once, and contiguous.
    const [numbers] = await db.query('SELECT number FROM incidents ORDER BY number');
    expect((numbers as { number: number }[]).map((r) => r.number)).to.deep.equal(Array.from({ length: total }, (_, i) => i + 1));
    expect(await count(db, "SELECT COUNT(*) AS n FROM incidents WHERE title LIKE 'Burst %'"), 'each declaration once, redelivered or not').to.equal(DECLARES);
    // One channel per incident at Slack, each the room of exactly one incident.
    const incidentChannels = slack.allChannels().filter((c) => c.name.startsWith('inc-'));
    expect(incidentChannels).to.have.length(total);
    expect(new Set(allRooms.values()).size).to.equal(total);
    for (const room of allRooms.values()) expect(slack.channel(room), room).to.not.equal(undefined);
    // Each incident's card posted once (and pinned once) in its room.
    for (const [number, room] of allRooms) {
      const cards = slack.messagesIn(room).filter((m) => keyOf(m)?.startsWith('card:'));
      expect(cards, `INC-${number}'s card`).to.have.length(1);
      expect(slack.channel(room)!.pins, `INC-${number}'s pins`).to.have.length(1);
    }
    // No remote effect twice: every keyed post Muster made appears once in the whole workspace.
    const keyed = slack.channelIds().flatMap((id) => slack.messagesIn(id)).map(keyOf).filter((k): k is string => !!k);
    expect(keyed.length).to.be.greaterThan(total);
    expect(duplicates(keyed), 'posts made twice').to.deep.equal([]);
    // Every message event stored once on its incident's timeline, redeliveries included.
    for (const text of sentTexts) {
      expect(await count(db, "SELECT COUNT(*) AS n FROM timeline_entries WHERE kind = 'message' AND text = ?", [text]), text).to.equal(1);
    }
    expect(await count(db, "SELECT COUNT(*) AS n FROM timeline_entries WHERE kind = 'message'")).to.equal(sentTexts.length);
    // Nothing due left or given up on (the reminders' next intervals wait for their time).
    expect(await count(db, DUE_PENDING), 'due and pending').to.equal(0);
    expect(await count(db, 'SELECT COUNT(*) AS n FROM outbox WHERE dead = 1'), 'dead letters').to.equal(0);
    // The killed instance's jobs were taken over and finished by a survivor.
    for (const job of killed!.inFlight) {
      const after = await queue.getJob(job.id);
      expect(after?.finishedOn, `job ${job.id} finished`).to.be.a('number');
      expect(after?.processedBy, `job ${job.id} finished elsewhere`).to.not.match(new RegExp(`${killed!.name}$`));
      expect(await count(db, 'SELECT COUNT(*) AS n FROM outbox WHERE id = ? AND completed_at IS NOT NULL', [job.outboxId]), `outbox ${job.outboxId} done`).to.equal(1);
    }
    // Deliveries that met the dead instance went to a survivor, and only those were sent twice.
    const redelivered = routes.filter((r) => r.length > 1);
    expect(redelivered.length, 'deliveries redelivered to a survivor').to.be.greaterThan(0);
    for (const route of redelivered) expect(route.slice(1), 'redelivered to survivors only').to.not.include(victim);
    // The store runs a group lost to a cross-instance deadlock again: nobody had to type a declaration twice.
    expect(retyped, 'declarations refused (deadlock past the store\'s re-runs)').to.deep.equal([]);
    for (const c of fleet) expect(c.output()).not.to.contain(slack.botToken).and.not.to.contain(AM_TOKEN);

    // Survivors stop gracefully.
    for (const i of alive()) fleet[i]!.child.kill('SIGTERM');
    for (const i of alive()) expect(await fleet[i]!.exited).to.deep.equal({ code: 0, signal: null });
  });

  function messageDelivery(room: string, text: string, sent: string[]): Delivery {
    const message = slack.postAsUser(room, ANA.id, text);
    const eventId = newEventId();
    sent.push(text);
    const event = messageEvent(room, message);
    return { label: `message "${text}"`, send: async (target, retry) => (await clients()[target]!.event(event, eventId, retry || undefined)).status };
  }
});
