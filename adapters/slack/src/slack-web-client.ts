import { type Logger as MusterLogger, MusterError } from '@muster/core';
import { type Logger as SlackLogger, LogLevel, WebClient } from '@slack/web-api';
import { redactTokens, translateSlackError } from './slack-errors';

/** The bot token of a workspace (OAuth installs), or one constant token (single-workspace mode). */
export type SlackTokenResolver = (workspaceId: string) => Promise<string>;

export interface SlackWebClientOptions {
  readonly token: string | SlackTokenResolver;
  /** `SLACK_API_URL`; default `https://slack.com/api/`. An empty string counts as unset. */
  readonly slackApiUrl?: string;
  /** Per-call timeout. A timed-out call is an ambiguous failure: Slack may still have done it. */
  readonly timeoutMs?: number;
  readonly logger?: MusterLogger;
}

export const DEFAULT_SLACK_API_URL = 'https://slack.com/api/';
const DEFAULT_TIMEOUT_MS = 10_000;

/** The WebClient appends the method name to the base URL, so the base must end in a slash. */
export function normaliseSlackApiUrl(url: string | undefined): string {
  const base = url?.trim() || DEFAULT_SLACK_API_URL;
  return base.endsWith('/') ? base : `${base}/`;
}

/**
 * The SDK logs through this. Only warnings and errors go on, through our redaction: debug output
 * carries request bodies, which is more than an operator needs and more than we want in logs.
 */
export function slackLoggerFor(logger: MusterLogger | undefined): SlackLogger {
  let level = LogLevel.WARN;
  const line = (parts: unknown[]) => redactTokens(parts.map((p) => (p instanceof Error ? p.message : String(p))).join(' '));
  return {
    debug: () => undefined,
    info: () => undefined,
    warn: (...parts: unknown[]) => logger?.warn(line(parts), { component: 'slack-web-api' }),
    error: (...parts: unknown[]) => logger?.error(line(parts), { component: 'slack-web-api' }),
    setLevel: (next: LogLevel) => {
      level = next;
    },
    getLevel: () => level,
    setName: () => undefined,
  };
}

/**
 * One WebClient for every workspace, with the token chosen per call. The SDK's own retries are off and
 * rate-limited calls are rejected at once: a retried `chat.postMessage` can post twice, and waiting
 * out a Retry-After inside a request would hold up everything. The durable outbox retries instead,
 * told how long to wait by our RateLimitedError.
 */
export class SlackWebClient {
  readonly web: WebClient;
  readonly logger: MusterLogger | undefined;
  private readonly resolveToken: SlackTokenResolver;

  constructor(options: SlackWebClientOptions) {
    const token = options.token;
    this.resolveToken = typeof token === 'string' ? async () => token : token;
    this.logger = options.logger;
    this.web = new WebClient(undefined, {
      slackApiUrl: normaliseSlackApiUrl(options.slackApiUrl),
      retryConfig: { retries: 0 },
      rejectRateLimitedCalls: true,
      timeout: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
      // The token must only ever go to the configured API base, never to a URL passed as a "method".
      allowAbsoluteUrls: false,
      logger: slackLoggerFor(options.logger),
    });
  }

  /**
   * Runs one Web API call with the workspace's token. Every failure comes out as a MusterError
   * (SlackApiError, or RateLimitedError for HTTP 429).
   */
  async call<T>(workspaceId: string, method: string, run: (web: WebClient, token: string) => Promise<T>): Promise<T> {
    const token = await this.tokenFor(workspaceId);
    try {
      return await run(this.web, token);
    } catch (error) {
      throw translateSlackError(error, method);
    }
  }

  private async tokenFor(workspaceId: string): Promise<string> {
    try {
      return await this.resolveToken(workspaceId);
    } catch (error) {
      if (error instanceof MusterError) throw error;
      throw new MusterError('unavailable', `Muster has no Slack credentials for workspace ${workspaceId.slice(0, 40)}. Install the Slack app there first.`, {}, { cause: error });
    }
  }
}
