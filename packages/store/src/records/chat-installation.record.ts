import { Column, Entity, PrimaryColumn } from 'typeorm';
import { OPTIONAL_TIME, TEXT, TIME } from './column-kinds';

/** A Slack workspace or Teams tenant that installed Muster. The payload (tokens) is sealed by the caller. */
@Entity({ name: 'chat_installations' })
export class ChatInstallationRecord {
  @PrimaryColumn({ type: 'varchar', name: 'platform' }) platform!: string;
  @PrimaryColumn({ type: 'varchar', name: 'workspace_id' }) workspaceId!: string;
  @Column({ ...TEXT, name: 'payload' }) payload!: string;
  @Column({ ...TIME, name: 'installed_at' }) installedAt!: Date;
  @Column({ ...OPTIONAL_TIME, name: 'uninstalled_at' }) uninstalledAt!: Date | null;
}
