import { randomUUID } from 'node:crypto';
import type { ReplyDocument } from '@muster/core';
import type { TeamsFileOfferStore } from '../file-offer-store';

/** A document offered to one person through Teams' file-consent card, kept until they answer. */
export interface FileOffer {
  readonly id: string;
  /** The person's Bot Framework id (`from.id` of their answer) and, when Teams gave it, their AAD id. */
  readonly to: { readonly id: string; readonly aadObjectId?: string };
  readonly filename: string;
  readonly bytes: Buffer;
}

/** What the answer to an offer finds: the offer, one already answered, or nothing (expired, forged). */
export type OfferLookup =
  | { readonly kind: 'open'; readonly offer: FileOffer }
  | { readonly kind: 'answered'; readonly how: 'sending' | 'sent' | 'declined' }
  | { readonly kind: 'unknown' };

const DAY_MS = 24 * 60 * 60_000;
/** Longer than any upload takes (file-upload.ts gives up after 30 s): a claim older than this died with its process. */
const STALE_CLAIM_MS = 2 * 60_000;

/**
 * Documents offered and not yet answered, kept in the store (the server's `store.teamsFileOffers`), so
 * an accept reaching another instance, or arriving after a restart, still finds them; offers are
 * forgotten after a day. The store's claim lets exactly one accept upload; an answered offer keeps
 * its outcome (not its bytes) so a second accept is told it was sent, not served twice.
 */
export class FileOffers {
  constructor(private readonly store: TeamsFileOfferStore, private readonly now: () => Date = () => new Date(), private readonly ttlMs = DAY_MS) {}

  async offer(document: ReplyDocument, to: FileOffer['to']): Promise<FileOffer> {
    const offer: FileOffer = { id: randomUUID(), to, filename: document.filename, bytes: Buffer.from(document.markdown, 'utf8') };
    const createdAt = this.now();
    await this.store.deleteCreatedBefore(new Date(createdAt.getTime() - this.ttlMs));
    await this.store.create({ id: offer.id, userId: to.id, ...(to.aadObjectId ? { aadObjectId: to.aadObjectId } : {}), filename: offer.filename, content: document.markdown, createdAt });
    return offer;
  }

  async lookup(id: string): Promise<OfferLookup> {
    const row = await this.store.find(id);
    if (!row || this.now().getTime() - row.createdAt.getTime() >= this.ttlMs) return { kind: 'unknown' };
    if (row.state !== 'open') return { kind: 'answered', how: row.state };
    const to = { id: row.userId, ...(row.aadObjectId ? { aadObjectId: row.aadObjectId } : {}) };
    return { kind: 'open', offer: { id: row.id, to, filename: row.filename, bytes: Buffer.from(row.content, 'utf8') } };
  }

  /** True when this caller may upload: no other accept, here or on another instance, is doing it. */
  claim(id: string): Promise<boolean> {
    const now = this.now();
    return this.store.claim(id, now, new Date(now.getTime() - STALE_CLAIM_MS));
  }

  /** The upload failed: the offer is open again (for a retried accept). */
  release(id: string): Promise<void> {
    return this.store.release(id);
  }

  /** The offer is done with: its bytes are dropped, the outcome kept for a redelivered answer. False if someone else closed it first. */
  close(id: string, how: 'sent' | 'declined'): Promise<boolean> {
    return this.store.finish(id, how);
  }
}
