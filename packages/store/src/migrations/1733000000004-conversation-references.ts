import { Table, type MigrationInterface, type QueryRunner } from 'typeorm';
import { dialectOf } from '../dialect';
import { createTable, schemaColumns } from './schema-columns';

/** Identifier lengths: Bot Framework conversation ids are long (`19:…@thread.tacv2;messageid=…`, personal `a:…`). */
export const CONVERSATION_KEY_LENGTHS = { platform: 16, workspaceId: 191, conversationId: 512, teamOrChannelId: 191 } as const;

/**
 * Conversation references: per conversation an adapter has seen or created, where to post to it
 * (service URL), what it is (channel, thread, group chat, personal chat), its team and channel when
 * known, its name and when it was last seen. The key's 719 utf8mb4 characters fit InnoDB's 3072-byte index.
 */
export class ConversationReferences1733000000004 implements MigrationInterface {
  readonly name = 'ConversationReferences1733000000004';

  async up(runner: QueryRunner): Promise<void> {
    const dialect = dialectOf(runner.manager);
    const c = schemaColumns(dialect);
    const n = CONVERSATION_KEY_LENGTHS;
    await createTable(runner, dialect, new Table({
      name: 'conversation_references',
      columns: [
        { ...c.key('platform', n.platform), isPrimary: true }, { ...c.key('workspace_id', n.workspaceId), isPrimary: true },
        { ...c.key('conversation_id', n.conversationId), isPrimary: true }, c.text('service_url'), c.key('kind', 16),
        c.key('team_id', n.teamOrChannelId, true), c.key('channel_id', n.teamOrChannelId, true), c.text('name', true), c.time('last_seen_at'),
      ],
      indices: [{ name: 'ix_conversation_references_channel', columnNames: ['platform', 'workspace_id', 'team_id', 'channel_id'] }],
    }));
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.dropTable('conversation_references', true);
  }
}
