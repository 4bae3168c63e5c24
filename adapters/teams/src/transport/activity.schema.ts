import { z } from 'zod';

/**
 * The fields of a Bot Framework activity that Muster reads, as tight as the Activity protocol and
 * Teams allow. Everything else passes through untouched (the SDK reads it). Bounds are far above what
 * Teams sends (ids are short; a Teams message is at most about 28 KB); anything larger did not come
 * from Teams and is answered 400 before any work.
 */
const id = z.string().min(1).max(512);
const name = z.string().max(512);
/** Message text: room for Teams' own limit with its markup; core applies its own, tighter, limit to commands. */
const text = z.string().max(100_000);

export const channelAccount = z.object({
  id,
  name: name.nullish(),
  /** The Entra (AAD) object id: Muster's id for a person on Teams. */
  aadObjectId: z.string().max(128).nullish(),
  role: z.string().max(64).nullish(),
});

const mentionEntity = z.object({
  type: z.literal('mention'),
  mentioned: channelAccount,
  /** How the mention appears in `text`: `<at>Bob Jones</at>`. */
  text: z.string().max(1_024).nullish(),
});
/** Other entity types (clientInfo, …) are not read; they only have to be objects. */
const entity = z.union([mentionEntity, z.object({ type: z.string().max(128) })]);

const reaction = z.object({ type: z.string().max(256) });

export const channelData = z.object({
  tenant: z.object({ id }).nullish(),
  team: z.object({ id, name: name.nullish() }).nullish(),
  channel: z.object({ id, name: name.nullish() }).nullish(),
  /** Teams' event names: editMessage, softDeleteMessage, undeleteMessage, teamMemberAdded, … */
  eventType: z.string().max(128).nullish(),
}).loose();

export const inboundActivity = z.object({
  type: z.string().min(1).max(64),
  id: id.nullish(),
  name: z.string().max(256).nullish(),
  channelId: z.string().max(64).nullish(),
  serviceUrl: z.url({ protocol: /^https?$/ }).max(2_048),
  timestamp: z.string().max(64).nullish(),
  from: channelAccount,
  recipient: channelAccount,
  conversation: z.object({
    id: z.string().min(1).max(1_024),
    tenantId: id.nullish(),
    conversationType: z.string().max(64).nullish(),
    isGroup: z.boolean().nullish(),
    name: name.nullish(),
  }),
  text: text.nullish(),
  replyToId: id.nullish(),
  entities: z.array(entity).max(256).nullish(),
  channelData: channelData.nullish(),
  value: z.unknown().optional(),
  action: z.string().max(64).nullish(),
  membersAdded: z.array(channelAccount).max(1_000).nullish(),
  reactionsAdded: z.array(reaction).max(100).nullish(),
  reactionsRemoved: z.array(reaction).max(100).nullish(),
}).loose();

export type InboundActivity = z.infer<typeof inboundActivity>;
export type ChannelAccount = z.infer<typeof channelAccount>;
export type MentionEntity = z.infer<typeof mentionEntity>;

export const isMention = (e: NonNullable<InboundActivity['entities']>[number]): e is MentionEntity => e.type === 'mention' && 'mentioned' in e;

/** Action.Execute's invoke value: `{ action: { type, verb, data }, trigger }`. */
export const adaptiveCardAction = z.object({
  action: z.object({
    type: z.string().max(64).nullish(),
    verb: z.string().max(256).nullish(),
    data: z.unknown(),
  }),
});
