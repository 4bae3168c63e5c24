import { expect } from 'chai';
import { createServer, type Server } from 'node:http';
import { quietServer } from '../settle-server';
import { TeamsE2E } from './teams-harness';
import { ANA, APP_ID, APP_PASSWORD, message, TENANT } from './teams-payloads';

const UNAUTHORIZED = { error: 'unauthorized', message: 'Unauthorized.' };

/**
 * Who may speak for Teams. With MICROSOFT_APP_ID set, the real server (Agents SDK transport) accepts
 * only a Bot Framework JWT for its app id, signed by a key its authority publishes, in date, from an
 * accepted issuer, issued for the activity's serviceUrl; everything else is a bare 401 and core never
 * hears of it: no incident, no timeline entry, no post.
 */
describe('Teams e2e: authentication of /api/messages', function () {
  this.timeout(90_000);
  let e2e: TeamsE2E;

  before(async () => {
    e2e = await TeamsE2E.start();
  });
  after(() => e2e?.stop());

  const declare = (title: string) => message(e2e.serviceUrl, ANA, `declare ${title}`, { toBot: true });

  it('accepts a valid token: the command reaches core and the reply goes to the Bot Connector with the bot\'s own token', async () => {
    const answer = await e2e.send(declare('Checkout is failing'));
    expect(answer.status).to.equal(200);
    const incident = await e2e.incident(1);
    expect(incident?.title).to.equal('Checkout is failing');
    const replies = e2e.connector.posted();
    expect(JSON.stringify(replies.at(-1)?.body)).to.include('INC-1');
    // The reply carries a token Entra issued to the app for the Bot Connector, never the inbound one.
    const sent = replies.at(-1)!.authorization!.replace(/^Bearer /u, '');
    expect(JSON.parse(Buffer.from(sent.split('.')[1]!, 'base64url').toString())).to.include({ aud: 'https://api.botframework.com', appid: APP_ID });
    expect(e2e.entra.tokenRequests).to.be.greaterThan(0);
  });

  const forged: Record<string, () => string | null> = {
    'no Authorization header': () => null,
    'a Basic header': () => `Basic ${Buffer.from(`${APP_ID}:${APP_PASSWORD}`).toString('base64')}`,
    'a Bearer header without a token': () => 'Bearer',
    'a Bearer header with two tokens': () => `Bearer ${e2e.validToken()} ${e2e.validToken()}`,
    'a token that is not a JWT': () => 'Bearer not-a-jwt',
    'a token for another app (wrong audience)': () => `Bearer ${e2e.entra.sign({ audience: 'another-app-id', issuer: e2e.entra.issuer(TENANT), serviceUrl: e2e.serviceUrl })}`,
    'a token from an issuer Muster does not accept': () => `Bearer ${e2e.entra.sign({ audience: APP_ID, issuer: 'https://issuer.example.com/', serviceUrl: e2e.serviceUrl })}`,
    'a token from another tenant\'s issuer': () => `Bearer ${e2e.entra.sign({ audience: APP_ID, issuer: e2e.entra.issuer('11111111-2222-4333-8444-555555555555'), serviceUrl: e2e.serviceUrl })}`,
    'an expired token (well past the clock skew)': () => `Bearer ${e2e.entra.sign({ audience: APP_ID, issuer: e2e.entra.issuer(TENANT), serviceUrl: e2e.serviceUrl }, { expiresIn: -900, validIn: -4000 })}`,
    'a token not yet valid': () => `Bearer ${e2e.entra.sign({ audience: APP_ID, issuer: e2e.entra.issuer(TENANT), serviceUrl: e2e.serviceUrl }, { validIn: 900 })}`,
    'an unsigned token (alg: none)': () => `Bearer ${e2e.entra.unsigned({ audience: APP_ID, issuer: e2e.entra.issuer(TENANT), serviceUrl: e2e.serviceUrl })}`,
    'a token with its signature cut off': () => `Bearer ${e2e.validToken().split('.').slice(0, 2).join('.')}.`,
    'HS256 keyed with the public key (algorithm confusion)': () => `Bearer ${e2e.entra.hmacWithPublicKey({ audience: APP_ID, issuer: e2e.entra.issuer(TENANT), serviceUrl: e2e.serviceUrl })}`,
    'a token signed by a key the authority does not publish': () => `Bearer ${e2e.entra.sign({ audience: APP_ID, issuer: e2e.entra.issuer(TENANT), serviceUrl: e2e.serviceUrl }, { key: 'stranger' })}`,
    'a token signed by another key under the published key id': () => `Bearer ${e2e.entra.sign({ audience: APP_ID, issuer: e2e.entra.issuer(TENANT), serviceUrl: e2e.serviceUrl }, { key: 'stranger', kid: e2e.entra.publishedKid })}`,
    'a token issued for another serviceUrl': () => `Bearer ${e2e.entra.sign({ audience: APP_ID, issuer: e2e.entra.issuer(TENANT), serviceUrl: 'https://smba.trafficmanager.net/emea/' })}`,
    'a token without a serviceurl claim': () => `Bearer ${e2e.entra.sign({ audience: APP_ID, issuer: e2e.entra.issuer(TENANT) })}`,
  };

  for (const [what, header] of Object.entries(forged)) {
    it(`refuses ${what} with a bare 401, and core never hears of it`, async () => {
      // The valid declare's room set-up runs from the outbox after its answer: quiet before counting calls.
      await quietServer(e2e.server);
      const before = { incidents: await e2e.incidentCount(), timeline: (await e2e.timeline(1)).length, calls: e2e.connector.calls.length };
      const answer = await e2e.send(declare(`Forged ${what}`), { authorization: header() });
      expect(answer.status).to.equal(401);
      expect(answer.json).to.deep.equal(UNAUTHORIZED);
      expect(await e2e.incidentCount(), 'no incident').to.equal(before.incidents);
      expect((await e2e.timeline(1)).length, 'no timeline entry').to.equal(before.timeline);
      expect(e2e.connector.calls.length, 'nothing sent to the Bot Connector').to.equal(before.calls);
    });
  }

  it('refuses a capture with a bad token too: nothing reaches an incident room\'s timeline', async () => {
    await e2e.linkRoom(1, '19:room-auth@thread.tacv2');
    const said = message(e2e.serviceUrl, ANA, 'the database password is hunter2', { conversationId: '19:room-auth@thread.tacv2' });
    const before = (await e2e.timeline(1)).length;
    const answer = await e2e.send(said, { authorization: `Bearer ${e2e.entra.sign({ audience: APP_ID, issuer: e2e.entra.issuer(TENANT), serviceUrl: e2e.serviceUrl }, { key: 'stranger' })}` });
    expect(answer.status).to.equal(401);
    expect((await e2e.timeline(1)).length).to.equal(before);
    const accepted = await e2e.send(said);
    expect(accepted.status).to.equal(200);
    expect((await e2e.timeline(1)).length, 'the same message with a valid token is captured').to.equal(before + 1);
  });

  describe('a forged serviceUrl', () => {
    let evil: Server;
    let evilUrl: string;
    const evilCalls: string[] = [];
    before(async () => {
      evil = createServer((req, res) => { evilCalls.push(`${req.method} ${req.url} ${req.headers.authorization ?? ''}`); res.end('{}'); });
      await new Promise<void>((r) => evil.listen(0, '127.0.0.1', r));
      evilUrl = `http://127.0.0.1:${(evil.address() as { port: number }).port}/`;
    });
    after(() => new Promise<void>((r) => { evil.closeAllConnections(); evil.close(() => r()); }));

    it('never receives a post or the bot\'s token, even with a token whose claim names it', async () => {
      const before = await e2e.incidentCount();
      const activity = { ...declare('Harvest the token'), serviceUrl: evilUrl };
      const answer = await e2e.send(activity, { authorization: `Bearer ${e2e.validToken(evilUrl)}` });
      expect(answer.status).to.equal(400);
      expect(answer.json).to.include({ error: 'untrusted_service_url' });
      expect(evilCalls, 'nothing reached the forged host').to.deep.equal([]);
      expect(await e2e.incidentCount()).to.equal(before);
    });
  });

  it('keeps secrets and token details out of its answers and its log', async () => {
    const token = e2e.validToken();
    await e2e.send(declare('Logged'), { authorization: `Bearer ${token.slice(0, -4)}AAAA` });
    const log = e2e.log();
    expect(log).not.to.include(APP_PASSWORD);
    expect(log).not.to.include(token.split('.')[2]!);
    expect(log).to.include('Teams request refused: not authenticated');
  });
});

