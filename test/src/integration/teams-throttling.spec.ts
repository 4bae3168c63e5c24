import { type ConversationRef, RateLimitedError, type View } from '@muster/core';
import { ConversationPacer, type PacerClock } from '@muster/teams';
import { expect } from 'chai';
import { FakeBotConnector } from '../fakes/teams/fake-bot-connector';
import { startTeamsRig, type TeamsRig } from '../kits/teams-outbound-kit';
import { until } from '../kits/wait';
import { failureOf } from '../kits/failures';

const card = (title: string): View => ({ fallback: title, blocks: [{ type: 'header', text: title }] });

/** Virtual time for the pacer: sleepers wake only when the test moves the clock. */
class ManualClock implements PacerClock {
  private time = 1_700_000_000_000;
  private sleepers: { at: number; wake: () => void }[] = [];
  now(): number { return this.time; }
  sleep(ms: number): Promise<void> { return new Promise((wake) => this.sleepers.push({ at: this.time + ms, wake })); }
  advance(ms: number): void {
    this.time += ms;
    const due = this.sleepers.filter((s) => s.at <= this.time);
    this.sleepers = this.sleepers.filter((s) => s.at > this.time);
    due.forEach((s) => s.wake());
  }
}

describe('Teams throttling and trusted service hosts', () => {
  let rig: TeamsRig;
  let clock: ManualClock;
  let pacer: ConversationPacer;
  let room: ConversationRef;

  beforeEach(async () => {
    clock = new ManualClock();
    pacer = new ConversationPacer({ clock, maxWaitMs: 10_000 });
    rig = await startTeamsRig({ pacer });
    room = { platform: 'teams', workspaceId: rig.tenant.tenantId, conversationId: rig.incidentsChannelId };
  });

  afterEach(() => rig.close());

  it('paces a burst to one conversation: 7 go at once, the 8th waits out the 1-second window, a 9th the 2-second one', async () => {
    const sent = () => rig.connector.calls('send message').filter((c) => c.path.includes(encodeURIComponent(room.conversationId))).length;
    const burst = Array.from({ length: 9 }, (_, i) => rig.gateway.post(room, card(`update ${i}`), { idempotencyKey: `burst-${i}` }));
    await until(() => sent() === 7 && pacer.waiting === 2, 'seven sent and two waiting');
    clock.advance(1000);
    expect(pacer.waiting, 'Teams allows 7 in any second').to.equal(2);

    const other = { ...room, conversationId: rig.tenant.addChannel('Other').id };
    await rig.gateway.post(other, card('elsewhere'), { idempotencyKey: 'other' });
    expect(rig.connector.messagesIn(other.conversationId), 'another conversation is not held up').to.have.length(1);

    clock.advance(100);
    await until(() => sent() === 8 && pacer.waiting === 1, 'the eighth sent');
    clock.advance(900);
    expect(pacer.waiting, 'and 8 in any 2 seconds').to.equal(1);
    expect(sent()).to.equal(8);
    clock.advance(100);
    await Promise.all(burst);
    expect(rig.connector.messagesIn(room.conversationId)).to.have.length(9);
    expect(sent(), 'each posted once').to.equal(9);
  });

  it('gives a post that would wait too long back to the outbox as a rate limit, sending nothing for it', async () => {
    const impatient = new ConversationPacer({ clock, maxWaitMs: 1000 });
    const strict = await startTeamsRig({ pacer: impatient, tenant: rig.tenant });
    try {
      const firstSeven = Array.from({ length: 7 }, (_, i) => strict.gateway.post(room, card(`u${i}`), { idempotencyKey: `u${i}` }));
      await Promise.all(firstSeven);
      const error = await failureOf(strict.gateway.post(room, card('u7'), { idempotencyKey: 'u7' }));
      expect(error).to.be.instanceOf(RateLimitedError);
      expect((error as RateLimitedError).retryAfterMs).to.be.greaterThan(1000).and.at.most(2100);
      expect(strict.connector.calls('send message')).to.have.length(7);
    } finally {
      await strict.close();
    }
  });

  it('turns a 429 into a rate limit carrying Retry-After, posts nothing, and posts exactly once on the retry', async () => {
    rig.connector.failNext('send message', { status: 429, retryAfter: '7' });
    const error = await failureOf(rig.gateway.post(room, card('update'), { idempotencyKey: 'update-1' }));
    expect(error).to.be.instanceOf(RateLimitedError);
    expect((error as RateLimitedError).retryAfterMs).to.equal(7000);
    expect(rig.connector.messagesIn(room.conversationId)).to.have.length(0);
    expect(rig.connector.calls('send message'), 'no retry in-process').to.have.length(1);
    await rig.gateway.post(room, card('update'), { idempotencyKey: 'update-1' });
    await rig.gateway.post(room, card('update'), { idempotencyKey: 'update-1' });
    expect(rig.connector.messagesIn(room.conversationId)).to.have.length(1);
  });

  it('reads Retry-After as an HTTP date too, and backs off on 412 and 504 without one', async () => {
    rig.connector.failNext('send message', { status: 429, retryAfter: new Date(Date.now() + 30_000).toUTCString() });
    const dated = (await failureOf(rig.gateway.post(room, card('a'), { idempotencyKey: 'a' }))) as RateLimitedError;
    expect(dated.retryAfterMs).to.be.within(28_000, 30_000);
    rig.connector.failNext('send message', { status: 412 });
    expect(await failureOf(rig.gateway.post(room, card('b'), { idempotencyKey: 'b' }))).to.be.instanceOf(RateLimitedError);
    rig.connector.failNext('update message', { status: 504 });
    const posted = await rig.gateway.post(room, card('c'), { idempotencyKey: 'c' });
    expect(await failureOf(rig.gateway.update(posted, card('c2')))).to.be.instanceOf(RateLimitedError);
    expect(rig.connector.messagesIn(room.conversationId)).to.have.length(1);
  });

  describe('a conversation whose serviceUrl is not a trusted Bot Connector host', () => {
    let elsewhere: FakeBotConnector;

    beforeEach(async () => {
      elsewhere = await FakeBotConnector.start(rig.tenant);
    });

    afterEach(() => elsewhere.close());

    for (const [label, serviceUrl] of [
      ['another port on 127.0.0.1', () => elsewhere.serviceUrl],
      ['a lookalike of the Microsoft host', () => 'https://smba.trafficmanager.net.evil.example/amer/'],
      ['userinfo pretending to be Microsoft', () => `http://smba.trafficmanager.net@${elsewhere.host}/`],
      ['plain http to the Microsoft host', () => 'http://smba.trafficmanager.net/amer/'],
    ] as const) {
      it(`gets nothing and no token: ${label}`, async () => {
        const stored = { platform: 'teams' as const, workspaceId: room.workspaceId, conversationId: '19:forged@thread.tacv2', serviceUrl: serviceUrl(), kind: 'channel' as const, lastSeenAt: new Date() };
        await rig.conversations.save(stored);
        const error = await failureOf(rig.gateway.post({ ...room, conversationId: stored.conversationId }, card('x'), { idempotencyKey: 'forged' }));
        expect(error.code).to.equal('not_permitted');
        expect(error.message).not.to.include(rig.connector.botToken);
        await failureOf(rig.gateway.postEphemeral({ ...room, conversationId: stored.conversationId }, { platform: 'teams', id: 'someone' }, card('x')));
        expect(elsewhere.calls(), 'the other server received no request').to.have.length(0);
        expect(rig.tokenRequests, 'no token was even minted for it').to.deep.equal([]);
      });
    }
  });
});
