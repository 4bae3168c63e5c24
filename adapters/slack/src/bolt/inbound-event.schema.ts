import { z } from 'zod';
import { label, messageFields, opaque, slackId, slackMessage, slackTs } from './inbound-fields.schema';

/**
 * Events API envelopes (`event_callback`) for the events Muster listens to. Every other event type
 * (including `member_joined_channel`, subscribed but not handled yet) is answered at the edge.
 */
const authorization = z.object({
  team_id: slackId.nullish(),
  user_id: slackId.optional(),
  enterprise_id: slackId.nullish(),
  is_bot: z.boolean().optional(),
  is_enterprise_install: z.boolean().optional(),
});

export const eventEnvelope = z.object({
  type: z.literal('event_callback'),
  team_id: slackId,
  event_id: opaque,
  api_app_id: slackId.optional(),
  enterprise_id: slackId.nullish(),
  is_enterprise_install: z.boolean().optional(),
  authorizations: z.array(authorization).max(50).optional(),
  event: z.object({ type: label }),
});

const messageEvent = z.object({
  type: z.literal('message'),
  channel: slackId,
  event_ts: slackTs.optional(),
  ...messageFields,
  message: slackMessage.optional(),
  previous_message: slackMessage.optional(),
  deleted_ts: slackTs.optional(),
}).superRefine((e, ctx) => {
  // Each subtype's payload without the part it is about cannot be used.
  if (e.subtype === 'message_changed' && !e.message) ctx.addIssue({ code: 'custom', path: ['message'], message: 'message_changed without message' });
  if (e.subtype === 'message_deleted' && !e.deleted_ts) ctx.addIssue({ code: 'custom', path: ['deleted_ts'], message: 'message_deleted without deleted_ts' });
});

const itemChannel = slackId.optional();
const reactionEvent = z.object({
  type: z.enum(['reaction_added', 'reaction_removed']),
  user: slackId,
  reaction: label,
  item: z.object({ type: label, channel: itemChannel, ts: slackTs.optional() }),
  event_ts: slackTs.optional(),
});

const pinEvent = z.object({
  type: z.enum(['pin_added', 'pin_removed']),
  user: slackId.optional(),
  channel_id: slackId.optional(),
  item: z.object({ type: label.optional(), channel: itemChannel, ts: slackTs.optional(), message: z.object({ ts: slackTs.optional() }).optional() }),
  event_ts: slackTs.optional(),
});

const appUninstalled = z.object({ type: z.literal('app_uninstalled') });
const tokensRevoked = z.object({
  type: z.literal('tokens_revoked'),
  tokens: z.object({ oauth: z.array(slackId).max(1_000).optional(), bot: z.array(slackId).max(1_000).optional() }),
});

/** The schema for each event type a listener is registered for. */
export const EVENT_SCHEMAS: Readonly<Record<string, z.ZodType>> = {
  message: messageEvent,
  reaction_added: reactionEvent,
  reaction_removed: reactionEvent,
  pin_added: pinEvent,
  pin_removed: pinEvent,
  app_uninstalled: appUninstalled,
  tokens_revoked: tokensRevoked,
};
