import { expect } from 'chai';
import { MemoryFileOfferStore } from '../file-offer-store';
import { FileOffers } from './file-offers';

const DOCUMENT = { filename: 'INC-1-postmortem.md', title: 'Postmortem INC-1', markdown: '# INC-1\n\n✓ done\n' };
const ANA = { id: '29:ana-bf', aadObjectId: '0a0a0a0a-0000-4000-8000-00000000a0a0' };

describe('FileOffers: documents offered on Teams until the person answers', () => {
  let clock: Date;
  let offers: FileOffers;
  beforeEach(() => {
    clock = new Date('2026-01-05T10:00:00Z');
    offers = new FileOffers(new MemoryFileOfferStore(), () => clock);
  });
  const later = (ms: number) => { clock = new Date(clock.getTime() + ms); };

  it('finds an open offer with the exact UTF-8 bytes and the person it was made to', async () => {
    const made = await offers.offer(DOCUMENT, ANA);
    const found = await offers.lookup(made.id);
    expect(found.kind).to.equal('open');
    if (found.kind !== 'open') return;
    expect(found.offer.bytes.equals(Buffer.from(DOCUMENT.markdown, 'utf8'))).to.equal(true);
    expect(found.offer.to).to.deep.equal(ANA);
  });

  it('forgets an offer after a day, and deletes old ones when the next is made', async () => {
    const made = await offers.offer(DOCUMENT, ANA);
    later(24 * 60 * 60_000);
    expect(await offers.lookup(made.id)).to.deep.equal({ kind: 'unknown' });
    later(1_000);
    await offers.offer(DOCUMENT, ANA);
    later(-2_000);
    expect(await offers.lookup(made.id), 'deleted, not only hidden').to.deep.equal({ kind: 'unknown' });
  });

  it('lets one claim upload; a claim older than two minutes is taken as dead', async () => {
    const made = await offers.offer(DOCUMENT, ANA);
    expect(await offers.claim(made.id)).to.equal(true);
    expect(await offers.claim(made.id)).to.equal(false);
    expect(await offers.lookup(made.id)).to.deep.equal({ kind: 'answered', how: 'sending' });
    later(2 * 60_000 + 1);
    expect(await offers.claim(made.id)).to.equal(true);
    expect(await offers.close(made.id, 'sent')).to.equal(true);
    expect(await offers.claim(made.id), 'a sent offer is never uploaded again').to.equal(false);
    expect(await offers.lookup(made.id)).to.deep.equal({ kind: 'answered', how: 'sent' });
  });
});
