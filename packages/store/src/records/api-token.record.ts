import { Column, Entity, PrimaryColumn } from 'typeorm';
import { KEY, OPTIONAL_JSON, OPTIONAL_TIME, TIME } from './column-kinds';

/**
 * A REST API token of one tenant (the organization it acts for). Only its SHA-256 is kept: the plain
 * token is shown once, at creation. Names are unique per tenant (`uq_api_tokens_tenant_name`).
 */
@Entity({ name: 'api_tokens' })
export class ApiTokenRecord {
  @PrimaryColumn({ type: 'varchar', name: 'id' }) id!: string;
  @Column({ ...KEY, name: 'tenant_id' }) tenantId!: string;
  @Column({ ...KEY, name: 'name' }) name!: string;
  @Column({ ...KEY, name: 'token_hash' }) tokenHash!: string;
  @Column({ ...TIME, name: 'created_at' }) createdAt!: Date;
  @Column({ ...OPTIONAL_TIME, name: 'last_used_at' }) lastUsedAt!: Date | null;
  @Column({ ...OPTIONAL_TIME, name: 'revoked_at' }) revokedAt!: Date | null;
  /** Null for tokens made before scopes: they read and write, as they always did. */
  @Column({ ...OPTIONAL_JSON, name: 'scopes' }) scopes!: string[] | null;
}
