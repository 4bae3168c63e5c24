import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { MusterError } from '@muster/core';
import { ApiTokenRecord } from '../records/api-token.record';
import type { StoreExecutor } from '../unit-of-work/store-executor';
import { Db } from '../sql/db';

/** What the server may know about a token: never the token itself, nor its hash. */
export interface ApiToken {
  readonly id: string;
  readonly name: string;
  readonly createdAt: Date;
  readonly lastUsedAt?: Date;
  readonly revokedAt?: Date;
}

export const API_TOKEN_PREFIX = 'mst_';

/** `last_used_at` is refreshed at most this often, so authenticating a busy client is not a write per request. */
const LAST_USED_GRANULARITY_MS = 60_000;

/**
 * REST API tokens. The plain token (`mst_` + 32 random bytes, base64url) is returned once by `create`;
 * only its SHA-256 is stored, so a database leak does not leak usable tokens. A high-entropy random
 * token needs no slow hash or salt: nobody can brute-force 256 bits.
 */
export class ApiTokenRepository {
  constructor(private readonly executor: StoreExecutor, private readonly clock: () => Date = () => new Date()) {}

  async create(name: string): Promise<{ token: string; record: ApiToken }> {
    const label = name.trim();
    if (!label) throw new MusterError('missing_argument', 'Give the token a name that says who or what uses it.');
    const token = `${API_TOKEN_PREFIX}${randomBytes(32).toString('base64url')}`;
    const record = Object.assign(new ApiTokenRecord(), {
      id: randomUUID(), name: label.slice(0, 191), tokenHash: hashToken(token), createdAt: this.clock(), lastUsedAt: null, revokedAt: null,
    });
    await this.executor.write((tx) => new Db(tx).insert(ApiTokenRecord, [record]));
    return { token, record: toApiToken(record) };
  }

  /** The token's record when `plain` is a live token; undefined for unknown, malformed or revoked ones. */
  async verify(plain: string): Promise<ApiToken | undefined> {
    if (!plain.startsWith(API_TOKEN_PREFIX)) return undefined;
    const tokenHash = hashToken(plain);
    const record = await this.executor.read((tx) => new Db(tx).selectOne(ApiTokenRecord, 'token_hash = ? AND revoked_at IS NULL', [tokenHash]));
    if (!record) return undefined;
    const now = this.clock();
    if (!record.lastUsedAt || now.getTime() - record.lastUsedAt.getTime() >= LAST_USED_GRANULARITY_MS) {
      await this.executor.write((tx) => new Db(tx).update(ApiTokenRecord, { lastUsedAt: now }, 'id = ?', [record.id]));
      record.lastUsedAt = now;
    }
    return toApiToken(record);
  }

  async list(): Promise<ApiToken[]> {
    return (await this.executor.read((tx) => new Db(tx).select(ApiTokenRecord, '1 = 1', [], ' ORDER BY created_at ASC, id ASC'))).map(toApiToken);
  }

  /** Revoking twice is harmless; an unknown id is `not_found`. */
  async revoke(id: string): Promise<void> {
    await this.executor.write(async (tx) => {
      const db = new Db(tx);
      if ((await db.update(ApiTokenRecord, { revokedAt: this.clock() }, 'id = ? AND revoked_at IS NULL', [id])) > 0) return;
      if (!(await db.exists(ApiTokenRecord, 'id = ?', [id]))) throw new MusterError('not_found', `There is no API token ${id}; list the tokens to see their ids.`);
    });
  }
}

const hashToken = (plain: string): string => createHash('sha256').update(plain, 'utf8').digest('hex');

function toApiToken(record: ApiTokenRecord): ApiToken {
  return {
    id: record.id, name: record.name, createdAt: record.createdAt,
    ...(record.lastUsedAt && { lastUsedAt: record.lastUsedAt }),
    ...(record.revokedAt && { revokedAt: record.revokedAt }),
  };
}
