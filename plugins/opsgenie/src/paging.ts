import { PluginConfigError, safeUrl, truncate, wellFormed, type CallOptions, type PageRequest, type PageResult, type PagingPort, type PluginContext, type PluginPerson, type RemoteRef } from '@muster/plugin-sdk';
import { opsgenieAcknowledgements } from './acknowledgements';
import type { OpsgenieConfig } from './config';
import { onCallFor, responderName, scheduleOf } from './oncall';
import { acceptedAnswer, alertAnswer, type OpsgenieAlert } from './rest/opsgenie-answers';
import { unlessNotFound, type OpsgenieRest } from './rest/opsgenie-rest';
import { settledAlertId } from './request-status';

type Context = Pick<PluginContext<OpsgenieConfig>, 'config' | 'logger'>;

/**
 * Paging through the Alert API: `POST /v2/alerts` with `alias` = the page's dedupKey. Opsgenie
 * de-duplicates open alerts by alias (a repeat only raises the alert's count, nobody is notified
 * again), so a retried page is harmless; after an unknown outcome (`uncertainSince`) the plugin
 * still looks for the alias first. Creates are asynchronous (202 + requestId): the alert id comes
 * from a bounded number of request-status polls.
 */
export function opsgeniePaging(rest: OpsgenieRest, ctx: Context): PagingPort {
  const { config } = ctx;
  const byAlias = (alias: string) => unlessNotFound(rest.get(`/v2/alerts/${encodeURIComponent(alias)}?identifierType=alias`, alertAnswer));
  const refOf = (alert: OpsgenieAlert): RemoteRef => ({
    id: alert.id,
    url: safeUrl(`${config.appUrl.replace(/\/+$/, '')}/alert/detail/${encodeURIComponent(wellFormed(alert.id))}/details`),
    title: alert.tinyId ? `#${alert.tinyId}` : 'Opsgenie alert',
  });

  async function create(request: PageRequest, responder: { type: string; name?: string; username?: string }): Promise<RemoteRef> {
    const { incident } = request;
    const body = {
      message: truncate(`${incident.reference}: ${incident.title}`, 130),
      alias: request.dedupKey,
      description: pageDescription(request),
      responders: [responder],
      priority: config.priority[request.urgency],
      source: 'Muster',
      tags: ['muster', incident.severity].map((t) => truncate(t, 50)),
      details: { muster_incident: incident.reference },
    };
    const { requestId } = await rest.post('/v2/alerts', body, acceptedAnswer);
    const alertId = await settledAlertId(rest, requestId, config);
    const alert = alertId ? (await unlessNotFound(rest.get(`/v2/alerts/${encodeURIComponent(alertId)}?identifierType=id`, alertAnswer)))?.data : undefined;
    if (alert) return refOf(alert);
    // Not processed within the polls: the alias is enough to resolve it later.
    ctx.logger.info('Opsgenie had not processed the alert yet; linking it by alias', { requestId });
    return { id: request.dedupKey, title: 'Opsgenie alert' };
  }

  async function pagedFor(schedule: string): Promise<PluginPerson[]> {
    // A responder without a schedule of that name still got the page: the card just cannot say who.
    const people = await unlessNotFound(onCallFor(rest, schedule));
    if (!people) ctx.logger.warn('No Opsgenie schedule of that name: paged, but who is on call is unknown', { schedule });
    return people ?? [];
  }

  return {
    async page(request: PageRequest, options: CallOptions): Promise<PageResult> {
      const { target } = request;
      const earlier = options.uncertainSince ? (await byAlias(request.dedupKey))?.data : undefined;
      if (target.kind === 'person') {
        const username = target.person.email?.trim().toLowerCase();
        if (!username) throw new PluginConfigError(`${target.person.name ?? target.person.id} has no known email, which is their Opsgenie username: page their service instead`);
        const ref = earlier ? refOf(earlier) : await create(request, { type: 'user', username });
        return { paged: [{ platform: 'opsgenie', id: username, name: target.person.name ?? username, email: username }], ref, acknowledged: earlier?.acknowledged ?? false };
      }
      const responder = responderName(target, config);
      const ref = earlier ? refOf(earlier) : await create(request, { type: config.responderType, name: responder });
      return { paged: await pagedFor(scheduleOf(responder, config)), ref, acknowledged: earlier?.acknowledged ?? false };
    },

    async resolve({ incident, dedupKey }) {
      // Closing by alias needs no remembered id; closing a closed or unknown alert changes nothing at Opsgenie.
      await rest.post(`/v2/alerts/${encodeURIComponent(dedupKey)}/close?identifierType=alias`, { source: 'Muster', note: `Resolved in Muster (${incident.reference})` }, acceptedAnswer);
    },

    acknowledgements: opsgenieAcknowledgements,
  };
}

/** What the person paged reads on the phone: the Muster incident, its summary and where the room is. */
function pageDescription({ incident }: PageRequest): string {
  const room = incident.rooms.find((r) => r.url);
  return truncate([
    `Muster incident ${incident.reference} (${incident.severity}): ${incident.title}`,
    incident.summary ?? '',
    incident.services.length ? `Services: ${incident.services.join(', ')}` : '',
    room?.url ? `Room: ${room.url}` : '',
  ].filter(Boolean).join('\n'), 15_000);
}
