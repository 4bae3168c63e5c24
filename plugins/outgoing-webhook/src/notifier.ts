import { createHash } from 'node:crypto';
import { PluginHttpError, type CallOptions, type NotifierEvent, type NotifierPort, type PluginContext } from '@muster/plugin-sdk';
import type { OutgoingWebhookConfig } from './config';
import { EVENT_ID_HEADER, musterSignature, SIGNATURE_HEADER, TIMESTAMP_HEADER } from './signature';

/** What a receiver that answered `410 Gone` said: it wants no more of this event; the other URLs still get it. */
const GONE = 410;

/** The JSON every receiver gets (its exact bytes are what is signed). */
export function deliveryBody(event: NotifierEvent): string {
  return JSON.stringify({ id: event.id, type: event.type, occurredAt: event.occurredAt, incident: event.incident, detail: event.detail });
}

/**
 * The `notifier` port: each event POSTed to every configured URL, signed. One delivery per URL per
 * event: a URL that took it (2xx, or 410) is remembered in storage under the call's idempotency key,
 * so when another URL fails and the outbox retries the call, only the URLs still owed are sent to.
 */
export function outgoingWebhookNotifier(ctx: PluginContext<OutgoingWebhookConfig>): NotifierPort {
  const { urls, events, includePrivate } = ctx.config;
  return {
    async notify(event: NotifierEvent, options: CallOptions): Promise<void> {
      if (events && !(events as readonly string[]).includes(event.type)) return;
      if (event.incident.private && !includePrivate) return;
      const secret = ctx.secrets.require('SIGNING_SECRET');
      const body = deliveryBody(event);
      let firstError: unknown;
      for (const url of urls) {
        const key = doneKey(options.idempotencyKey, url);
        if (await ctx.storage.get(key)) continue;
        try {
          const timestamp = Math.floor(Date.now() / 1000);
          const response = await ctx.http.request({
            method: 'POST', url, body,
            headers: {
              'content-type': 'application/json',
              [TIMESTAMP_HEADER]: String(timestamp),
              [SIGNATURE_HEADER]: musterSignature(secret, timestamp, body),
              [EVENT_ID_HEADER]: event.id,
            },
          });
          await ctx.storage.set(key, { status: response.status, at: new Date().toISOString() });
        } catch (error) {
          if (error instanceof PluginHttpError && error.status === GONE) {
            ctx.logger.warn('A receiver answered 410 Gone: this event is not sent to it again', { host: hostOf(url), event: event.id });
            await ctx.storage.set(key, { status: GONE, at: new Date().toISOString() });
            continue;
          }
          // Keep going: one receiver that is down must not hold back the others.
          ctx.logger.warn('A receiver did not take the event: the call will be retried', { host: hostOf(url), event: event.id, status: error instanceof PluginHttpError ? error.status : undefined });
          firstError ??= error;
        }
      }
      if (firstError !== undefined) throw firstError;
    },
  };
}

/** The URL hashed: its path may hold a token, and storage keys show up in admin tools. */
function doneKey(idempotencyKey: string, url: string): string {
  return `delivered:${createHash('sha256').update(`${idempotencyKey}\n${url}`).digest('hex').slice(0, 40)}`;
}

function hostOf(url: string): string {
  return new URL(url).host;
}
