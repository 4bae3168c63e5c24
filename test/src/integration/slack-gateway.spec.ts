import { type ConversationRef, isMusterError, RateLimitedError, type View } from '@muster/core';
import { SlackWebClient, SlackChatGateway, SlackModalsAndPeople } from '@muster/slack';
import { expect } from 'chai';
import { FakeSlackApi } from '../fakes/fake-slack-api';
import { failureOf } from '../kits/failures';
import { until } from '../kits/wait';

const WORKSPACE = 'T0FAKE';
const card = (title: string): View => ({ fallback: title, blocks: [{ type: 'header', text: title }, { type: 'text', text: ['Status: ', { bold: 'investigating' }] }] });


describe('SlackChatGateway against the fake Slack Web API', () => {
  let slack: FakeSlackApi;
  let gateway: SlackChatGateway;
  let webApi: SlackModalsAndPeople;
  let room: ConversationRef;

  beforeEach(async () => {
    slack = await FakeSlackApi.start();
    const api = new SlackWebClient({ token: slack.botToken, slackApiUrl: slack.url });
    gateway = new SlackChatGateway(api);
    webApi = new SlackModalsAndPeople(api);
    room = { platform: 'slack', workspaceId: WORKSPACE, conversationId: slack.addChannel({ name: 'inc-1-checkout', members: ['U0ANA'] }) };
  });

  afterEach(() => slack.close());

  describe('createRoom', () => {
    it('moves on to the next free name when the wanted one is taken, and sets the topic', async () => {
      slack.addChannel({ name: 'inc-42-db-down' });
      slack.addChannel({ name: 'inc-42-db-down-2' });
      const created = await gateway.createRoom({ workspaceId: WORKSPACE, name: 'INC-42 DB down!', private: true, topic: 'SEV1 <!channel> | IC: ana', idempotencyKey: 'room-42' });
      expect(created.name).to.equal('inc-42-db-down-3');
      const channel = slack.channel(created.conversationId);
      expect(channel?.isPrivate).to.equal(true);
      expect(channel?.topic).to.equal('SEV1 &lt;!channel&gt; | IC: ana');
    });

    it('returns the same room for a retried request with the same key', async () => {
      const request = { workspaceId: WORKSPACE, name: 'inc-43', private: false, topic: 't', idempotencyKey: 'room-43' };
      const first = await gateway.createRoom(request);
      const again = await gateway.createRoom(request);
      expect(again.conversationId).to.equal(first.conversationId);
      expect(slack.calls('conversations.create')).to.have.length(1);
    });

    it('keeps the channel it made when setting the topic fails, so the retry does not make a second one', async () => {
      slack.failNext('conversations.setTopic', 'internal_error');
      const request = { workspaceId: WORKSPACE, name: 'inc-44', private: false, topic: 'SEV2', idempotencyKey: 'room-44' };
      await failureOf(gateway.createRoom(request));
      const created = await gateway.createRoom(request);
      expect(created.name).to.equal('inc-44');
      expect(slack.channel('inc-44-2')).to.equal(undefined);
      expect(slack.channel('inc-44')?.topic).to.equal('SEV2');
    });
  });

  describe('post', () => {
    it('posts rendered blocks with the idempotency key as message metadata and no unfurling', async () => {
      const ref = await gateway.post(room, card('INC-1 Checkout down'), { idempotencyKey: 'card-1' });
      const [message] = slack.messagesIn(room.conversationId);
      expect(ref.messageId).to.equal(message?.ts);
      expect(message?.metadata).to.deep.equal({ event_type: 'muster_post', event_payload: { key: 'card-1' } });
      expect(message?.blocks?.[0]).to.deep.include({ type: 'header' });
      expect(slack.calls('chat.postMessage')[0]?.args).to.include({ unfurl_links: 'false' });
    });

    it('returns the first message when the same key is posted again in this process', async () => {
      const first = await gateway.post(room, card('one'), { idempotencyKey: 'k' });
      const second = await gateway.post(room, card('one'), { idempotencyKey: 'k' });
      expect(second.messageId).to.equal(first.messageId);
      expect(slack.messagesIn(room.conversationId)).to.have.length(1);
    });

    it('turns HTTP 429 into RateLimitedError with the Retry-After delay, and posts once when retried', async () => {
      slack.rateLimitNext('chat.postMessage', 7);
      const error = await failureOf(gateway.post(room, card('update'), { idempotencyKey: 'update-1' }));
      expect(error).to.be.instanceOf(RateLimitedError);
      expect((error as RateLimitedError).retryAfterMs).to.equal(7000);
      expect(slack.messagesIn(room.conversationId)).to.have.length(0);
      expect(slack.calls('chat.postMessage'), 'the SDK must not retry on its own').to.have.length(1);

      await gateway.post(room, card('update'), { idempotencyKey: 'update-1' });
      expect(slack.messagesIn(room.conversationId)).to.have.length(1);
    });

    it('after an answer lost on the way back, the retry finds the message by its metadata instead of posting again', async () => {
      slack.dropConnectionNext('chat.postMessage');
      const error = await failureOf(gateway.post(room, card('lost answer'), { idempotencyKey: 'lost-1' }));
      expect(error.code).to.equal('unavailable');
      expect(slack.messagesIn(room.conversationId)).to.have.length(1);

      const retried = await gateway.post(room, card('lost answer'), { idempotencyKey: 'lost-1' });
      const messages = slack.messagesIn(room.conversationId);
      expect(messages).to.have.length(1);
      expect(retried.messageId).to.equal(messages[0]?.ts);
      expect(slack.calls('chat.postMessage')).to.have.length(1);
      expect(slack.calls('conversations.history')[0]?.args).to.include({ include_all_metadata: 'true', limit: '200' });
    });

    it('treats a timed-out post as maybe posted, and the retry reuses it', async () => {
      const impatient = new SlackChatGateway(new SlackWebClient({ token: slack.botToken, slackApiUrl: slack.url, timeoutMs: 100 }));
      slack.latencyMs = 400;
      const error = await failureOf(impatient.post(room, card('slow'), { idempotencyKey: 'slow-1' }));
      expect(error.message).to.include('timeout');
      await until(() => slack.messagesIn(room.conversationId).length === 1, 'the fake to finish the post a timed-out call asked for');
      slack.latencyMs = 0;
      const retried = await impatient.post(room, card('slow'), { idempotencyKey: 'slow-1' });
      expect(retried.messageId).to.equal(slack.messagesIn(room.conversationId)[0]?.ts);
      expect(slack.messagesIn(room.conversationId)).to.have.length(1);
    });

    it('posts on retry when the uncertain attempt had in fact not posted', async () => {
      slack.failNext('chat.postMessage', 'internal_error');
      await failureOf(gateway.post(room, card('maybe'), { idempotencyKey: 'maybe-1' }));
      await gateway.post(room, card('maybe'), { idempotencyKey: 'maybe-1' });
      expect(slack.messagesIn(room.conversationId)).to.have.length(1);
      expect(slack.calls('conversations.history')).to.have.length(1);
    });

    it('recovers a lost thread reply from the thread, not the channel', async () => {
      const parent = await gateway.post(room, card('parent'), { idempotencyKey: 'parent' });
      slack.dropConnectionNext('chat.postMessage');
      await failureOf(gateway.post(room, card('reply'), { idempotencyKey: 'reply-1', threadId: parent.messageId }));
      const retried = await gateway.post(room, card('reply'), { idempotencyKey: 'reply-1', threadId: parent.messageId });
      const replies = slack.messagesIn(room.conversationId).filter((m) => m.thread_ts === parent.messageId);
      expect(replies.map((m) => m.ts)).to.deep.equal([retried.messageId]);
      expect(slack.calls('conversations.replies')).to.have.length(1);
    });

    it('says plainly when the channel does not exist', async () => {
      const error = await failureOf(gateway.post({ ...room, conversationId: 'C0GONE' }, card('x'), { idempotencyKey: 'gone' }));
      expect(isMusterError(error, 'not_found')).to.equal(true);
      expect(error.message).to.include('channel_not_found');
      expect(error.message).to.match(/deleted|not a member/);
    });
  });

  describe('errors', () => {
    it('asks for a reinstall on a revoked token and never shows the token', async () => {
      slack.revokeToken(slack.botToken);
      const error = await failureOf(gateway.setTopic(room, 'x'));
      expect(error.code).to.equal('unavailable');
      expect(error.message).to.include('token_revoked').and.include('reinstalled');
      expect(JSON.stringify({ message: error.message, details: error.details })).not.to.include(slack.botToken);
    });

    it('names the scope Slack says is missing', async () => {
      const posted = await gateway.post(room, card('pin me'), { idempotencyKey: 'pin' });
      slack.failNext('pins.add', 'missing_scope', { extra: { needed: 'pins:write', provided: 'chat:write' } });
      const error = await failureOf(gateway.pin(posted));
      expect(error.code).to.equal('configuration');
      expect(error.message).to.include('pins:write');
    });
  });

  describe('other operations', () => {
    it('invites new people, skips those already there and Muster itself, and reports the rest', async () => {
      const outcome = await gateway.inviteWithOutcome(room, [
        { platform: 'slack', id: 'U0ANA' },
        { platform: 'slack', id: 'U0BEN' },
        { platform: 'slack', id: slack.botUserId },
        { platform: 'slack', id: 'not-a-user' },
      ]);
      expect([...(slack.channel(room.conversationId)?.members ?? [])]).to.include.members(['U0ANA', 'U0BEN']);
      expect(outcome.invited).to.deep.equal(['U0BEN']);
      expect(outcome.skipped).to.have.members(['U0ANA', slack.botUserId]);
      expect(outcome.failed).to.deep.equal([{ userId: 'not-a-user', error: 'user_not_found' }]);
    });

    it('treats inviting only people already in the channel as done', async () => {
      await gateway.invite(room, [{ platform: 'slack', id: 'U0ANA' }]);
      expect(slack.calls('conversations.invite')).to.have.length(1);
    });

    it('updates, pins twice, bookmarks and archives twice without error', async () => {
      const posted = await gateway.post(room, card('v1'), { idempotencyKey: 'v' });
      await gateway.update(posted, card('v2'));
      expect(slack.messagesIn(room.conversationId)[0]?.text).to.equal('v2');
      await gateway.pin(posted);
      await gateway.pin(posted);
      expect(slack.channel(room.conversationId)?.pins).to.deep.equal([posted.messageId]);
      await gateway.bookmark(room, { title: 'Dashboard', url: 'https://grafana.example/d/1' });
      await gateway.bookmark(room, { title: 'Dashboard', url: 'https://grafana.example/d/1' });
      expect(slack.channel(room.conversationId)?.bookmarks.map((b) => b.link)).to.deep.equal(['https://grafana.example/d/1']);
      await gateway.archive(room);
      await gateway.archive(room);
      expect(slack.channel(room.conversationId)?.archived).to.equal(true);
    });

    it('shows an ephemeral message to one Slack person', async () => {
      await gateway.postEphemeral(room, { platform: 'slack', id: 'U0ANA' }, card('only you'));
      expect(slack.ephemeralsIn(room.conversationId).map((e) => [e.user, e.text])).to.deep.equal([['U0ANA', 'only you']]);
    });
  });

  describe('SlackModalsAndPeople', () => {
    it('opens and updates a modal rendered from a form', async () => {
      const form = { formId: 'incident.declare', title: 'Declare', submitLabel: 'Declare', fallback: 'Declare', privateMetadata: 'C1', blocks: [{ type: 'input' as const, id: 'title', label: 'Title', element: { kind: 'text' as const } }] };
      const { viewId } = await webApi.openModal(WORKSPACE, 'trigger-1', form);
      expect(slack.views.get(viewId)).to.deep.include({ callback_id: 'incident.declare', private_metadata: 'C1' });
      await webApi.updateModal(WORKSPACE, viewId, { ...form, title: 'Declared' });
      expect((slack.views.get(viewId)?.title as { text: string }).text).to.equal('Declared');
    });

    it('looks people up once and remembers their display name', async () => {
      slack.addUser({ id: 'U0ANA', name: 'ana', realName: 'Ana Lima', displayName: 'ana.l' });
      expect(await webApi.usersInfo(WORKSPACE, 'U0ANA')).to.deep.equal({ platform: 'slack', id: 'U0ANA', name: 'ana.l' });
      await webApi.usersInfo(WORKSPACE, 'U0ANA');
      expect(slack.calls('users.info')).to.have.length(1);
    });

    it('knows the bot user id', async () => {
      expect(await webApi.authTest(WORKSPACE)).to.deep.include({ botUserId: slack.botUserId, teamId: slack.teamId });
    });
  });
});
