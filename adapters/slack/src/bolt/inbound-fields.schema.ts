import { z } from 'zod';

/**
 * The field shapes Slack's payloads are made of, as tight as Slack's documentation allows, so that
 * what passes the edge can be read by Bolt and by our listeners without a type check at every step.
 * Lengths are bounds on what Slack itself sends (ids are short, message text is at most 40,000
 * characters); anything larger did not come from Slack and is not worth reading.
 */

/** Object keys that would reach a prototype when copied by assignment; Slack never sends them. */
const UNSAFE_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/** Workspace, user, channel, bot and app ids (`T0…`, `U0…`, `C0…`, `W0…`, `B0…`). */
export const slackId = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/);
/** Message timestamps: seconds with (usually) microseconds, `1712345678.000200`. */
export const slackTs = z.string().regex(/^\d{1,12}(\.\d{1,9})?$/);
/** Opaque tokens Slack hands out per request: trigger ids, view ids, event ids, envelope ids. */
export const opaque = z.string().min(1).max(255);
/** Names and labels (user names, channel names, reaction names, subtypes, callback ids). */
export const label = z.string().max(255);
/** Message and command text, within Slack's own limit. */
export const messageText = z.string().max(40_000);
/** response_url and permalinks; SlackUrls checks the host before anything is sent there. */
export const url = z.string().min(1).max(2_048);

/**
 * A record whose keys are safe to copy into a plain object. Checked on the input itself: zod leaves
 * a `__proto__` key out of what it parses, so a rule on its output would never see one.
 */
const withoutUnsafeKeys = z.custom<Record<string, unknown>>(
  (input) => typeof input === 'object' && input !== null && !Array.isArray(input) && !Object.keys(input).some((key) => UNSAFE_KEYS.has(key)),
  { message: 'not an object, or has a key such as __proto__' },
);
export const safeRecord = <T extends z.ZodType>(value: T) => withoutUnsafeKeys.pipe(z.record(z.string().max(255), value));

export const teamRef = z.object({ id: slackId, enterprise_id: slackId.nullish() });
export const enterpriseRef = z.object({ id: slackId }).nullish();
export const userRef = z.object({ id: slackId, username: label.optional(), name: label.optional(), team_id: slackId.optional() });
export const channelRef = z.object({ id: slackId, name: label.optional() });

export const sharedFile = z.object({ name: z.string().max(1_000).nullish(), title: z.string().max(1_000).nullish(), permalink: url.optional() });

/** The parts of a message (in an event, or a message shortcut) the timeline reads. */
export const messageFields = {
  ts: slackTs.optional(),
  user: slackId.optional(),
  bot_id: slackId.optional(),
  subtype: label.optional(),
  text: messageText.optional(),
  thread_ts: slackTs.optional(),
  files: z.array(sharedFile).max(100).optional(),
  edited: z.object({ ts: slackTs.optional(), user: slackId.optional() }).optional(),
};
export const slackMessage = z.object(messageFields);
