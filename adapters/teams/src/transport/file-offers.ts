import { randomUUID } from 'node:crypto';
import { BoundedCache, type ReplyDocument } from '@muster/core';

/** A document offered to one person through Teams' file-consent card, kept until they answer. */
export interface FileOffer {
  readonly id: string;
  /** The person's Bot Framework id (`from.id` of their answer) and, when Teams gave it, their AAD id. */
  readonly to: { readonly id: string; readonly aadObjectId?: string };
  readonly filename: string;
  readonly bytes: Buffer;
}

/** What the answer to an offer finds: the offer, one already answered, or nothing (expired, forged, another process's). */
export type OfferLookup =
  | { readonly kind: 'open'; readonly offer: FileOffer }
  | { readonly kind: 'answered'; readonly how: Outcome }
  | { readonly kind: 'unknown' };

type Outcome = 'sending' | 'sent' | 'declined';

const DAY_MS = 24 * 60 * 60_000;

/**
 * Documents offered and not yet answered, in this process's memory: bounded (the oldest offers are
 * forgotten first) and forgotten after a day. A consent answered by another instance or after a
 * restart finds nothing, and the person is told to ask again. An answered offer is remembered
 * (without its bytes) so a second accept is told it was sent, not uploaded twice.
 */
export class FileOffers {
  private readonly open: BoundedCache<string, FileOffer>;
  private readonly answered: BoundedCache<string, Outcome>;

  constructor(maxOffers = 200, ttlMs = DAY_MS, now: () => number = Date.now) {
    this.open = new BoundedCache(maxOffers, ttlMs, now);
    this.answered = new BoundedCache(10_000, ttlMs, now);
  }

  offer(document: ReplyDocument, to: FileOffer['to']): FileOffer {
    const offer: FileOffer = { id: randomUUID(), to, filename: document.filename, bytes: Buffer.from(document.markdown, 'utf8') };
    this.open.set(offer.id, offer);
    return offer;
  }

  lookup(id: string): OfferLookup {
    const offer = this.open.get(id);
    if (offer) return { kind: 'open', offer };
    const how = this.answered.get(id);
    return how ? { kind: 'answered', how } : { kind: 'unknown' };
  }

  /** An upload begins: a second accept meanwhile is told the file is on its way, not uploaded again. */
  claim(id: string): void {
    this.open.delete(id);
    this.answered.set(id, 'sending');
  }

  /** The upload failed: the offer is open again (for a redelivered accept). */
  release(offer: FileOffer): void {
    this.answered.delete(offer.id);
    this.open.set(offer.id, offer);
  }

  /** The offer could not even be shown. */
  forget(id: string): void {
    this.open.delete(id);
  }

  /** The offer is done with: its bytes are dropped, the outcome kept for a redelivered answer. */
  close(id: string, how: Exclude<Outcome, 'sending'>): void {
    this.open.delete(id);
    this.answered.set(id, how);
  }
}
