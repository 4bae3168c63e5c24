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
});
