import { CHAT_PLATFORMS, MusterError, type ChatPlatform } from '@muster/core';
import { CONVERSATION_KEY_LENGTHS } from '../migrations/1733000000004-conversation-references';
import { ConversationReferenceRecord } from '../records/conversation-reference.record';
import { Db } from '../sql/db';
import type { StoreExecutor } from '../unit-of-work/store-executor';

export const CONVERSATION_KINDS = ['channel', 'thread', 'groupChat', 'personal'] as const;
export type ConversationKind = (typeof CONVERSATION_KINDS)[number];

/** A conversation an adapter has seen or created, with what it needs to post there after a restart. */
export interface ConversationReference<P extends ChatPlatform = ChatPlatform> {
  readonly platform: P;
  /** Slack workspace or Teams tenant id. */
  readonly workspaceId: string;
  readonly conversationId: string;
  /** Where posts to the conversation go (Teams' Bot Connector endpoint for it). */
  readonly serviceUrl: string;
  readonly kind: ConversationKind;
  readonly teamId?: string;
  readonly channelId?: string;
  readonly name?: string;
  readonly lastSeenAt: Date;
}

const MAX_SERVICE_URL = 2048;
const MAX_NAME = 256;
const TABLE = 'conversation_references';

function refuse(what: string): never {
  throw new MusterError('invalid_argument', `A conversation reference needs ${what}.`);
}

/** Ids are keys: one too long or empty is a caller's bug, refused whole rather than cut into another conversation's key. */
function check(ref: ConversationReference): void {
  const n = CONVERSATION_KEY_LENGTHS;
  const within = (value: string | undefined, max: number) => value === undefined || (value.length > 0 && value.length <= max);
  if (!CHAT_PLATFORMS.includes(ref.platform)) refuse(`a chat platform (${CHAT_PLATFORMS.join(', ')})`);
  if (!within(ref.workspaceId, n.workspaceId) || !ref.workspaceId) refuse(`a workspace or tenant id of 1-${n.workspaceId} characters`);
  if (!within(ref.conversationId, n.conversationId) || !ref.conversationId) refuse(`a conversation id of 1-${n.conversationId} characters`);
  if (!within(ref.teamId, n.teamOrChannelId) || !within(ref.channelId, n.teamOrChannelId)) refuse(`team and channel ids of 1-${n.teamOrChannelId} characters`);
  if (!CONVERSATION_KINDS.includes(ref.kind)) refuse(`a kind (${CONVERSATION_KINDS.join(', ')})`);
  if (!(ref.lastSeenAt instanceof Date) || Number.isNaN(ref.lastSeenAt.getTime())) refuse('the time it was last seen');
  let url: URL | undefined;
  try {
    url = typeof ref.serviceUrl === 'string' && ref.serviceUrl.length <= MAX_SERVICE_URL ? new URL(ref.serviceUrl) : undefined;
  } catch {
    url = undefined;
  }
  if (!url || (url.protocol !== 'https:' && url.protocol !== 'http:')) refuse(`an http(s) service URL of at most ${MAX_SERVICE_URL} characters`);
}

/** A display name is not a key: a long one is cut (whole characters), not refused. */
const shortName = (name: string | undefined): string | null => (name === undefined ? null : Array.from(name).slice(0, MAX_NAME).join(''));

function referenceOf<P extends ChatPlatform>(r: ConversationReferenceRecord): ConversationReference<P> {
  return {
    platform: r.platform as P, workspaceId: r.workspaceId, conversationId: r.conversationId, serviceUrl: r.serviceUrl,
    kind: r.kind as ConversationKind, ...(r.teamId !== null ? { teamId: r.teamId } : {}), ...(r.channelId !== null ? { channelId: r.channelId } : {}),
    ...(r.name !== null ? { name: r.name } : {}), lastSeenAt: r.lastSeenAt,
  };
}

/** Conversation references (`store.conversations`), for adapters that post proactively. */
export class ConversationRepository {
  constructor(private readonly executor: StoreExecutor) {}

