import { expect } from 'chai';
import type { Store } from '@muster/store';
import type { TeamsFileOfferStore } from '@muster/teams';
import { expectMusterError, minutesAfter, newId, T0 } from './fixtures';

/** The server hands `store.teamsFileOffers` to the Teams adapter: this line fails to compile if the shapes drift apart. */
export const asTeamsFileOfferStore = (store: Store): TeamsFileOfferStore => store.teamsFileOffers;

const MARKDOWN = '# Postmortem INC-1\n\nÜnïcode ✓ — `code` and <b>tags</b> kept as written\n';
const offer = (overrides: { id?: string; createdAt?: Date } = {}) => ({
  id: overrides.id ?? newId('o').slice(0, 40), userId: '29:ana-bf', aadObjectId: '0a0a0a0a-0000-4000-8000-00000000a0a0',
  filename: 'INC-1-postmortem.md', content: MARKDOWN, createdAt: overrides.createdAt ?? T0,
});

/** Documents offered on Teams with a file-consent card: kept until answered, uploaded by exactly one accept. */
export function teamsFileOfferCases(store: () => Store): void {
  describe('Teams file offers', () => {
    it('keeps the offered document exactly, open, until answered', async () => {
      const made = offer();
      await store().teamsFileOffers.create(made);
      expect(await store().teamsFileOffers.find(made.id)).to.deep.equal({ ...made, state: 'open' });
      expect(await store().teamsFileOffers.find(`${made.id}x`)).to.equal(undefined);
    });

    it('lets exactly one of several concurrent accepts claim the upload; a failed one releases it', async () => {
      const made = offer();
      await store().teamsFileOffers.create(made);
      const claims = await Promise.all([1, 2, 3].map(() => store().teamsFileOffers.claim(made.id, minutesAfter(T0, 1), T0)));
      expect(claims.filter(Boolean)).to.have.length(1);
      await store().teamsFileOffers.release(made.id);
      expect((await store().teamsFileOffers.find(made.id))!.state).to.equal('open');
      expect(await store().teamsFileOffers.claim(made.id, minutesAfter(T0, 2), T0)).to.equal(true);
    });

    it('lets a claim whose process died be taken again only once it is stale', async () => {
      const made = offer();
      await store().teamsFileOffers.create(made);
      expect(await store().teamsFileOffers.claim(made.id, minutesAfter(T0, 1), T0)).to.equal(true);
      expect(await store().teamsFileOffers.claim(made.id, minutesAfter(T0, 2), T0), 'still being sent').to.equal(false);
      expect(await store().teamsFileOffers.claim(made.id, minutesAfter(T0, 10), minutesAfter(T0, 5)), 'stale').to.equal(true);
    });

    it('drops the content once sent or declined, and refuses a second outcome', async () => {
      const sent = offer();
      const declined = offer();
      await store().teamsFileOffers.create(sent);
      await store().teamsFileOffers.create(declined);
      expect(await store().teamsFileOffers.finish(sent.id, 'sent'), 'not claimed yet').to.equal(false);
      await store().teamsFileOffers.claim(sent.id, T0, T0);
      expect(await store().teamsFileOffers.finish(sent.id, 'sent')).to.equal(true);
      expect(await store().teamsFileOffers.finish(declined.id, 'declined')).to.equal(true);
      expect(await store().teamsFileOffers.finish(declined.id, 'declined')).to.equal(false);
      expect(await store().teamsFileOffers.claim(declined.id, T0, minutesAfter(T0, 60)), 'a declined offer is never uploaded').to.equal(false);
      expect(await store().teamsFileOffers.find(sent.id)).to.deep.include({ state: 'sent', content: '' });
      expect(await store().teamsFileOffers.find(declined.id)).to.deep.include({ state: 'declined', content: '' });
    });

    it('forgets offers made before a cutoff, and refuses malformed ones', async () => {
      const old = offer({ createdAt: T0 });
      const recent = offer({ createdAt: minutesAfter(T0, 30) });
      await store().teamsFileOffers.create(old);
      await store().teamsFileOffers.create(recent);
      await store().teamsFileOffers.deleteCreatedBefore(minutesAfter(T0, 10));
      expect(await store().teamsFileOffers.find(old.id)).to.equal(undefined);
      expect(await store().teamsFileOffers.find(recent.id)).to.not.equal(undefined);
      await expectMusterError(store().teamsFileOffers.create({ ...offer(), id: '' }), 'invalid_argument');
      await expectMusterError(store().teamsFileOffers.create({ ...offer(), content: 'x'.repeat(5 * 1024 * 1024) }), 'invalid_argument');
    });
  });
}
