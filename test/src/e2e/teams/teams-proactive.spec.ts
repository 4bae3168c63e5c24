import { expect } from 'chai';
import { call } from '../../integration/server-support';
import { cardOf, shown } from './teams-cards';
import { TeamsE2E } from './teams-harness';
import { ANA, GENERAL, message } from './teams-payloads';

const hasButton = (actionId: string) => (m: { activity: Record<string, unknown> }) => JSON.stringify(cardOf(m) ?? {}).includes(`"actionId":"${actionId}"`);

/**
 * Muster posting to Teams on its own, from the outbox: after a restart (a new process that has heard
 * no activity reaches the room through the stored conversation reference), and through throttling
 * (a 429 with Retry-After is waited out, and the card still appears once).
 */
describe('Teams e2e: proactive posts from the outbox', function () {
  this.timeout(120_000);

  describe('after a restart', () => {
    let e2e: TeamsE2E;
    let room: string;
    let token: string;

    before(async () => {
      e2e = await TeamsE2E.start({ pump: true });
      await e2e.send(message(e2e.serviceUrl, ANA, 'declare SEV3 Search results stale', { toBot: true }));
      await e2e.settle();
      room = await e2e.roomOf(1);
      ({ token } = await e2e.store.apiTokens.create('restart-suite'));
      await e2e.restart();
    });
    after(() => e2e?.stop());

    const api = (path: string, method: string, json: unknown) =>
      call(`http://127.0.0.1:${e2e.server.port}/api/v1${path}`, { method, token, json, headers: { 'idempotency-key': `${method}-${path}` } });

    it('redraws the room\'s card after a REST change, through the service URL stored before the restart', async () => {
      const card = e2e.tenant.messagesIn(room).find(hasButton('incident.ack'))!;
      const cardPuts = () => e2e.botConnector.calls('update message').filter((c) => c.path.endsWith(`/activities/${card.id}`)).length;
      const before = cardPuts();
      const answer = await api('/incidents/INC-1/severity', 'PUT', { severity: 'SEV1' });
      expect(answer.status, answer.text).to.equal(200);
      await e2e.settle();
      expect(cardPuts(), 'the card was PUT by the new process').to.be.greaterThan(before);
      expect(shown(e2e.tenant.message(GENERAL, card.id))).to.include('SEV1 (Critical)');
    });

    it('posts in the room what a REST resolve sets off (the postmortem draft), with nothing heard from Teams since the restart', async () => {
      const answer = await api('/incidents/INC-1/transitions', 'POST', { action: 'resolve' });
      expect(answer.status, answer.text).to.equal(200);
      await e2e.settle();
      expect(e2e.tenant.messagesIn(room).filter((m) => shown(m).includes('The postmortem for **INC-1** is ready'))).to.have.length(1);
      expect(await e2e.store.repositories.outbox.deadLetters(10)).to.have.length(0);
    });
  });

  describe('throttled by Teams', () => {
    let e2e: TeamsE2E;
    before(async () => {
      e2e = await TeamsE2E.start({ pump: true });
    });
    after(() => e2e?.stop());

    it('waits out a 429 with Retry-After on the room\'s card and posts the card exactly once', async () => {
      // The declarer's answer is a reply; the room's root is a create conversation: the card is the first send.
      e2e.botConnector.failNext('send message', { status: 429, retryAfter: '1', code: 'TooManyRequests' });
      await e2e.send(message(e2e.serviceUrl, ANA, 'declare SEV2 Payments queue backlog', { toBot: true }));
      await e2e.settle();
      const room = await e2e.roomOf(1);
      const attempts = e2e.botConnector.calls('send message').filter((c) => decodeURIComponent(c.path).includes(`/conversations/${room}/`));
      expect(attempts, 'the refused post and its retry').to.have.length(2);
      expect(attempts[1]!.at - attempts[0]!.at, 'not retried before Teams said').to.be.at.least(1000);
      expect(e2e.tenant.messagesIn(room).filter(hasButton('incident.ack')), 'one card in the room').to.have.length(1);
      expect((await e2e.incident(1))!.snapshot().links.rooms[0]!.cardMessageId).to.be.a('string');
      expect(await e2e.store.repositories.outbox.deadLetters(10)).to.have.length(0);
    });
  });
});
