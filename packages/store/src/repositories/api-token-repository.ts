import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { MusterError } from '@muster/core';
import { ApiTokenRecord } from '../records/api-token.record';
import type { StoreExecutor } from '../unit-of-work/store-executor';
import { Db } from '../sql/db';
import { isDuplicateKey } from '../errors';

/** What the server may know about a token: never the token itself, nor its hash. */
export interface ApiToken {
  readonly id: string;
  readonly name: string;
  /** The organization the token acts for (default `default`). */
  readonly tenantId: string;
  readonly createdAt: Date;
  readonly lastUsedAt?: Date;
  readonly revokedAt?: Date;
  /** What the token may do; see {@link API_SCOPES}. */
  readonly scopes: readonly ApiScope[];
}

/**
 * `read`: GET anything of the tenant. `write`: declare and change incidents. `admin`: edit the tenant's
 * set-up (the service catalogue). Independent: a catalogue-editing token that should also read needs both.
 */
export const API_SCOPES = ['read', 'write', 'admin'] as const;
export type ApiScope = (typeof API_SCOPES)[number];
/** What a token is given when none are named, and what tokens made before scopes have. */
export const DEFAULT_API_SCOPES: readonly ApiScope[] = ['read', 'write'];

export const API_TOKEN_PREFIX = 'mst_';
/** The tenant of a token created without one, and of every token made before tenants (migration 1733000000002). */
export const DEFAULT_API_TENANT = 'default';
const MAX_NAME = 191;

/** `last_used_at` is refreshed at most this often, so authenticating a busy client is not a write per request. */
const LAST_USED_GRANULARITY_MS = 60_000;

/**
 * REST API tokens. The plain token (`mst_` + 32 random bytes, base64url) is returned once by `create`;
 * only its SHA-256 is stored, so a database leak does not leak usable tokens. A high-entropy random
 * token needs no slow hash or salt: nobody can brute-force 256 bits.
 */
export class ApiTokenRepository {
  constructor(private readonly executor: StoreExecutor, private readonly clock: () => Date = () => new Date()) {}

  /** A new token named `name` (unique within its tenant: a second one is a `duplicate` naming the first). */
  async create(name: string, options: { tenantId?: string; scopes?: readonly ApiScope[] } = {}): Promise<{ token: string; record: ApiToken }> {
    const label = name.trim();
    if (!label) throw new MusterError('missing_argument', 'Give the token a name that says who or what uses it.');
    // The name is printed in `muster tokens list` and logs: control characters would be terminal escapes there.
    if (/[\u0000-\u001f\u007f-\u009f]/.test(label)) throw new MusterError('invalid_argument', 'A token name cannot contain control characters (newlines, escapes); use plain text.');
    if (label.length > MAX_NAME) throw new MusterError('invalid_argument', `A token name has at most ${MAX_NAME} characters; choose a shorter one.`);
    const tenantId = options.tenantId ?? DEFAULT_API_TENANT;
    const scopes = API_SCOPES.filter((s) => (options.scopes ?? DEFAULT_API_SCOPES).includes(s));
    const unknown = (options.scopes ?? []).filter((s) => !(API_SCOPES as readonly string[]).includes(s));
    if (unknown.length || scopes.length === 0) throw new MusterError('invalid_argument', `A token's scopes are one or more of ${API_SCOPES.join(', ')}.`);
    const token = `${API_TOKEN_PREFIX}${randomBytes(32).toString('base64url')}`;
    const record = Object.assign(new ApiTokenRecord(), {
      id: randomUUID(), tenantId, name: label, tokenHash: hashToken(token), createdAt: this.clock(), lastUsedAt: null, revokedAt: null, scopes: [...scopes],
    });
    try {
      await this.executor.write(async (tx) => {
        const db = new Db(tx);
        const existing = await db.selectOne(ApiTokenRecord, 'tenant_id = ? AND name = ?', [tenantId, label]);
        if (existing) throw nameTaken(existing);
        await db.insert(ApiTokenRecord, [record]);
      });
    } catch (error) {
      // Two creations racing past the check meet the unique index instead.
      if (!isDuplicateKey(error)) throw error;
      const existing = await this.findByName(label, tenantId);
      throw existing ? nameTaken(existing) : error;
    }
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

  /** Every token (of one tenant when given), oldest first. Never the token or its hash. */
  async list(filter: { tenantId?: string } = {}): Promise<ApiToken[]> {
    const [where, params] = filter.tenantId === undefined ? ['1 = 1', []] : ['tenant_id = ?', [filter.tenantId]];
    return (await this.executor.read((tx) => new Db(tx).select(ApiTokenRecord, where, params, ' ORDER BY created_at ASC, id ASC'))).map(toApiToken);
  }

  async find(id: string): Promise<ApiToken | undefined> {
    const record = await this.executor.read((tx) => new Db(tx).selectOne(ApiTokenRecord, 'id = ?', [id]));
    return record && toApiToken(record);
  }

  async findByName(name: string, tenantId: string = DEFAULT_API_TENANT): Promise<ApiToken | undefined> {
    const record = await this.executor.read((tx) => new Db(tx).selectOne(ApiTokenRecord, 'tenant_id = ? AND name = ?', [tenantId, name.trim()]));
    return record && toApiToken(record);
  }

  /**
   * Revokes at once: the next request with the token is refused. Revoking twice is harmless (the first
   * revocation time stays); an unknown id is `not_found`. Returns the token as it now is.
   */
  async revoke(id: string): Promise<ApiToken> {
    return this.executor.write(async (tx) => {
      const db = new Db(tx);
      await db.update(ApiTokenRecord, { revokedAt: this.clock() }, 'id = ? AND revoked_at IS NULL', [id]);
      const record = await db.selectOne(ApiTokenRecord, 'id = ?', [id]);
      if (!record) throw new MusterError('not_found', `There is no API token ${id}; list the tokens to see their ids.`);
      return toApiToken(record);
    });
  }
}

function nameTaken(existing: Pick<ApiTokenRecord, 'id' | 'name' | 'tenantId' | 'createdAt'> & { revokedAt?: Date | null }): MusterError {
  const state = existing.revokedAt ? `revoked ${existing.revokedAt.toISOString()}` : `created ${existing.createdAt.toISOString()}`;
  return new MusterError(
    'duplicate',
    `Tenant ${existing.tenantId} already has a token named "${existing.name}" (id ${existing.id}, ${state}); choose another name.`,
    { tokenId: existing.id },
  );
}

const hashToken = (plain: string): string => createHash('sha256').update(plain, 'utf8').digest('hex');

function toApiToken(record: ApiTokenRecord): ApiToken {
  return {
    id: record.id, name: record.name, tenantId: record.tenantId, createdAt: record.createdAt,
    scopes: record.scopes ? API_SCOPES.filter((s) => record.scopes!.includes(s)) : DEFAULT_API_SCOPES,
    ...(record.lastUsedAt && { lastUsedAt: record.lastUsedAt }),
    ...(record.revokedAt && { revokedAt: record.revokedAt }),
  };
}
