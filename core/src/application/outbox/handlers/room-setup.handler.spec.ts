import { expect } from 'chai';
import { MusterError } from '../../../errors';
import type { ConversationRef, MessageRef } from '../../../domain/person';
import { buildApp } from '../../container/app-harness.spec-helper';
import { CommandDispatcher } from '../../commands/command-dispatcher';
import type { CreateRoom, PostOptions } from '../../ports/chat-gateway.port';
import { defaultSettings } from '../../container/settings';
import type { View } from '../../views/view';
import { textOf } from '../../views/view';

const viewText = (view: View) => view.blocks.map((b) => ('text' in b && typeof b.text !== 'string' ? textOf(b.text) : 'text' in b ? String(b.text) : '')).join('\n');
/** What a platform call that did its work but whose answer was lost looks like. */
const lostAnswer = () => new MusterError('unavailable', 'The answer was lost on the way back; it will be retried.');

describe('room set-up (outbox handler) with the durable effect log', () => {
  function app() {
    const settings = defaultSettings();
    const announcements: ConversationRef = { platform: 'console', workspaceId: 'local', conversationId: 'announce', name: 'announce' };
    const built = buildApp({ ...settings, announcementChannels: [announcements] });
    /** Method → the next call to it does its work, then fails as if the answer never came. */
    const loseAnswerOf = new Set<string>();
    const gateway = built.gateway;
    const createRoom = gateway.createRoom.bind(gateway);
    const post = gateway.post.bind(gateway);
    const pin = gateway.pin.bind(gateway);
    const lose = <T>(method: string, result: T): T => { if (loseAnswerOf.delete(method)) throw lostAnswer(); return result; };
    gateway.createRoom = async (r: CreateRoom) => lose('createRoom', await createRoom(r));
    gateway.post = async (c: ConversationRef, v: View, o: PostOptions) => lose('post', await post(c, v, o));
    gateway.pin = async (m: MessageRef) => lose('pin', await pin(m));
    const declare = (text: string) => built.container.get(CommandDispatcher).handleText(built.ctx('alice'), text);
    /** Past every backoff, then drain. */
    const retry = async () => { built.clock.advance(10); await built.flush(); };
    return { ...built, loseAnswerOf, declare, retry };
  }
  const calls = (a: ReturnType<typeof app>, method: string) => a.gateway.calls.filter((c) => c.method === method);

  it('tells only the declarer, privately, that a private incident has its room; the channel it was typed in hears nothing', async () => {
    const a = app();
    await a.declare('/incident declare "Payroll leak" --sev SEV1 --private');
    await a.flush();
    const incident = (await a.store.repositories.incidents.findByNumber('default', 1))!;
    expect(incident.isPrivate).to.equal(true);
    const lobbyPosts = calls(a, 'post').filter((c) => (c.args[0] as ConversationRef).conversationId === 'lobby');
    expect(lobbyPosts.map((c) => viewText(c.args[1] as View)).join('\n')).to.not.match(/INC-1|payroll|inc-1/i);
    expect(a.gateway.postedTexts('announce'), 'private incidents are never announced').to.deep.equal([]);
    const told = calls(a, 'postEphemeral');
    expect(told).to.have.length(1);
    expect((told[0]!.args[0] as ConversationRef).conversationId).to.equal('lobby');
    expect(told[0]!.args[1]).to.deep.include({ id: 'alice' });
    expect(viewText(told[0]!.args[2] as View)).to.match(/INC-1 has its room: inc-1-payroll-leak/);
  });

  it('still tells the channel about a public incident, once', async () => {
    const a = app();
    await a.declare('/incident declare "Checkout errors"');
    await a.flush();
    expect(a.gateway.postedTexts('lobby').join()).to.match(/INC-1 has its room: inc-1-checkout-errors/);
    expect(calls(a, 'postEphemeral')).to.have.length(0);
  });

  it('passes on that a create whose answer was lost may have made the room, so the retry looks before creating', async () => {
    const a = app();
    a.loseAnswerOf.add('createRoom');
    await a.declare('/incident declare "Checkout errors"');
    await a.flush();
    await a.retry();
    const creates = calls(a, 'createRoom').map((c) => c.args[0] as CreateRoom);
    expect(creates).to.have.length(2);
    expect(creates[0]!.uncertainSince, 'the first attempt was certain').to.equal(undefined);
    expect(creates[1]!.uncertainSince).to.be.instanceOf(Date);
    expect(creates[1]!.idempotencyKey).to.equal(creates[0]!.idempotencyKey);
  });

  it('never redoes a step that completed: a failed pin retries the pin, not the room or the card', async () => {
    const a = app();
    a.loseAnswerOf.add('pin');
    await a.declare('/incident declare "Checkout errors"');
    await a.flush();
    await a.retry();
    expect(calls(a, 'createRoom')).to.have.length(1);
    const cardPosts = calls(a, 'post').filter((c) => (c.args[2] as PostOptions).idempotencyKey.startsWith('card:'));
    expect(cardPosts, 'one card post').to.have.length(1);
    expect(calls(a, 'pin')).to.have.length(2);
    const room = (await a.store.repositories.incidents.findByNumber('default', 1))!.roomOn('console')!;
    expect(room.cardMessageId).to.be.a('string');
    expect(a.gateway.postedTexts('lobby').filter((t) => /has its room/.test(t))).to.have.length(1);
  });

  it('retries only the post whose answer was lost as uncertain (look before posting), and posts each key once', async () => {
    const a = app();
    await a.declare('/incident declare "Checkout errors"');
    a.loseAnswerOf.add('post');
    await a.flush();
    await a.retry();
    const posts = calls(a, 'post').map((c) => c.args[2] as PostOptions);
    const retried = posts.filter((o) => o.uncertainSince !== undefined);
    expect(retried.length, 'exactly the interrupted post is retried as uncertain').to.equal(1);
    expect(new Set(posts.map((o) => o.idempotencyKey)).size).to.equal(a.gateway.posts.length);
  });

  describe('with a platform whose topic is a call of its own (Slack): the steps after the create run side by side', () => {
    /** The console harness's gateway, told to set topics apart and to hold the card's post until released. */
    function concurrentApp() {
      const a = app();
      Object.assign(a.gateway, { topicApart: true });
      let release!: () => void;
      const held = new Promise<void>((resolve) => { release = resolve; });
      const post = a.gateway.post.bind(a.gateway);
      a.gateway.post = async (c: ConversationRef, v: View, o: PostOptions) => {
        if (o.idempotencyKey.startsWith('card:')) await held;
        return post(c, v, o);
      };
      return { ...a, release };
    }
    const settle = async () => { for (let i = 0; i < 50; i++) await new Promise((resolve) => setImmediate(resolve)); };
    const methods = (a: ReturnType<typeof app>) => a.gateway.calls.map((c) => c.method);

    it('sets the topic, invites and tells the channel while the card is on its way, and pins only the posted card, each once', async () => {
      const a = concurrentApp();
      await a.declare('/incident declare "Checkout errors"');
      const flushing = a.flush();
      await settle();
      expect(calls(a, 'createRoom')[0]!.args[0]).to.deep.include({ topicLater: true });
      expect(methods(a), 'the card is held: nothing waits for it but the pin').to.include.members(['createRoom', 'setTopic', 'invite']);
      expect(a.gateway.postedTexts('lobby').join()).to.match(/INC-1 has its room/);
      expect(calls(a, 'pin'), 'no pin before the post exists').to.have.length(0);
      a.release();
      await flushing;
      await a.flush();
      for (const method of ['createRoom', 'setTopic', 'invite', 'pin']) expect(calls(a, method), method).to.have.length(1);
      const cardPosts = calls(a, 'post').filter((c) => (c.args[2] as PostOptions).idempotencyKey.startsWith('card:'));
      expect(cardPosts).to.have.length(1);
      const cardAt = a.gateway.calls.findIndex((c) => c.method === 'post' && (c.args[2] as PostOptions).idempotencyKey.startsWith('card:'));
      expect(methods(a).indexOf('pin')).to.be.greaterThan(cardAt);
      const recorded = (await a.store.repositories.incidents.findByNumber('default', 1))!.roomOn('console')!.cardMessageId;
      expect(calls(a, 'pin')[0]!.args[0]).to.deep.include({ messageId: recorded });
    });

    it('retries only the step that failed (the topic): the room, the card, the pin and the notice are not asked for again', async () => {
      const a = concurrentApp();
      a.release();
      const setTopic = a.gateway.setTopic.bind(a.gateway);
      let failures = 1;
      a.gateway.setTopic = async (c: ConversationRef, t: string) => {
        if (failures-- > 0) { a.gateway.calls.push({ method: 'setTopic', args: [c, t] }); throw lostAnswer(); }
        return setTopic(c, t);
      };
      await a.declare('/incident declare "Checkout errors"');
      await a.flush();
      await a.retry();
      expect(calls(a, 'setTopic')).to.have.length(2);
      expect(calls(a, 'createRoom')).to.have.length(1);
      expect(calls(a, 'post').filter((c) => (c.args[2] as PostOptions).idempotencyKey.startsWith('card:'))).to.have.length(1);
      expect(calls(a, 'pin')).to.have.length(1);
      expect(a.gateway.postedTexts('lobby').filter((t) => /has its room/.test(t))).to.have.length(1);
    });

    it('lets the other steps finish before the failure is thrown: a pin still in flight when the topic fails is completed, not redone', async () => {
      const a = concurrentApp();
      const setTopic = a.gateway.setTopic.bind(a.gateway);
      let failures = 1;
      a.gateway.setTopic = async (c: ConversationRef, t: string) => {
        if (failures-- > 0) throw lostAnswer();
        return setTopic(c, t);
      };
      await a.declare('/incident declare "Checkout errors"');
      const flushing = a.flush();
      await settle();
      a.release();
      await flushing;
      await a.retry();
      expect(calls(a, 'pin')).to.have.length(1);
      expect(calls(a, 'setTopic')).to.have.length(1);
      expect((await a.store.repositories.incidents.findByNumber('default', 1))!.roomOn('console')!.cardMessageId).to.be.a('string');
    });
  });
});
