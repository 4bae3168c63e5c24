import { createHash } from 'node:crypto';
import { expect } from 'chai';
import { createStore, SIGN_IN_LINK_TTL_MS, WEB_SESSION_TTL_MS, type Store, type WebIdentity } from '@muster/store';
import { countIfMariaDb } from './mariadb';
import { mariaDbTarget, sqliteTarget } from './sql-targets';

const ANA: WebIdentity = { person: { platform: 'slack', id: 'U0ANA', name: 'Ana <script>alert(1)</script> Lima 🚒' }, workspaceId: 'T0ACME', tenantId: 'acme' };
const BO: WebIdentity = { person: { platform: 'teams', id: '00000000-0000-0000-0000-0000000000b0' }, workspaceId: 'tid-acme', tenantId: 'acme' };
const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

/**
 * WebSessionRepository on each SQL database, on MariaDB with two stores over one database as two server
 * instances have: one-time links under a race, expiry, sign-out seen by every instance.
 */
for (const target of [sqliteTarget, mariaDbTarget]) {
  describe(`WebSessionRepository on ${target.label}${target.isMariaDb ? ' (two instances over one database)' : ''}`, function () {
    this.timeout(60_000);
    let one: Store;
    let two: Store;
    let cleanup: () => Promise<void>;

    before(async () => {
      const fresh = await target.fresh();
      cleanup = fresh.cleanup;
      one = await createStore(fresh.url);
      // SQLite is one instance by design (several need MySQL/MariaDB): there the "other instance" is the
      // same store, and the race is between requests of one process.
      two = target.isMariaDb ? await createStore(fresh.url, { migrate: false }) : one;
    });
    after(async () => {
      if (two !== one) await two?.close();
      await one?.close();
      await cleanup?.();
    });
    afterEach(() => countIfMariaDb(target.isMariaDb));

    it('shows a link once, keeps only its hash, and redeems it once for its identity', async () => {
      const before = Date.now();
      const { token, expiresAt } = await one.webSessions.createSignInLink(ANA);
      expect(token).to.match(/^[A-Za-z0-9_-]{43}$/);
      expect(expiresAt.getTime()).to.be.within(before + SIGN_IN_LINK_TTL_MS, Date.now() + SIGN_IN_LINK_TTL_MS);
      const rows = JSON.stringify(await one.dataSource.query('SELECT * FROM web_sign_in_links'));
      expect(rows).to.contain(sha256(token)).and.to.not.contain(token);
      expect(await two.webSessions.redeemSignInLink(token)).to.deep.equal(ANA);
      expect(await one.webSessions.redeemSignInLink(token)).to.equal(undefined);
      expect(await two.webSessions.redeemSignInLink(token)).to.equal(undefined);
    });

    it('lets exactly one of many concurrent redeems win, across instances', async () => {
      const { token } = await one.webSessions.createSignInLink(BO);
      const results = await Promise.all(Array.from({ length: 10 }, (_, i) => (i % 2 ? one : two).webSessions.redeemSignInLink(token)));
      const winners = results.filter((r) => r !== undefined);
      expect(winners).to.deep.equal([BO]);
    });

    it('refuses an expired link, and unknown, malformed or hostile tokens', async () => {
      const { token } = await one.webSessions.createSignInLink(ANA, -1000);
      expect(await one.webSessions.redeemSignInLink(token)).to.equal(undefined);
      for (const bad of ['', 'short', `${token.slice(0, -1)}${token.endsWith('A') ? 'B' : 'A'}`, "' OR 1=1 --", '<script>', 'x'.repeat(5000)]) {
        expect(await one.webSessions.redeemSignInLink(bad), bad.slice(0, 20)).to.equal(undefined);
      }
    });

    it('keeps a session for 12 hours, as its identity and sign-in method, by the hash of its cookie', async () => {
      const { token, session } = await one.webSessions.createSession(ANA, 'slack');
      expect(session.expiresAt.getTime() - session.createdAt.getTime()).to.equal(WEB_SESSION_TTL_MS);
      const found = await two.webSessions.findSession(token);
      expect(found).to.deep.include({ ...ANA, id: session.id, method: 'slack' });
      expect(found!.expiresAt.getTime()).to.equal(session.expiresAt.getTime());
      const rows = JSON.stringify(await one.dataSource.query('SELECT * FROM web_sessions'));
      expect(rows).to.contain(sha256(token)).and.to.not.contain(token);
    });

    it('finds no expired session, and none for unknown or malformed cookies', async () => {
      const { token } = await one.webSessions.createSession(ANA, 'link', -1000);
      expect(await one.webSessions.findSession(token)).to.equal(undefined);
      for (const bad of ['', 'nope', "' OR 1=1 --", 'x'.repeat(5000)]) expect(await two.webSessions.findSession(bad)).to.equal(undefined);
    });

    it('signs a session out for every instance at once; twice is harmless; the person\'s other sessions stay', async () => {
      const laptop = await one.webSessions.createSession(BO, 'entra');
      const phone = await one.webSessions.createSession(BO, 'entra');
      await two.webSessions.revokeSession(laptop.session.id);
      await one.webSessions.revokeSession(laptop.session.id);
      expect(await one.webSessions.findSession(laptop.token)).to.equal(undefined);
      expect(await two.webSessions.findSession(laptop.token)).to.equal(undefined);
      expect(await two.webSessions.findSession(phone.token)).to.deep.include({ id: phone.session.id });
    });
  });
}
