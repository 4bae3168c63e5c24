import type { z } from 'zod';
import { DECLARE_SHORTCUT_CALLBACK_ID, SLACK_COMMAND, TIMELINE_SHORTCUT_CALLBACK_ID } from '../manifest';
import { EVENT_SCHEMAS, eventEnvelope } from './inbound-event.schema';
import { blockActions, globalShortcut, messageShortcut, slashCommand, viewSubmission } from './inbound-interaction.schema';

/**
 * What the edge does with a signed, parsed Slack payload: hand it to Bolt, or answer it itself.
 * `ignore` is 200, Slack's "received" (so it is not redelivered forever); `reject` is 400 for what is
 * not a Slack payload at all. `reason` names the kind and the failing fields, never their values.
 */
export type InboundVerdict =
  | { readonly action: 'use'; readonly kind: string }
  | { readonly action: 'ignore' | 'reject'; readonly kind: string; readonly reason: string };

const use = (kind: string): InboundVerdict => ({ action: 'use', kind });
const ignore = (kind: string, reason: string): InboundVerdict => ({ action: 'ignore', kind, reason });

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

function checked(kind: string, schema: z.ZodType, value: unknown): InboundVerdict {
  const result = schema.safeParse(value);
  if (result.success) return use(kind);
  const fields = result.error.issues.slice(0, 3).map((issue) => `${issue.path.map((p) => String(p).slice(0, 40)).join('.') || '(root)'}: ${issue.code}`);
  return ignore(kind, `unusable payload (${fields.join('; ')})`);
}

/**
 * Mirrors the order in which Bolt tells payload kinds apart (event, command, options, actions,
 * shortcuts, views), so the schema checked is the one for the listener Bolt would run. Payloads
 * no Muster listener handles are answered here: Bolt would leave them unacknowledged for 3 s.
 */
export function checkInbound(body: unknown): InboundVerdict {
  if (!isObject(body)) return { action: 'reject', kind: 'unknown', reason: 'not a JSON object or form' };
  if (body.ssl_check === '1') return use('ssl_check');
  if (body.type === 'url_verification') {
    const challenge = body.challenge;
    return typeof challenge === 'string' && challenge.length > 0 && challenge.length <= 500
      ? use('url_verification')
      : { action: 'reject', kind: 'url_verification', reason: 'no challenge' };
  }
  if (body.event !== undefined) return checkEvent(body);
  if (body.command !== undefined) {
    if (body.command !== SLACK_COMMAND) return ignore('command', 'not a Muster command');
    return checked('command', slashCommand, body);
  }
  if (body.name !== undefined || body.type === 'block_suggestion') return ignore('options', 'no options listener');
  if (body.actions !== undefined || body.type === 'dialog_submission') {
    return body.type === 'block_actions' ? checked('block_actions', blockActions, body) : ignore('interaction', 'no listener for this interaction type');
  }
  if (body.type === 'shortcut') {
    return body.callback_id === DECLARE_SHORTCUT_CALLBACK_ID ? checked('shortcut', globalShortcut, body) : ignore('shortcut', 'not a Muster shortcut');
  }
  if (body.type === 'message_action') {
    return body.callback_id === TIMELINE_SHORTCUT_CALLBACK_ID ? checked('message_action', messageShortcut, body) : ignore('message_action', 'not a Muster shortcut');
  }
  if (body.type === 'view_submission') return checked('view_submission', viewSubmission, body);
  return ignore('unknown', 'no listener for this payload type');
}

function checkEvent(body: Record<string, unknown>): InboundVerdict {
  const envelope = checked('event', eventEnvelope, body);
  if (envelope.action !== 'use') return envelope;
  const event = body.event as { type: string };
  const schema = Object.hasOwn(EVENT_SCHEMAS, event.type) ? EVENT_SCHEMAS[event.type] : undefined;
  if (!schema) return ignore('event', 'an event type Muster does not handle');
  return checked(`event ${event.type}`, schema, event);
}
