import { MAX_ATTEMPTS, MusterError, RateLimitedError, type IntegrationKind, type OutboxHandler, type OutboxMessage } from '@muster/core';
import { PluginConfigError, PluginHttpError } from '@muster/plugin-sdk';
import type { PluginHost } from '../runtime/plugin-host';
import { CallContext, CallFailed, type IntegrationDeps } from './integration-call-context';
import { INTEGRATION_CALL, INTEGRATION_CALL_TOPIC, INTEGRATION_OPS, statusKeys, targetName, type IntegrationCall, type IntegrationOp } from './integration-call';
import { notify } from './notify-call';
import { page, resolvePages } from './paging-calls';
import { endConference, postRunbook, startConference } from './room-calls';
import { publishStatusPage, resolveStatusPage } from './status-page-calls';
import { openItemTicket, openTicket, syncItemTicket, syncTicket } from './ticket-calls';
import type { TicketIndex } from './ticket-index';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- each op narrows the port to its capability's.
type Run = (ctx: CallContext<any>, index: TicketIndex) => Promise<void>;
const RUN: Record<IntegrationOp, Run> = {
  page, resolve_pages: resolvePages,
  open_ticket: openTicket, sync_ticket: syncTicket, open_item_ticket: openItemTicket, sync_item_ticket: syncItemTicket,
  start_conference: startConference, end_conference: endConference, post_runbook: postRunbook,
  publish_status_page: publishStatusPage, resolve_status_page: resolveStatusPage, notify,
};

/**
 * Carries out one `integration.call` from the outbox: the installation and incident as they are now
 * (skipped quietly when either is gone or of another tenant), the plugin called under the guard at most
 * once per step (effect-log, so a retry after an unknown outcome passes `uncertainSince`), and the
 * outcome recorded on the incident's integration line. A failure shows `retrying` with its one-line
 * reason and is thrown for the outbox to retry (Retry-After honoured); the last attempt shows `failed`.
 * Nothing the incident flow does waits for this.
 */
export class IntegrationCallHandler implements OutboxHandler<typeof INTEGRATION_CALL_TOPIC> {
  readonly topic = INTEGRATION_CALL_TOPIC;
  /** Past the guard's call limit (a resolve may make a few calls, a runbook posts in rooms); the dispatcher caps it below the lease. */
  readonly timeoutMs: number;

  constructor(private readonly host: Pick<PluginHost, 'activeInstallation'>, private readonly deps: IntegrationDeps, private readonly index: TicketIndex, callTimeoutMs: number) {
    this.timeoutMs = callTimeoutMs * 3 + 10_000;
  }

  async handle(raw: unknown, message: OutboxMessage): Promise<void> {
    const parsed = INTEGRATION_CALL.safeParse(raw);
    if (!parsed.success) throw new MusterError('validation_failed', 'An integration.call message has a payload this version cannot read.');
    const call = parsed.data;
    const installation = this.host.activeInstallation(call.pluginId, call.installationId);
    const port = installation?.ports[INTEGRATION_OPS[call.op]];
    const incident = installation && port ? await this.deps.repos.incidents.findById(call.incidentId) : undefined;
    if (!installation || !port || !incident || incident.tenantId !== installation.spec.tenantId) {
      this.deps.logger.info('integration call skipped: the installation or the incident is gone', { plugin: call.pluginId, installation: call.installationId, op: call.op });
      return;
    }
    const ctx = new CallContext(this.deps, call, message, installation, port, incident);
    try {
      await RUN[call.op](ctx, this.index);
    } catch (error) {
      if (!(error instanceof CallFailed)) throw error;
      // A plugin's configuration (a secret not set, a transition the workflow lacks) does not fix itself
      // between retries: it is shown as given up at once, saying what to set, and not retried.
      const misconfigured = error.outcome.error instanceof PluginConfigError;
      const last = misconfigured || message.attempts >= MAX_ATTEMPTS;
      const line = lineOf(call, ctx.pluginId);
      if (line) await ctx.recordFailure(line.key, line.kind, last ? 'failed' : 'retrying', error.outcome.reason);
      const cause = error.outcome.error;
      const what = `${ctx.provider} (${call.op})`;
      if (!last && cause instanceof PluginHttpError && typeof cause.retryAfterMs === 'number' && cause.retryAfterMs > 0) {
        throw new RateLimitedError(cause.retryAfterMs, what);
      }
      if (misconfigured) throw new MusterError('configuration', `${what} is misconfigured: ${error.outcome.reason}`);
      throw new Error(`${what} failed: ${error.outcome.reason}`);
    }
  }
}

/** The card line a call's failure shows on; undefined for calls that have none (a notification, a follow-up's ticket). */
function lineOf(call: IntegrationCall, pluginId: string): { key: string; kind: IntegrationKind } | undefined {
  switch (call.op) {
    case 'page': return call.target ? { key: statusKeys.page(pluginId, targetName(call.target)), kind: 'page' } : undefined;
    case 'open_ticket': case 'sync_ticket': return { key: statusKeys.ticket(pluginId), kind: 'ticket' };
    case 'start_conference': case 'end_conference': return { key: statusKeys.conference(pluginId), kind: 'conference' };
    case 'post_runbook': return call.service ? { key: statusKeys.runbook(call.service), kind: 'runbook' } : undefined;
    case 'publish_status_page': case 'resolve_status_page': return { key: statusKeys.statusPage(pluginId), kind: 'status_page' };
    default: return undefined;
  }
}
