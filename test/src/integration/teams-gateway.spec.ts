import { type ConversationRef, isMusterError, type View } from '@muster/core';
import { renderCard } from '@muster/teams';
import { expect } from 'chai';
import { shownText, startTeamsRig, TEAMS_APP_CATALOG_ID, type TeamsRig } from '../kits/teams-outbound-kit';
import { failureOf } from '../kits/failures';

const card = (title: string): View => ({ fallback: title, blocks: [{ type: 'header', text: title }, { type: 'text', text: ['Status: ', { bold: 'investigating' }] }] });

describe('TeamsChatGateway against the fake Bot Connector and Graph', () => {
  let rig: TeamsRig;
  let channel: ConversationRef;
  const ana = { platform: 'teams' as const, id: 'a0000000-0000-4000-8000-0000000000a1', name: 'Ana' };
  const bo = { platform: 'teams' as const, id: 'b0000000-0000-4000-8000-0000000000b2', name: 'Bo' };

  beforeEach(async () => {
    rig = await startTeamsRig({ graph: true });
    rig.tenant.addUser({ id: ana.id, displayName: 'Ana', mail: 'ana@contoso.example' });
    rig.tenant.addUser({ id: bo.id, displayName: 'Bo', mail: 'bo@contoso.example' });
    channel = { platform: 'teams', workspaceId: rig.tenant.tenantId, conversationId: rig.incidentsChannelId };
    await rig.conversations.save({ platform: 'teams', workspaceId: rig.tenant.tenantId, conversationId: rig.incidentsChannelId, serviceUrl: rig.connector.serviceUrl, kind: 'channel', teamId: rig.tenant.teamId, channelId: rig.incidentsChannelId, lastSeenAt: new Date() });
  });

  afterEach(() => rig.close());

  describe('post', () => {
    it('posts the card as an Adaptive Card attachment with a summary and a hidden marker, with the bot token', async () => {
      const ref = await rig.gateway.post(channel, card('INC-1 Checkout down'), { idempotencyKey: 'card-1' });
      const [message] = rig.connector.messagesIn(channel.conversationId);
      expect(ref.messageId).to.equal(message?.id);
      const attachment = (message?.activity.attachments as { contentType: string; content: { body: { isVisible?: boolean; text: string }[] } }[])[0]!;
      expect(attachment.contentType).to.equal('application/vnd.microsoft.card.adaptive');
      expect(shownText(message!.activity)).to.include('INC-1 Checkout down');
      expect(attachment.content.body.at(-1)).to.deep.include({ isVisible: false });
      expect(attachment.content.body.at(-1)?.text, 'the marker is a hash, not the internal key').to.match(/^muster:[0-9a-f]{32}$/);
      expect(message?.activity.summary).to.equal('INC-1 Checkout down');
      expect(rig.connector.calls('send message')[0]?.authorization).to.equal(`Bearer ${rig.connector.botToken}`);
    });

    it('sends the real card intact, and what people typed shows as typed: no markup, no mention, no link', async () => {
      const hostile = '<at>everyone</at> **urgent** [login](javascript:alert(1)) \\_x_ &amp; # not a heading';
      const view: View = { fallback: hostile, blocks: [{ type: 'header', text: hostile }, { type: 'text', text: ['Declared by ', { mention: ana }] }] };
      await rig.gateway.post(channel, view, { idempotencyKey: 'hostile' });
      const [message] = rig.connector.messagesIn(channel.conversationId);
      const content = (message?.activity.attachments as { content: { version: string; body: unknown[]; msteams?: { entities?: { text: string }[] } } }[])[0]!.content;
      expect(content.version).to.equal('1.5');
      expect(content.body.slice(0, -1), 'the renderer\'s card, only the marker added').to.deep.equal(renderCard(view).body);
      expect(shownText(message!.activity).split('\n')).to.deep.equal([hostile, 'Declared by Ana']);
      expect(content.msteams?.entities?.map((e) => e.text), 'only the real mention is an entity').to.deep.equal(['<at>Ana</at>']);
      expect(JSON.stringify(content), 'no <at> tag Teams could read as a mention').not.to.include('<at>everyone');
    });

    it('returns the first message when the same key is posted again, and shares one call between concurrent posts', async () => {
      const [a, b] = await Promise.all([rig.gateway.post(channel, card('one'), { idempotencyKey: 'k' }), rig.gateway.post(channel, card('one'), { idempotencyKey: 'k' })]);
      const again = await rig.gateway.post(channel, card('one'), { idempotencyKey: 'k' });
      expect(new Set([a.messageId, b.messageId, again.messageId]).size).to.equal(1);
      expect(rig.connector.messagesIn(channel.conversationId)).to.have.length(1);
    });

    it('replies in a thread when asked, not at the channel root', async () => {
      const parent = await rig.gateway.post(channel, card('parent'), { idempotencyKey: 'parent' });
      await rig.gateway.post(channel, card('reply'), { idempotencyKey: 'reply', threadId: parent.messageId });
      const thread = rig.connector.messagesIn(`${channel.conversationId};messageid=${parent.messageId}`);
      expect(thread.map((m) => shownText(m.activity).split('\n')[0])).to.deep.equal(['parent', 'reply']);
      expect(rig.connector.messagesIn(channel.conversationId), 'the channel root has only the parent').to.have.length(1);
    });

    it('after a 502 that came after the work, the retry finds the message through Graph instead of posting again', async () => {
      rig.connector.failNext('send message', { status: 502, afterWork: true });
      const error = await failureOf(rig.gateway.post(channel, card('maybe'), { idempotencyKey: 'maybe-1' }));
      expect(error.code).to.equal('rate_limited');
      const retried = await rig.gateway.post(channel, card('maybe'), { idempotencyKey: 'maybe-1' });
      const messages = rig.connector.messagesIn(channel.conversationId);
      expect(messages.map((m) => m.id)).to.deep.equal([retried.messageId]);
      expect(rig.connector.calls('send message')).to.have.length(1);
      expect(rig.graph!.calls('list channel messages')).to.have.length(1);
    });

    it('a process that restarts with the effect log\'s uncertainSince adopts the message posted before the crash', async () => {
      rig.connector.dropConnectionNext('send message');
      await failureOf(rig.gateway.post(channel, card('lost'), { idempotencyKey: 'lost-1' }));
      const restarted = await startTeamsRig({ graph: true, tenant: rig.tenant });
      try {
        await restarted.conversations.save({ ...(await rig.conversations.find('teams', channel.workspaceId, channel.conversationId))!, serviceUrl: restarted.connector.serviceUrl });
        const found = await restarted.gateway.post(channel, card('lost'), { idempotencyKey: 'lost-1', uncertainSince: new Date(Date.now() - 60_000) });
        expect(found.messageId).to.equal(rig.connector.messagesIn(channel.conversationId)[0]?.id);
        expect(restarted.connector.calls('send message'), 'nothing posted a second time').to.have.length(0);
      } finally {
        await restarted.close();
      }
    });

    it('posts when the uncertain attempt had in fact posted nothing', async () => {
      const ref = await rig.gateway.post(channel, card('fresh'), { idempotencyKey: 'fresh-1', uncertainSince: new Date() });
      expect(rig.connector.messagesIn(channel.conversationId).map((m) => m.id)).to.deep.equal([ref.messageId]);
    });

    it('treats a timed-out post in a group chat as maybe posted, and the retry reuses it from the chat\'s messages', async () => {
      const patient = await startTeamsRig({ graph: true, tenant: rig.tenant, timeoutMs: 200 });
      try {
        const chat = rig.tenant.addChat('INC-9', [ana.id, bo.id]);
        chat.installedApps.add(TEAMS_APP_CATALOG_ID);
        const room = { platform: 'teams' as const, workspaceId: rig.tenant.tenantId, conversationId: chat.id };
        await patient.conversations.save({ platform: 'teams', workspaceId: room.workspaceId, conversationId: chat.id, serviceUrl: patient.connector.serviceUrl, kind: 'groupChat', lastSeenAt: new Date() });
        patient.connector.hangNext('send message');
        const error = await failureOf(patient.gateway.post(room, card('slow'), { idempotencyKey: 'slow-1' }));
        expect(error.message).to.include('timeout');
        const retried = await patient.gateway.post(room, card('slow'), { idempotencyKey: 'slow-1' });
        expect(patient.connector.messagesIn(chat.id).map((m) => m.id)).to.deep.equal([retried.messageId]);
      } finally {
        await patient.close();
      }
    });

    it('without Graph, says in the log that an interrupted post cannot be checked, and posts again', async () => {
      const bare = await startTeamsRig({ tenant: rig.tenant });
      try {
        await bare.gateway.post(channel, card('again'), { idempotencyKey: 'again-1', uncertainSince: new Date() });
        expect(bare.logs.some((l) => l.level === 'warn' && /cannot check whether an interrupted post arrived/.test(l.msg))).to.equal(true);
      } finally {
        await bare.close();
      }
    });

    it('says plainly when the conversation does not exist, and when the token is refused, without echoing the token', async () => {
      const gone = await failureOf(rig.gateway.post({ ...channel, conversationId: '19:gone@thread.tacv2' }, card('x'), { idempotencyKey: 'gone' }));
      expect(isMusterError(gone, 'not_found')).to.equal(true);
      expect(gone.message).to.include('ConversationNotFound');
      rig.connector.failNext('send message', { status: 401, message: `token Bearer ${rig.connector.botToken} rejected` });
      const refused = await failureOf(rig.gateway.post(channel, card('x'), { idempotencyKey: 'refused' }));
      expect(refused.code).to.equal('unavailable');
      expect(refused.message).to.include('MICROSOFT_APP_PASSWORD');
      expect(JSON.stringify({ message: refused.message, details: refused.details })).not.to.include(rig.connector.botToken);
    });
  });

  describe('update, private messages, invites, topics, pins, bookmarks, archiving', () => {
    it('updates a card in place with PUT', async () => {
      const ref = await rig.gateway.post(channel, card('before'), { idempotencyKey: 'u1' });
      await rig.gateway.update(ref, card('after'));
      const [message] = rig.connector.messagesIn(channel.conversationId);
      expect(shownText(message!.activity)).to.include('after');
      expect(message?.edits).to.equal(1);
      expect(isMusterError(await failureOf(rig.gateway.update({ ...ref, messageId: '999' }, card('x'))), 'not_found')).to.equal(true);
    });

    it('sends a private message in the person\'s 1:1 chat, never in the channel, and reuses that chat', async () => {
      await rig.gateway.postEphemeral(channel, ana, card('only for Ana'));
      await rig.gateway.postEphemeral(channel, ana, card('again for Ana'));
      const personal = rig.tenant.personal.get(ana.id)!;
      expect(rig.connector.messagesIn(personal).map((m) => shownText(m.activity).split('\n')[0])).to.deep.equal(['only for Ana', 'again for Ana']);
      expect(rig.connector.messagesIn(channel.conversationId)).to.have.length(0);
      expect(rig.connector.calls('create conversation')).to.have.length(1);
      const slackPerson = await failureOf(rig.gateway.postEphemeral(channel, { platform: 'slack', id: 'U0ANA' }, card('x')));
      expect(slackPerson.code).to.equal('invalid_argument');
      expect(rig.connector.calls('create conversation'), 'nothing sent for the wrong person').to.have.length(1);
    });

    it('adds people to a group chat through Graph: skips members, reports unknown and non-Teams people, stops nobody', async () => {
      const chat = rig.tenant.addChat('INC-5', [ana.id, 'c0000000-0000-4000-8000-0000000000c3']);
      rig.tenant.addUser({ id: 'c0000000-0000-4000-8000-0000000000c3', displayName: 'Cy' });
      await rig.conversations.save({ platform: 'teams', workspaceId: rig.tenant.tenantId, conversationId: chat.id, serviceUrl: rig.connector.serviceUrl, kind: 'groupChat', lastSeenAt: new Date() });
      const outcome = await rig.gateway.inviteWithOutcome({ ...channel, conversationId: chat.id }, [ana, bo, { platform: 'teams', id: 'nobody' }, { platform: 'slack', id: 'U0ANA' }]);
      expect(outcome.added).to.deep.equal([bo.id]);
      expect(outcome.skipped).to.deep.equal([ana.id]);
      expect(outcome.failed.map((f) => f.id)).to.deep.equal(['slack:U0ANA', 'nobody']);
      expect([...chat.members]).to.include(bo.id);
    });

    it('does not try to add members to a standard channel (the whole team sees it)', async () => {
      const outcome = await rig.gateway.inviteWithOutcome(channel, [ana, bo]);
      expect(outcome.added).to.deep.equal([]);
      expect(rig.graph!.calls('add channel member')).to.have.length(0);
    });

    it('sets a channel\'s description and a group chat\'s title; leaves a thread alone', async () => {
      await rig.gateway.setTopic(channel, 'INC-3 · SEV1 · <at>everyone</at> payments');
      expect(rig.tenant.channels.get(channel.conversationId)?.description).to.equal('INC-3 · SEV1 · <at>everyone</at> payments');
      const chat = rig.tenant.addChat('old', [ana.id, bo.id]);
      await rig.gateway.setTopic({ ...channel, conversationId: chat.id }, 'INC-4 · SEV2');
      expect(chat.topic).to.equal('INC-4 · SEV2');
      const before = rig.graph!.calls().length;
      await rig.gateway.setTopic({ ...channel, conversationId: `${channel.conversationId};messageid=123` }, 'x');
      expect(rig.graph!.calls().length).to.equal(before);
    });

    it('pins nothing (Teams has no bot pin API) and posts a bookmark once, refusing links that are not http(s)', async () => {
      const ref = await rig.gateway.post(channel, card('card'), { idempotencyKey: 'c' });
      const callsBefore = rig.connector.calls().length;
      await rig.gateway.pin(ref);
      expect(rig.connector.calls().length).to.equal(callsBefore);
      await rig.gateway.bookmark(channel, { title: 'Runbook', url: 'https://runbooks.example/checkout' });
      await rig.gateway.bookmark(channel, { title: 'Runbook', url: 'https://runbooks.example/checkout' });
      const bad = await failureOf(rig.gateway.bookmark(channel, { title: 'x', url: 'javascript:alert(1)' }));
      expect(bad.code).to.equal('invalid_argument');
      expect(rig.connector.messagesIn(channel.conversationId).map((m) => shownText(m.activity))).to.deep.equal(['card\nStatus: investigating', '🔖 Runbook']);
    });

    it('archives an incident channel through Graph and leaves threads as they are', async () => {
      await rig.gateway.archive(channel);
      expect(rig.tenant.channels.get(channel.conversationId)?.archived).to.equal(true);
      await rig.gateway.archive({ ...channel, conversationId: `${channel.conversationId};messageid=1` });
      expect(rig.graph!.calls('archive channel')).to.have.length(1);
    });
  });
});
