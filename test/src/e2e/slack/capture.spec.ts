import { expect } from 'chai';
import type { TimelineEntry } from '@muster/core';
import { createScratchDatabase } from '../../contract/mariadb';
import { ANA, BOB, SlackE2E } from './harness';
import { messageEvent, type SlackChannel } from './slack-payloads';
import { newEventId } from './slack-sender';

const messages = (entries: TimelineEntry[], text: string) => entries.filter((e) => (e.kind === 'message' || e.kind === 'file') && e.text.includes(text));

/** The redelivery case runs on both databases Muster supports; the rest on SQLite. */
for (const database of ['SQLite', 'MariaDB'] as const) {
  describe(`Slack e2e: timeline capture with redelivery (${database})`, function () {
    this.timeout(90_000);
    let e2e: SlackE2E;
    let drop: (() => Promise<void>) | undefined;
    let room: SlackChannel;

    before(async () => {
      const scratch = database === 'MariaDB' ? await createScratchDatabase() : undefined;
      drop = scratch?.drop;
      e2e = await SlackE2E.start(scratch ? { databaseUrl: scratch.url } : {});
      await e2e.command('declare "Payments timeouts"');
      await e2e.settle();
      room = await e2e.roomOf(1);
    });
    after(async () => {
      await e2e?.stop();
      await drop?.();
    });

    it('stores a message delivered three times with the same event_id (X-Slack-Retry-Num 1, 2) once', async () => {
      const message = e2e.slack.postAsUser(room.id, BOB.id, 'Rolling back checkout-api to v41');
      const eventId = newEventId();
      const event = messageEvent(room.id, message);
      const answers = [await e2e.event(event, eventId), await e2e.event(event, eventId, 1), await e2e.event(event, eventId, 2)];
      expect(answers.map((a) => a.status)).to.deep.equal([200, 200, 200]);
      const stored = messages(await e2e.timeline(1), 'Rolling back checkout-api');
      expect(stored).to.have.length(1);
      expect(stored[0]).to.deep.include({ idempotencyKey: `slack:${eventId}`, source: 'slack' });
      expect(stored[0]?.actor).to.deep.include({ platform: 'slack', id: BOB.id });
    });

    it('stores a message with a lone UTF-16 surrogate (valid JSON, refused by utf8mb4) with U+FFFD instead of answering 500', async () => {
      const message = e2e.slack.postAsUser(room.id, BOB.id, 'broken emoji \ud83d here, and an edit to come');
      const answer = await e2e.event(messageEvent(room.id, message));
      expect(answer.status).to.equal(200);
      const stored = messages(await e2e.timeline(1), 'broken emoji');
      expect(stored.map((m) => m.text)).to.deep.equal(['broken emoji \ufffd here, and an edit to come']);
    });
  });
}

