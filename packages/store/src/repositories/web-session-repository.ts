import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { PersonRef } from '@muster/core';
import { WebSessionRecord, WebSignInLinkRecord } from '../records/web-session.record';
import type { StoreExecutor } from '../unit-of-work/store-executor';
import { Db } from '../sql/db';

/** Who a browser acts as: a chat identity in its workspace, and that workspace's tenant. */
export interface WebIdentity {
  readonly person: PersonRef;
  readonly workspaceId: string;
  readonly tenantId: string;
}

export type WebSignInMethod = 'link' | 'slack' | 'entra';

export interface WebSession extends WebIdentity {
  readonly id: string;
  readonly method: WebSignInMethod;
  readonly createdAt: Date;
  readonly expiresAt: Date;
}

/** A session lasts 12 hours: a shift, and short enough that a forgotten laptop is not signed in for long. */
export const WEB_SESSION_TTL_MS = 12 * 60 * 60_000;
/** A sign-in link is good for 15 minutes and one use. */
export const SIGN_IN_LINK_TTL_MS = 15 * 60_000;

/**
 * Browser sessions and one-time sign-in links. Both hand out 32 random bytes once and keep only their
 * SHA-256, like API tokens. A link is redeemed by one conditional UPDATE, so two browsers (or two
 * instances) racing for it cannot both win.
 */
export class WebSessionRepository {
  constructor(private readonly executor: StoreExecutor, private readonly clock: () => Date = () => new Date()) {}

  async createSignInLink(identity: WebIdentity, ttlMs = SIGN_IN_LINK_TTL_MS): Promise<{ token: string; expiresAt: Date }> {
    const token = randomBytes(32).toString('base64url');
    const now = this.clock();
    const expiresAt = new Date(now.getTime() + ttlMs);
    const record = Object.assign(new WebSignInLinkRecord(), {
      tokenHash: hash(token), tenantId: identity.tenantId, workspaceId: identity.workspaceId, person: personOf(identity.person),
      createdAt: now, expiresAt, usedAt: null,
    });
    await this.executor.write((tx) => new Db(tx).insert(WebSignInLinkRecord, [record]));
    return { token, expiresAt };
  }

  /** The link's identity, once: a used, expired or unknown link is undefined. */
  async redeemSignInLink(token: string): Promise<WebIdentity | undefined> {
    if (!/^[A-Za-z0-9_-]{20,100}$/.test(token)) return undefined;
    const tokenHash = hash(token);
    const now = this.clock();
    return this.executor.write(async (tx) => {
      const db = new Db(tx);
      const at = db.codec(WebSignInLinkRecord).param('expiresAt', now);
      const won = await db.update(WebSignInLinkRecord, { usedAt: now }, 'token_hash = ? AND used_at IS NULL AND expires_at > ?', [tokenHash, at]);
      if (won !== 1) return undefined;
      const record = await db.selectOne(WebSignInLinkRecord, 'token_hash = ?', [tokenHash]);
      return record && identityOf(record);
    });
  }

  async createSession(identity: WebIdentity, method: WebSignInMethod, ttlMs = WEB_SESSION_TTL_MS): Promise<{ token: string; session: WebSession }> {
    const token = randomBytes(32).toString('base64url');
    const now = this.clock();
    const record = Object.assign(new WebSessionRecord(), {
      id: randomUUID(), tokenHash: hash(token), tenantId: identity.tenantId, workspaceId: identity.workspaceId, person: personOf(identity.person),
      method, createdAt: now, expiresAt: new Date(now.getTime() + ttlMs), revokedAt: null,
    });
    await this.executor.write((tx) => new Db(tx).insert(WebSessionRecord, [record]));
    return { token, session: sessionOf(record) };
  }

  /** The live session the cookie value names; undefined for unknown, expired or signed-out ones. */
  async findSession(token: string): Promise<WebSession | undefined> {
    if (!/^[A-Za-z0-9_-]{20,100}$/.test(token)) return undefined;
    const record = await this.executor.read((tx) => {
      const db = new Db(tx);
      const now = db.codec(WebSessionRecord).param('expiresAt', this.clock());
      return db.selectOne(WebSessionRecord, 'token_hash = ? AND revoked_at IS NULL AND expires_at > ?', [hash(token), now]);
    });
    return record && sessionOf(record);
  }

  /** Signs the session out at once, on every instance. Harmless twice. */
  async revokeSession(id: string): Promise<void> {
    await this.executor.write((tx) => new Db(tx).update(WebSessionRecord, { revokedAt: this.clock() }, 'id = ? AND revoked_at IS NULL', [id]));
  }
}

const hash = (plain: string): string => createHash('sha256').update(plain, 'utf8').digest('hex');

const personOf = (p: PersonRef): WebSessionRecord['person'] => ({ platform: p.platform, id: p.id, ...(p.name && { name: p.name }) });

function identityOf(record: Pick<WebSessionRecord, 'person' | 'workspaceId' | 'tenantId'>): WebIdentity {
  const p = record.person;
  return { person: { platform: p.platform as PersonRef['platform'], id: p.id, ...(p.name && { name: p.name }) }, workspaceId: record.workspaceId, tenantId: record.tenantId };
}

function sessionOf(record: WebSessionRecord): WebSession {
  return { ...identityOf(record), id: record.id, method: record.method as WebSignInMethod, createdAt: record.createdAt, expiresAt: record.expiresAt };
}