describe('Teams e2e: anonymous mode (TEAMS_ANONYMOUS, no app id)', function () {
  this.timeout(60_000);
  let e2e: TeamsE2E;

  before(async () => {
    e2e = await TeamsE2E.start({ anonymous: true });
  });
  after(() => e2e?.stop());

  it('hears requests without a token, as the Agents Playground sends them, and replies without one', async () => {
    const answer = await e2e.send(message(e2e.serviceUrl, ANA, 'declare Playground test', { toBot: true }), { authorization: null });
    expect(answer.status).to.equal(200);
    expect((await e2e.incident(1))?.title).to.equal('Playground test');
    expect(e2e.connector.posted().at(-1)?.authorization).to.equal(undefined);
  });

  it('still refuses a request that carries a token it cannot verify', async () => {
    const before = await e2e.incidentCount();
    const answer = await e2e.send(message(e2e.serviceUrl, ANA, 'declare With a token', { toBot: true }), { authorization: 'Bearer forged.token.here' });
    expect(answer.status).to.equal(401);
    expect(await e2e.incidentCount()).to.equal(before);
  });

  it('still replies only to trusted hosts', async () => {
    const answer = await e2e.send({ ...message('https://attacker.example.net/', ANA, 'help', { toBot: true }) }, { authorization: null });
    expect(answer.status).to.equal(400);
  });
});