describe('Slack e2e: what the timeline captures from Slack events', function () {
  this.timeout(90_000);
  let e2e: SlackE2E;
  let room: SlackChannel;

  before(async () => {
    e2e = await SlackE2E.start();
    await e2e.command('declare "Search is slow"');
    await e2e.settle();
    room = await e2e.roomOf(1);
  });
  after(() => e2e?.stop());

  const entryFor = async (ts: string) => (await e2e.timeline(1)).find((e) => e.external?.messageId === ts);

  it('records thread replies with their thread', async () => {
    const { message: parent } = await e2e.say(room.id, ANA, 'Latency p99 is 4 s on search-api');
    const { message: reply, answer } = await e2e.say(room.id, BOB, 'Index rebuild started at 10:02', parent.ts);
    expect(answer.status).to.equal(200);
    expect((await entryFor(reply.ts))?.external).to.deep.include({ threadId: parent.ts });
  });

  it('reflects edits and deletions instead of losing them', async () => {
    const { message } = await e2e.say(room.id, BOB, 'Cause: a bad deploy of serch-api');
    const edited = { ...message, text: 'Cause: a bad deploy of search-api', edited: { user: BOB.id, ts: `${Number(message.ts) + 30}` } };
    await e2e.event({ type: 'message', subtype: 'message_changed', hidden: true, channel: room.id, ts: edited.edited.ts, event_ts: edited.edited.ts, message: edited, previous_message: message });
    const entry = await entryFor(message.ts);
    expect(entry?.text).to.equal('Cause: a bad deploy of search-api');
    expect(entry?.revisions.map((r) => r.text)).to.deep.equal(['Cause: a bad deploy of serch-api']);

    const deletedAt = `${Number(message.ts) + 60}`;
    await e2e.event({ type: 'message', subtype: 'message_deleted', hidden: true, channel: room.id, ts: deletedAt, event_ts: deletedAt, deleted_ts: message.ts, previous_message: edited });
    expect((await entryFor(message.ts))?.deletedAt).to.be.instanceOf(Date);
  });

  it('marks highlights from pins and the :pushpin: reaction, and unmarks them when removed', async () => {
    const { message } = await e2e.say(room.id, ANA, 'Mitigation: traffic moved to eu-west-2');
    const pin = (type: string) => e2e.event({ type, user: BOB.id, channel_id: room.id, item: { type: 'message', channel: room.id, created_by: BOB.id, message: { ...message } }, event_ts: `${Date.now() / 1000}` });
    const react = (type: string, reaction: string) => e2e.event({ type, user: BOB.id, reaction, item_user: ANA.id, item: { type: 'message', channel: room.id, ts: message.ts }, event_ts: `${Date.now() / 1000}` });

    await pin('pin_added');
    expect((await entryFor(message.ts))?.highlighted).to.equal(true);
    await pin('pin_removed');
    expect((await entryFor(message.ts))?.highlighted).to.equal(false);
    await react('reaction_added', 'eyes');
    expect((await entryFor(message.ts))?.highlighted, 'another reaction is not a highlight').to.equal(false);
    await react('reaction_added', 'pushpin');
    expect((await entryFor(message.ts))?.highlighted).to.equal(true);
    await react('reaction_removed', 'pushpin');
    expect((await entryFor(message.ts))?.highlighted).to.equal(false);
  });

  it('stores a mention as a neutral token, and shows it back in Slack as a name that pings nobody', async () => {
    // Slack sends message mentions without names: Bob ran a command before, so Muster knows his; the
    // newcomer's it asks Slack for (users.info, once), so the timeline and the postmortem name them.
    await e2e.command('status', BOB, room);
    const asked = e2e.slack.calls('users.info').length;
    const { message } = await e2e.say(room.id, ANA, 'thanks <@U0BOB>, and <@U0NEW> please look');
    expect((await entryFor(message.ts))?.text).to.equal('thanks <@slack:U0BOB|bob>, and <@slack:U0NEW|u0new> please look');
    expect(e2e.slack.calls('users.info').slice(asked).map((c) => c.args.user)).to.deep.equal(['U0NEW']);
    const timeline = (await e2e.command('timeline', ANA, room)).text;
    expect(timeline).to.include('thanks @bob, and @u0new please look');
    expect(timeline, 'no Slack mention and no raw token in what is shown').to.not.match(/<@U0BOB>|<@slack:/);
  });

  it('records shared files as links with their names', async () => {
    const message = { ...e2e.slack.postAsUser(room.id, BOB.id, 'Flame graph from search-api'), };
    const files = [{ id: 'F0GRAPH', name: 'flame.svg', title: 'search-api flame graph', permalink: 'https://fake.slack.com/files/U0BOB/F0GRAPH/flame.svg', url_private: 'https://files.slack.com/files-pri/T0FAKE-F0GRAPH/flame.svg' }];
    await e2e.event(messageEvent(room.id, message, { subtype: 'file_share', files }));
    const entry = await entryFor(message.ts);
    expect(entry?.text).to.include('search-api flame graph: https://fake.slack.com/files/U0BOB/F0GRAPH/flame.svg');
    expect(entry?.data).to.deep.include({ files: [{ name: 'search-api flame graph', url: 'https://fake.slack.com/files/U0BOB/F0GRAPH/flame.svg' }] });
  });

  it('leaves out bot messages, joins, Muster\'s own posts and its own pin of the card', async () => {
    const before = await e2e.timeline(1);
    const ts = () => `${(Date.now() / 1000).toFixed(6)}`;
    await e2e.event({ type: 'message', subtype: 'bot_message', channel: room.id, bot_id: 'B0GRAFANA', text: 'Alert firing: search latency', ts: ts(), event_ts: ts() });
    await e2e.event({ type: 'message', subtype: 'channel_join', channel: room.id, user: BOB.id, text: '<@U0BOB> has joined the channel', ts: ts(), event_ts: ts() });
    const [card] = e2e.postsMentioning(room.id, 'Acknowledge');
    await e2e.event({ type: 'message', channel: room.id, user: e2e.slack.botUserId, bot_id: e2e.slack.botId, text: card!.text, ts: card!.ts, event_ts: card!.ts });
    await e2e.event({ type: 'pin_added', user: e2e.slack.botUserId, channel_id: room.id, item: { type: 'message', channel: room.id, message: { ts: card!.ts } }, event_ts: ts() });
    const after = await e2e.timeline(1);
    expect(after.map((e) => e.id)).to.deep.equal(before.map((e) => e.id));
    expect(after.filter((e) => e.highlighted).map((e) => e.id)).to.deep.equal(before.filter((e) => e.highlighted).map((e) => e.id));
  });

  it('ignores messages outside incident rooms', async () => {
    const { answer } = await e2e.say(e2e.general.id, BOB, 'Lunch at noon?');
    expect(answer.status).to.equal(200);
    expect(messages(await e2e.timeline(1), 'Lunch')).to.have.length(0);
  });

  it('adds a message to the timeline as a highlight with the message shortcut, even one posted before capture', async () => {
    const earlier = e2e.slack.postAsUser(room.id, BOB.id, 'Customer report: search returns nothing for "shoes"');
    const answer = await e2e.messageShortcut(room, earlier, 'timeline.add_message', ANA);
    expect(answer.status).to.equal(200);
    await e2e.settle();
    const entry = await entryFor(earlier.ts);
    expect(entry).to.deep.include({ highlighted: true, kind: 'message' });
    expect(JSON.stringify(e2e.slack.responses().at(-1)?.body)).to.include('Added to the incident timeline');
  });

  it('says to use the message shortcut in an incident channel when used elsewhere', async () => {
    const elsewhere = e2e.slack.postAsUser(e2e.general.id, BOB.id, 'Anyone else seeing slow search?');
    await e2e.messageShortcut(e2e.general, elsewhere, 'timeline.add_message', ANA);
    await e2e.settle();
    const reply = e2e.slack.responses().at(-1)!;
    expect(reply.body).to.include({ response_type: 'ephemeral' });
    expect(JSON.stringify(reply.body)).to.include('not an incident room');
    expect(messages(await e2e.timeline(1), 'Anyone else')).to.have.length(0);
  });
});
