import { Column, Entity, PrimaryColumn } from 'typeorm';
import { KEY, OPTIONAL_KEY, OPTIONAL_TEXT, TEXT, TIME } from './column-kinds';

/**
 * A conversation a chat adapter has seen or created, with what it needs to post there proactively
 * (Teams: the service URL), so reminders and outbox work survive a restart.
 */
@Entity({ name: 'conversation_references' })
export class ConversationReferenceRecord {
  @PrimaryColumn({ type: 'varchar', name: 'platform' }) platform!: string;
  @PrimaryColumn({ type: 'varchar', name: 'workspace_id' }) workspaceId!: string;
  @PrimaryColumn({ type: 'varchar', name: 'conversation_id' }) conversationId!: string;
  @Column({ ...TEXT, name: 'service_url' }) serviceUrl!: string;
  @Column({ ...KEY, name: 'kind' }) kind!: string;
  @Column({ ...OPTIONAL_KEY, name: 'team_id' }) teamId!: string | null;
  @Column({ ...OPTIONAL_KEY, name: 'channel_id' }) channelId!: string | null;
  @Column({ ...OPTIONAL_TEXT, name: 'name' }) name!: string | null;
  @Column({ ...TIME, name: 'last_seen_at' }) lastSeenAt!: Date;
}