  /**
   * Upserts the reference; the most recently seen wins. A save older than the stored row changes
   * nothing (a redelivered activity must not bring back an old service URL), and a field left
   * undefined keeps what is stored (a later activity without the team id does not forget it).
   */
  async save(ref: ConversationReference): Promise<void> {
    check(ref);
    const record = Object.assign(new ConversationReferenceRecord(), {
      platform: ref.platform, workspaceId: ref.workspaceId, conversationId: ref.conversationId, serviceUrl: ref.serviceUrl, kind: ref.kind,
      teamId: ref.teamId ?? null, channelId: ref.channelId ?? null, name: shortName(ref.name), lastSeenAt: ref.lastSeenAt,
    });
    await this.executor.write(async (tx) => {
      const db = new Db(tx);
      const codec = db.codec(ConversationReferenceRecord);
      const { sql, params } = codec.insert([record]);
      const replaced = ['serviceUrl', 'kind'] as const;
      const kept = ['teamId', 'channelId', 'name'] as const;
      const seen = codec.col('lastSeenAt');
      if (db.dialect === 'mysql') {
        // Assignments run left to right and later ones see earlier results: last_seen_at must come last.
        const newer = `VALUES(${seen}) >= ${seen}`;
        const set = [
          ...replaced.map((p) => `${codec.col(p)} = IF(${newer}, VALUES(${codec.col(p)}), ${codec.col(p)})`),
          ...kept.map((p) => `${codec.col(p)} = IF(${newer}, COALESCE(VALUES(${codec.col(p)}), ${codec.col(p)}), ${codec.col(p)})`),
          `${seen} = GREATEST(${seen}, VALUES(${seen}))`,
        ];
        await db.run(`${sql} ON DUPLICATE KEY UPDATE ${set.join(', ')}`, params);
      } else {
        const set = [
          ...replaced.map((p) => `${codec.col(p)} = excluded.${codec.col(p)}`),
          ...kept.map((p) => `${codec.col(p)} = COALESCE(excluded.${codec.col(p)}, ${TABLE}.${codec.col(p)})`),
          `${seen} = excluded.${seen}`,
        ];
        const key = (['platform', 'workspaceId', 'conversationId'] as const).map((p) => codec.col(p)).join(', ');
        await db.run(`${sql} ON CONFLICT (${key}) DO UPDATE SET ${set.join(', ')} WHERE excluded.${seen} >= ${TABLE}.${seen}`, params);
      }
    });
  }

  async find<P extends ChatPlatform>(platform: P, workspaceId: string, conversationId: string): Promise<ConversationReference<P> | undefined> {
    const record = await this.executor.read((tx) => new Db(tx).selectOne(ConversationReferenceRecord, 'platform = ? AND workspace_id = ? AND conversation_id = ?', [platform, workspaceId, conversationId]));
    return record ? referenceOf<P>(record) : undefined;
  }

  /** The most recently seen conversation in a team's channel: the channel itself or a thread in it. */
  async findByTeamChannel<P extends ChatPlatform>(platform: P, workspaceId: string, teamId: string, channelId: string): Promise<ConversationReference<P> | undefined> {
    const [record] = await this.executor.read((tx) => new Db(tx).select(
      ConversationReferenceRecord, 'platform = ? AND workspace_id = ? AND team_id = ? AND channel_id = ?', [platform, workspaceId, teamId, channelId],
      ' ORDER BY last_seen_at DESC, conversation_id LIMIT 1',
    ));
    return record ? referenceOf<P>(record) : undefined;
  }

  /** The most recently seen conversation of a workspace (for Teams: a tenant, whose service URL it carries). */
  async findLatestInWorkspace<P extends ChatPlatform>(platform: P, workspaceId: string): Promise<ConversationReference<P> | undefined> {
    const [record] = await this.executor.read((tx) => new Db(tx).select(
      ConversationReferenceRecord, 'platform = ? AND workspace_id = ?', [platform, workspaceId], ' ORDER BY last_seen_at DESC, conversation_id LIMIT 1',
    ));
    return record ? referenceOf<P>(record) : undefined;
  }
}
