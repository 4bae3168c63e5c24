/**
 * Where the Teams adapter keeps documents offered with file-consent cards until the person answers
 * (transport/file-offers.ts). The server hands in the store's repository (`store.teamsFileOffers`),
 * which has this shape, so an accept that reaches another instance or comes after a restart still
 * finds the document; adapters never import the store. `MemoryFileOfferStore` is the stand-in.
 */
export type TeamsFileOfferState = 'open' | 'sending' | 'sent' | 'declined';

export interface TeamsFileOfferRow {
  readonly id: string;
  /** The person offered it: their Bot Framework id, and their AAD id when Teams gave one. */
  readonly userId: string;
  readonly aadObjectId?: string;
  readonly filename: string;
  /** The document (UTF-8 text); empty once answered. */
  readonly content: string;
  readonly state: TeamsFileOfferState;
  readonly createdAt: Date;
}

export interface TeamsFileOfferStore {
  create(offer: Omit<TeamsFileOfferRow, 'state'>): Promise<void>;
  find(id: string): Promise<TeamsFileOfferRow | undefined>;
  /**
   * `open` → `sending` for one caller only: true when this caller may upload. A `sending` offer claimed
   * before `staleBefore` can be claimed again (its upload died with its process).
   */
  claim(id: string, at: Date, staleBefore: Date): Promise<boolean>;
  /** `sending` → `open`: the upload failed, a later accept may try again. */
  release(id: string): Promise<void>;
  /** `sending` → `sent`, or `open` → `declined`; the content is dropped. False when it was not in that state. */
  finish(id: string, state: 'sent' | 'declined'): Promise<boolean>;
  /** Removes offers made before `cutoff`, answered or not. */
  deleteCreatedBefore(cutoff: Date): Promise<void>;
}

/** The offers in this process's memory, bounded (the oldest are dropped first): for tests and single-process use. */
export class MemoryFileOfferStore implements TeamsFileOfferStore {
  private readonly rows = new Map<string, TeamsFileOfferRow & { claimedAt?: Date }>();

  constructor(private readonly capacity = 1_000) {}

  async create(offer: Omit<TeamsFileOfferRow, 'state'>): Promise<void> {
    this.rows.set(offer.id, { ...offer, state: 'open' });
    for (const id of this.rows.keys()) {
      if (this.rows.size <= this.capacity) break;
      this.rows.delete(id);
    }
  }

  async find(id: string): Promise<TeamsFileOfferRow | undefined> {
    return this.rows.get(id);
  }

  async claim(id: string, at: Date, staleBefore: Date): Promise<boolean> {
    const row = this.rows.get(id);
    if (!row || !(row.state === 'open' || (row.state === 'sending' && row.claimedAt! < staleBefore))) return false;
    this.rows.set(id, { ...row, state: 'sending', claimedAt: at });
    return true;
  }

  async release(id: string): Promise<void> {
    const row = this.rows.get(id);
    if (row?.state === 'sending') this.rows.set(id, { ...row, state: 'open' });
  }

  async finish(id: string, state: 'sent' | 'declined'): Promise<boolean> {
    const row = this.rows.get(id);
    if (!row || row.state !== (state === 'sent' ? 'sending' : 'open')) return false;
    this.rows.set(id, { ...row, state, content: '' });
    return true;
  }

  async deleteCreatedBefore(cutoff: Date): Promise<void> {
    for (const [id, row] of this.rows) if (row.createdAt < cutoff) this.rows.delete(id);
  }
}
