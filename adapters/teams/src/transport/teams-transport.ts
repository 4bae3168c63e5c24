import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from '@muster/core';
import type { BotTokenSource } from '../connector/token-source';
import type { TrustedServiceHosts } from '../connector/trusted-hosts';
import { inboundActivity, type InboundActivity } from './activity.schema';
import { AgentsTurn, personalChats } from './agents-turn';
import { ConnectorAccess } from './connector-access';
import { answer, NodeWebResponse, readBody } from './http-exchange';
import { MusterCloudAdapter } from './muster-cloud-adapter';
import { authenticate, serviceUrlClaimMatches } from './request-auth';
import { authConfigurationOf, type TeamsAuth } from './teams-auth';
import { tenantOf } from './teams-context';
import type { TeamsTurn } from './teams-turn';

/**
 * Teams as Muster hears it: one HTTP handler for `POST /api/messages`. The Agents SDK does the
 * Activity protocol behind it; nothing outside this folder imports the SDK.
 */
export interface TeamsTransport {
  handle(req: IncomingMessage, res: ServerResponse): Promise<void>;
  /** Resolves when every request being handled has been answered. */
  idle(): Promise<void>;
}

export interface TeamsTransportOptions {
  readonly auth: TeamsAuth;
  readonly trustedHosts: TrustedServiceHosts;
  readonly tokenSource: BotTokenSource;
  /** Handles one checked activity; it has returned (or thrown) before Teams gets its answer. */
  readonly onTurn: (turn: TeamsTurn) => Promise<void>;
  readonly logger: Logger;
}

/** Activities that name a message of their own; without an id there is nothing to dedupe or answer. */
const NEEDS_ID = new Set(['message', 'messageUpdate', 'messageDelete', 'messageReaction', 'invoke']);

const UNAUTHORIZED = { error: 'unauthorized', message: 'Unauthorized.' };

export function createTeamsTransport(options: TeamsTransportOptions): TeamsTransport {
  return new AgentsTeamsTransport(options);
}

/** The transport over the SDK's CloudAdapter. Checks run in order, and any failure stops before core. */
class AgentsTeamsTransport implements TeamsTransport {
  private readonly adapter: MusterCloudAdapter;
  private readonly inFlight = new Set<Promise<void>>();
  private readonly chats = personalChats();

  constructor(private readonly options: TeamsTransportOptions) {
    const access = new ConnectorAccess(options.trustedHosts, options.tokenSource, options.auth.kind === 'entra');
    this.adapter = new MusterCloudAdapter(authConfigurationOf(options.auth), options.trustedHosts, access);
  }

  handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const done = this.exchange(req, res).finally(() => this.inFlight.delete(done));
    this.inFlight.add(done);
    return done;
  }

  async idle(): Promise<void> {
    while (this.inFlight.size) await Promise.allSettled([...this.inFlight]);
  }

  private async exchange(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const { logger } = this.options;
    const auth = await authenticate(this.adapter, req);
    if (!auth.ok) {
      req.resume();
      logger.info('Teams request refused: not authenticated', { reason: auth.reason });
      return answer(res, 401, UNAUTHORIZED, { 'www-authenticate': 'Bearer' });
    }
    const read = await this.readActivity(req, res);
    if (!read) return;
    const { activity, raw } = read;
    if (this.options.auth.kind === 'entra' && !serviceUrlClaimMatches(auth.identity, activity.serviceUrl)) {
      logger.warn('Teams request refused: the token was not issued for the activity\'s serviceUrl', { activityType: activity.type });
      return answer(res, 401, UNAUTHORIZED, { 'www-authenticate': 'Bearer' });
    }
    if (!this.options.trustedHosts.isTrusted(activity.serviceUrl)) {
      logger.warn('Teams activity refused: its serviceUrl is not a trusted Bot Connector host', { host: hostOf(activity.serviceUrl) });
      return answer(res, 400, { error: 'untrusted_service_url', message: 'The serviceUrl is not a Bot Connector host this Muster trusts (see TEAMS_TRUSTED_HOSTS).' });
    }
    let turnBegan = false;
    try {
      const request = { method: 'POST', headers: {}, body: raw, user: auth.identity };
      await this.adapter.process(request, new NodeWebResponse(res), (context) => {
        turnBegan = true;
        return this.options.onTurn(new AgentsTurn(context, activity, this.chats));
      });
    } catch (error) {
      // Before the turn, the only thing left that can fail is the SDK's own reading of the activity
      // (its schema is stricter than ours in places, e.g. `locale` must be text): bad input, not an outage.
      if (!turnBegan) {
        logger.info('Teams activity refused: malformed', { problem: 'the Activity protocol\'s schema refuses it' });
        return answer(res, 400, { error: 'invalid_activity', message: 'Not an activity Muster can read: the Activity protocol\'s schema refuses it.' });
      }
      // The database or the Bot Connector failed mid-turn: 500 makes Teams deliver the activity again,
      // and idempotency keys make the redelivery harmless.
      logger.error('Teams activity could not be handled', { activityType: activity.type, err: error });
      answer(res, 500, { error: 'unavailable', message: 'Muster could not handle this activity right now; it will be retried.' });
    }
  }

  /**
   * The body as an activity Muster can read (and the JSON as sent, which the SDK reads itself), or
   * undefined once a 4xx has been answered. The SDK applies its own schema once, inside `process`,
   * before the turn begins (a refusal there is answered 400 too, see exchange).
   */
  private async readActivity(req: IncomingMessage, res: ServerResponse): Promise<{ activity: InboundActivity; raw: Record<string, unknown> } | undefined> {
    const body = await readBody(req);
    if (body === 'too_large') {
      answer(res, 413, { error: 'too_large', message: 'The activity is larger than any Teams sends.' });
      return undefined;
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(body.toString('utf8'));
    } catch {
      answer(res, 400, { error: 'invalid_body', message: 'The body is not JSON.' });
      return undefined;
    }
    const checked = inboundActivity.safeParse(parsed);
    const activity = checked.success ? checked.data : undefined;
    const problem = !activity ? describe(checked.error?.issues[0])
      : !tenantOf(activity) ? 'the activity names no tenant (conversation.tenantId)'
        : NEEDS_ID.has(activity.type) && !activity.id ? 'the activity has no id' : undefined;
    if (problem) {
      this.options.logger.info('Teams activity refused: malformed', { problem });
      answer(res, 400, { error: 'invalid_activity', message: `Not an activity Muster can read: ${problem}.` });
      return undefined;
    }
    return { activity: activity as InboundActivity, raw: parsed as Record<string, unknown> };
  }
}

function describe(issue: { path: PropertyKey[]; message: string } | undefined): string {
  if (!issue) return 'it is not an object';
  return `${issue.path.map(String).join('.') || 'body'}: ${issue.message}`.slice(0, 200);
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return '(unparseable)';
  }
}
