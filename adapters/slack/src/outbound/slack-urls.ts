import { MusterError } from '@muster/core';
import { normaliseSlackApiUrl } from '../slack-web-client';

/**
 * Only URLs Slack hands us are fetched: `response_url`s (hooks.slack.com) and upload URLs
 * (files.slack.com), or anything on the origin `SLACK_API_URL` points at (a proxy, or the fake in
 * tests). They come in signed payloads, so this is a second line: a bug elsewhere must not turn Muster
 * into a client for arbitrary URLs.
 */
export class SlackUrls {
  private readonly apiOrigin: string;

  constructor(slackApiUrl: string | undefined) {
    this.apiOrigin = new URL(normaliseSlackApiUrl(slackApiUrl)).origin;
  }

  check(raw: string, what: string): URL {
    let url: URL | undefined;
    try {
      url = new URL(raw);
    } catch {
      url = undefined;
    }
    const slackHost = url?.protocol === 'https:' && (url.hostname === 'slack.com' || url.hostname.endsWith('.slack.com'));
    if (!url || !(slackHost || url.origin === this.apiOrigin)) {
      throw new MusterError('invalid_argument', `Slack sent a ${what} Muster does not recognise as Slack's; it was not used.`);
    }
    return url;
  }
}
