import { Column, Entity, PrimaryColumn } from 'typeorm';
import { JSON_VALUE, KEY, OPTIONAL_TIME, TIME } from './column-kinds';

/**
 * A signed-in browser. Only the SHA-256 of the cookie's value is kept, so a database leak signs nobody
 * in. `person` is the chat identity the browser acts as (`{ platform, id, name }`), `workspace_id` the
 * workspace that identity belongs to: access is decided for that person exactly as in chat.
 */
@Entity({ name: 'web_sessions' })
export class WebSessionRecord {
  @PrimaryColumn({ type: 'varchar', name: 'id' }) id!: string;
  @Column({ ...KEY, name: 'token_hash' }) tokenHash!: string;
  @Column({ ...KEY, name: 'tenant_id' }) tenantId!: string;
  @Column({ ...KEY, name: 'workspace_id' }) workspaceId!: string;
  @Column({ ...JSON_VALUE, name: 'person' }) person!: { platform: string; id: string; name?: string };
  /** How the browser signed in: `link`, `slack`, `entra`. */
  @Column({ ...KEY, name: 'method' }) method!: string;
  @Column({ ...TIME, name: 'created_at' }) createdAt!: Date;
  @Column({ ...TIME, name: 'expires_at' }) expiresAt!: Date;
  @Column({ ...OPTIONAL_TIME, name: 'revoked_at' }) revokedAt!: Date | null;
}

/** A one-time sign-in link (`muster login-link`, the start banner): the hash of its token, redeemed once. */
@Entity({ name: 'web_sign_in_links' })
export class WebSignInLinkRecord {
  @PrimaryColumn({ type: 'varchar', name: 'token_hash' }) tokenHash!: string;
  @Column({ ...KEY, name: 'tenant_id' }) tenantId!: string;
  @Column({ ...KEY, name: 'workspace_id' }) workspaceId!: string;
  @Column({ ...JSON_VALUE, name: 'person' }) person!: { platform: string; id: string; name?: string };
  @Column({ ...TIME, name: 'created_at' }) createdAt!: Date;
  @Column({ ...TIME, name: 'expires_at' }) expiresAt!: Date;
  @Column({ ...OPTIONAL_TIME, name: 'used_at' }) usedAt!: Date | null;
}
