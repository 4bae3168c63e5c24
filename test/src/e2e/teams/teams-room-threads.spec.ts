import { expect } from 'chai';
import { TeamsE2E } from './teams-harness';
import { ANA, CLEO, GENERAL, message, newActivityId } from './teams-payloads';

/**
 * Commands and messages in reply threads, through the real server: a Teams channel reply arrives in
 * its own conversation (`<channel>;messageid=<root>`), which is inside the channel. A reply thread of
 * an incident's channel room is in the room; a room that is itself a thread does not make the rest of
 * its channel part of it.
 */
describe('Teams e2e: reply threads of incident rooms', function () {
  this.timeout(120_000);
  let e2e: TeamsE2E;
  const CHANNEL_ROOM = '19:inc-search@thread.tacv2';
  const PRIVATE_ROOM = '19:inc-payroll@thread.tacv2';
  const THREAD_ROOM = `${GENERAL};messageid=1700000000001`;
  const replyIn = (channel: string) => `${channel};messageid=${newActivityId()}`;
  const said = (conversationId: string) => JSON.stringify(e2e.connector.posted(conversationId).map((c) => c.body));
  /** Answers only the asker sees go to their 1:1 chat: the last thing Muster posted anywhere. */
  const lastAnswer = () => JSON.stringify(e2e.connector.posted().at(-1)?.body);

  before(async () => {
    e2e = await TeamsE2E.start();
    await e2e.send(message(e2e.serviceUrl, ANA, 'declare Search is slow', { toBot: true }));
    await e2e.linkRoom(1, CHANNEL_ROOM);
    await e2e.send(message(e2e.serviceUrl, ANA, 'declare Payroll files exposed --private', { toBot: true }));
    await e2e.linkRoom(2, PRIVATE_ROOM);
    await e2e.send(message(e2e.serviceUrl, ANA, 'declare Card declines', { toBot: true }));
    await e2e.linkRoom(3, THREAD_ROOM);
  });
  after(() => e2e?.stop());

  it('`@Muster resolve` in a reply thread of a channel room resolves that incident, answered in the thread', async () => {
    const thread = replyIn(CHANNEL_ROOM);
    const answer = await e2e.send(message(e2e.serviceUrl, ANA, 'resolve', { toBot: true, conversationId: thread }));
    expect(answer.status).to.equal(200);
    expect((await e2e.incident(1))!.status).to.equal('resolved');
    expect(said(thread)).to.include('INC-1 is now resolved');
  });

  it('the same command in a reply thread of another channel finds no incident and resolves nothing', async () => {
    await e2e.send(message(e2e.serviceUrl, ANA, 'reopen', { toBot: true, conversationId: replyIn(CHANNEL_ROOM) }));
    expect((await e2e.incident(1))!.status).to.equal('investigating');
    const elsewhere = replyIn('19:random@thread.tacv2');
    await e2e.send(message(e2e.serviceUrl, ANA, 'resolve', { toBot: true, conversationId: elsewhere }));
    expect((await e2e.incident(1))!.status, 'still open').to.equal('investigating');
    expect(lastAnswer()).to.match(/not an incident room/);
  });

  it('someone in a reply thread of a private incident\'s channel room is inside it', async () => {
    const thread = replyIn(PRIVATE_ROOM);
    await e2e.send(message(e2e.serviceUrl, CLEO, 'status', { toBot: true, conversationId: thread }));
    expect(lastAnswer(), 'the status card, not a refusal').to.include('Payroll files exposed');
    await e2e.send(message(e2e.serviceUrl, CLEO, 'note rotated the share links', { toBot: true, conversationId: thread }));
    expect(lastAnswer()).to.match(/Noted on INC-2/);
    await e2e.send(message(e2e.serviceUrl, CLEO, 'logs show two downloads', { conversationId: thread }));
    expect((await e2e.timeline(2)).map((t) => t.text)).to.include.members(['logs show two downloads', 'rotated the share links']);
  });

  it('a thread room does not make its channel a room: elsewhere in the channel nothing is found, said or stored', async () => {
    const before = (await e2e.timeline(3)).length;
    const topLevelId = newActivityId();
    const topLevel = `${GENERAL};messageid=${topLevelId}`;
    const otherThread = replyIn(GENERAL);
    for (const where of [topLevel, otherThread]) {
      await e2e.send(message(e2e.serviceUrl, CLEO, 'status', { toBot: true, conversationId: where, ...(where === topLevel ? { id: topLevelId } : {}) }));
      expect(lastAnswer(), where).to.match(/not an incident room/).and.not.include('Card declines');
    }
    await e2e.send(message(e2e.serviceUrl, CLEO, 'is checkout down for anyone?', { conversationId: otherThread }));
    for (const where of [GENERAL, topLevel, otherThread]) expect(said(where), `nothing about INC-3 in ${where}`).not.to.include('Card declines');
    expect((await e2e.timeline(3)).length, 'nothing captured from the rest of the channel').to.equal(before);
    await e2e.send(message(e2e.serviceUrl, CLEO, 'status', { toBot: true, conversationId: THREAD_ROOM }));
    expect(lastAnswer()).to.include('Card declines');
  });
});
