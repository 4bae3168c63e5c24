import { z } from '@muster/plugin-sdk';

/** The event types the host sends a notifier (`NotifierEvent.type`). */
export const EVENT_TYPES = ['incident.declared', 'incident.status_changed', 'incident.severity_changed', 'incident.role_assigned', 'incident.resolved', 'update.published'] as const;

const receiverUrl = z.url({ protocol: /^https?$/ }).max(2000)
  .refine((value) => { const url = new URL(value); return !url.username && !url.password; }, 'must not carry a user or password (sign with signingSecret instead)');

// Strict objects: a misspelt key in muster.yaml is an error that names it, not a setting silently ignored.
export const outgoingWebhookConfigSchema = z.strictObject({
  urls: z.array(receiverUrl).min(1).max(20)
    .refine((urls) => new Set(urls).size === urls.length, 'lists a URL twice')
    .describe('The receivers: http(s) URLs, each sent every event once (up to 20)'),
  events: z.array(z.enum(EVENT_TYPES)).min(1).optional()
    .describe(`Which event types are sent (default: all of ${EVENT_TYPES.join(', ')})`),
  includePrivate: z.boolean().default(false)
    .describe('Send events of private incidents too, in full (default false: nothing of a private incident is sent)'),
});

export type OutgoingWebhookConfig = z.output<typeof outgoingWebhookConfigSchema>;
