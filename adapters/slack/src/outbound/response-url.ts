import { MusterError, RateLimitedError } from '@muster/core';
import type { SlackMessage } from '../render/render-blocks';
import type { SlackUrls } from './slack-urls';

export type ResponseUrlMessage = SlackMessage & {
  readonly response_type?: 'ephemeral' | 'in_channel';
  readonly replace_original?: boolean;
};

const TIMEOUT_MS = 10_000;

/**
 * Answers through a `response_url` (slash commands, buttons, message shortcuts): valid 30 minutes,
 * five times, and it works in channels Muster is not a member of. A 429 comes back as RateLimitedError
 * so the caller's bounded retry can wait it out; anything else is a plain failure.
 */
export async function postToResponseUrl(urls: SlackUrls, responseUrl: string, message: ResponseUrlMessage): Promise<void> {
  const url = urls.check(responseUrl, 'response_url');
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json; charset=utf-8' },
    body: JSON.stringify(message),
    signal: AbortSignal.timeout(TIMEOUT_MS),
  });
  await response.body?.cancel().catch(() => undefined);
  if (response.status === 429) {
    const seconds = Number(response.headers.get('retry-after'));
    throw new RateLimitedError((Number.isFinite(seconds) && seconds > 0 ? seconds : 1) * 1000, 'Slack response_url');
  }
  if (!response.ok) throw new MusterError('unavailable', `Slack did not take the reply (response_url answered HTTP ${response.status}).`);
}
