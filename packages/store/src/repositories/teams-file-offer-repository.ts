import { MusterError } from '@muster/core';
import { TeamsFileOfferRecord } from '../records/teams-file-offer.record';
import { Db } from '../sql/db';
import type { StoreExecutor } from '../unit-of-work/store-executor';

export type TeamsFileOfferState = 'open' | 'sending' | 'sent' | 'declined';

/** A document offered on Teams with a file-consent card (the Teams adapter's TeamsFileOfferStore shape). */
export interface TeamsFileOffer {
  readonly id: string;
  readonly userId: string;
  readonly aadObjectId?: string;
  readonly filename: string;
  readonly content: string;
  readonly state: TeamsFileOfferState;
  readonly createdAt: Date;
}

/** Far above a postmortem; the column is mediumtext on MySQL (16 MB). */
const MAX_CONTENT = 4 * 1024 * 1024;

function offerOf(r: TeamsFileOfferRecord): TeamsFileOffer {
  return {
    id: r.id, userId: r.userId, ...(r.aadObjectId !== null ? { aadObjectId: r.aadObjectId } : {}), filename: r.filename,
    content: r.content, state: r.state as TeamsFileOfferState, createdAt: r.createdAt,
  };
}

/**
 * File offers (`store.teamsFileOffers`). State changes are single conditional UPDATEs, so of two
 * instances handling the same accept only one uploads.
 */
export class TeamsFileOfferRepository {
  constructor(private readonly executor: StoreExecutor) {}

  async create(offer: Omit<TeamsFileOffer, 'state'>): Promise<void> {
    if (!offer.id || offer.id.length > 64 || !offer.userId || offer.userId.length > 191 || (offer.aadObjectId?.length ?? 0) > 128) {
      throw new MusterError('invalid_argument', 'A file offer needs an id of 1-64 characters and a person of 1-191.');
    }
    if (Buffer.byteLength(offer.content, 'utf8') > MAX_CONTENT) throw new MusterError('invalid_argument', 'The document is too large to offer.');
    const record = Object.assign(new TeamsFileOfferRecord(), {
      id: offer.id, userId: offer.userId, aadObjectId: offer.aadObjectId ?? null, filename: offer.filename, content: offer.content,
      state: 'open', createdAt: offer.createdAt, claimedAt: null,
    });
    await this.executor.write((tx) => new Db(tx).insert(TeamsFileOfferRecord, [record]));
  }

  async find(id: string): Promise<TeamsFileOffer | undefined> {
    const record = await this.executor.read((tx) => new Db(tx).selectOne(TeamsFileOfferRecord, 'id = ?', [id]));
    return record ? offerOf(record) : undefined;
  }

  async claim(id: string, at: Date, staleBefore: Date): Promise<boolean> {
    const matched = await this.executor.write((tx) => {
      const db = new Db(tx);
      const stale = db.codec(TeamsFileOfferRecord).param('claimedAt', staleBefore);
      return db.update(TeamsFileOfferRecord, { state: 'sending', claimedAt: at }, "id = ? AND (state = 'open' OR (state = 'sending' AND claimed_at < ?))", [id, stale]);
    });
    return matched > 0;
  }

  async release(id: string): Promise<void> {
    await this.executor.write((tx) => new Db(tx).update(TeamsFileOfferRecord, { state: 'open', claimedAt: null }, "id = ? AND state = 'sending'", [id]));
  }

  async finish(id: string, state: 'sent' | 'declined'): Promise<boolean> {
    const from = state === 'sent' ? 'sending' : 'open';
    const matched = await this.executor.write((tx) => new Db(tx).update(TeamsFileOfferRecord, { state, content: '' }, 'id = ? AND state = ?', [id, from]));
    return matched > 0;
  }

  async deleteCreatedBefore(cutoff: Date): Promise<void> {
    await this.executor.write((tx) => {
      const db = new Db(tx);
      return db.run(`DELETE FROM ${db.codec(TeamsFileOfferRecord).table} WHERE created_at < ?`, [db.codec(TeamsFileOfferRecord).param('createdAt', cutoff)]);
    });
  }
}
