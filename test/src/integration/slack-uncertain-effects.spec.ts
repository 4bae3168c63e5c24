import { type ConversationRef, type CreateRoom, type View } from '@muster/core';
import { SlackWebClient, SlackChatGateway } from '@muster/slack';
import { expect } from 'chai';
import { FakeSlackApi } from '../fakes/fake-slack-api';
import { failureOf } from '../kits/failures';

const WORKSPACE = 'T0FAKE';
const card = (title: string): View => ({ fallback: title, blocks: [{ type: 'header', text: title }] });
/** When the interrupted attempt began: a moment ago, as the effect log would say. */
const aMomentAgo = () => new Date(Date.now() - 1000);

/**
 * Each `process()` is a gateway with empty memory: what a restarted server has. What carries over is
 * only what the effect log says (`uncertainSince`), so these are the cases where in-process memory
 * used to be the only protection.
 */
describe('SlackChatGateway: steps whose outcome an earlier (dead) process left unknown', () => {
  let slack: FakeSlackApi;
  const process = (timeoutMs?: number) => new SlackChatGateway(new SlackWebClient({ token: slack.botToken, slackApiUrl: slack.url, ...(timeoutMs ? { timeoutMs } : {}) }));
  const request = (extra: Partial<CreateRoom> = {}): CreateRoom =>
    ({ workspaceId: WORKSPACE, name: 'inc-7-db-down', private: false, topic: 'INC-7 · SEV1 · DB down', idempotencyKey: 'room:7', ...extra });
  const channelsNamed = (prefix: string) => slack.calls('conversations.create').length >= 0 && [...new Set(slack.calls('conversations.create').map((c) => String(c.args.name)))]
    .map((name) => slack.channel(name)).filter((c) => c && c.name.startsWith(prefix));

  beforeEach(async () => { slack = await FakeSlackApi.start(); });
  afterEach(() => slack.close());

  describe('createRoom', () => {
    it('adopts the channel a create that answered HTTP 500 had made, instead of making a second one', async () => {
      slack.failAfterWorkNext('conversations.create', 500);
      const error = await failureOf(process().createRoom(request()));
      expect(error.code).to.equal('unavailable');
      expect(slack.channel('inc-7-db-down'), 'Slack did create it').to.not.equal(undefined);

      const adopted = await process().createRoom(request({ uncertainSince: aMomentAgo() }));
      expect(adopted.conversationId).to.equal(slack.channel('inc-7-db-down')!.id);
      expect(slack.channel('inc-7-db-down-2'), 'no orphan second channel').to.equal(undefined);
      expect(slack.calls('conversations.create')).to.have.length(1);
      expect(slack.channel('inc-7-db-down')!.topic).to.equal('INC-7 · SEV1 · DB down');
      const listed = slack.calls('conversations.list')[0]!.args;
      expect(listed).to.include({ types: 'public_channel', exclude_archived: 'true' });
    });

    it('finds a private room too, paging through a workspace with many channels', async () => {
      for (let i = 0; i < 450; i++) slack.addChannel({ name: `other-${i}`, private: i % 2 === 0 });
      slack.failAfterWorkNext('conversations.create', 503);
      await failureOf(process().createRoom(request({ private: true })));
      const adopted = await process().createRoom(request({ private: true, uncertainSince: aMomentAgo() }));
      expect(adopted.conversationId).to.equal(slack.channel('inc-7-db-down')!.id);
      expect(slack.calls('conversations.create')).to.have.length(1);
      expect(slack.calls('conversations.list').length, 'paged with a cursor').to.be.greaterThan(1);
      expect(slack.calls('conversations.list')[0]!.args).to.include({ types: 'private_channel' });
    });

    it('creates the channel when the uncertain attempt had not made it after all', async () => {
      slack.failNext('conversations.create', 'internal_error');
      await failureOf(process().createRoom(request()));
      const created = await process().createRoom(request({ uncertainSince: aMomentAgo() }));
      expect(created.name).to.equal('inc-7-db-down');
      expect(slack.calls('conversations.create')).to.have.length(2);
    });

    it('never adopts a channel a person made, an archived one, or one that belongs to another incident', async () => {
      slack.addChannel({ name: 'inc-7-db-down', creator: 'U0PERSON' });
      const archived = await process().createRoom(request({ name: 'inc-7-db-down-2', idempotencyKey: 'other' }));
      await process().archive(archived);
      const another = await process().createRoom(request({ name: 'inc-7-db-down-3', idempotencyKey: 'another', topic: 'INC-99 · SEV3 · something else' }));
      const created = await process().createRoom(request({ uncertainSince: aMomentAgo() }));
      expect([archived.conversationId, another.conversationId, slack.channel('inc-7-db-down')!.id]).to.not.include(created.conversationId);
      expect(created.name).to.equal('inc-7-db-down-4');
    });

    it('makes one channel when two workers race on one message (the first one\'s lease ran out)', async () => {
      slack.latencyMs = 50;
      const [first, second] = await Promise.all([process().createRoom(request()), process().createRoom(request({ uncertainSince: aMomentAgo() }))]);
      expect(second.conversationId).to.equal(first.conversationId);
      expect(channelsNamed('inc-7')).to.have.length(1);
      expect(slack.channel('inc-7-db-down-2')).to.equal(undefined);
    });

    it('adds no Web API call on the happy path', async () => {
      await process().createRoom(request());
      expect(slack.calls().map((c) => c.method)).to.deep.equal(['conversations.create', 'conversations.setTopic']);
    });
  });

  describe('post', () => {
    let room: ConversationRef;
    beforeEach(() => { room = { platform: 'slack', workspaceId: WORKSPACE, conversationId: slack.addChannel({ name: 'announcements' }) }; });

    it('after a post that was made but timed out, a restarted process finds it instead of posting again', async () => {
      slack.hangAfterWorkNext('chat.postMessage');
      const error = await failureOf(process(200).post(room, card('INC-7 declared'), { idempotencyKey: 'announce:7' }));
      expect(error.message).to.include('timeout');
      expect(slack.messagesIn(room.conversationId)).to.have.length(1);

      const again = await process().post(room, card('INC-7 declared'), { idempotencyKey: 'announce:7', uncertainSince: aMomentAgo() });
      expect(slack.messagesIn(room.conversationId)).to.have.length(1);
      expect(again.messageId).to.equal(slack.messagesIn(room.conversationId)[0]!.ts);
      expect(slack.calls('chat.postMessage')).to.have.length(1);
    });

    it('finds it behind hundreds of newer messages in a busy channel', async () => {
      slack.failAfterWorkNext('chat.postMessage', 500);
      await failureOf(process().post(room, card('INC-7 declared'), { idempotencyKey: 'announce:7' }));
      const busy = process();
      for (let i = 0; i < 450; i++) await busy.post(room, card(`INC-${100 + i} declared`), { idempotencyKey: `announce:${100 + i}` });
      await process().post(room, card('INC-7 declared'), { idempotencyKey: 'announce:7', uncertainSince: aMomentAgo() });
      const mine = slack.messagesIn(room.conversationId).filter((m) => m.metadata?.event_payload.key === 'announce:7');
      expect(mine).to.have.length(1);
      expect(slack.calls('conversations.history').length, 'read page by page').to.be.greaterThan(1);
    });

    it('posts when the uncertain attempt had not posted, and a certain post reads no history', async () => {
      await process().post(room, card('fresh'), { idempotencyKey: 'fresh' });
      expect(slack.calls('conversations.history')).to.have.length(0);
      await process().post(room, card('lost'), { idempotencyKey: 'never-made', uncertainSince: aMomentAgo() });
      expect(slack.messagesIn(room.conversationId).map((m) => m.metadata?.event_payload.key)).to.deep.equal(['fresh', 'never-made']);
    });
  });
});
