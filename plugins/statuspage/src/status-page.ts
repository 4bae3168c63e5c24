import type { CallOptions, PluginContext, PluginIncident, RemoteRef, StatusPagePort } from '@muster/plugin-sdk';
import { componentIdsOf, componentStates, componentStatusFor, incidentStatusFor } from './component-states';
import type { StatuspageConfig } from './config';
import { StatuspageApi, type StatuspageIncident } from './statuspage-api';

/** Statuspage's limit on an incident name. */
const MAX_NAME = 255;
const CLOSED = new Set(['resolved', 'postmortem', 'completed']);

/** Thrown for a private incident: nothing of it may reach a public page. */
export class PrivateIncidentError extends Error {
  override readonly name = 'PrivateIncidentError';
  constructor(reference: string) {
    super(`${reference} is private: Statuspage publishes nothing of a private incident`);
  }
}

/**
 * The `status-page` port over Statuspage's incidents API. Statuspage has no idempotency key, so the
 * incident carries a marker in its documented `metadata` (`{ muster: { incident_id, tenant_id } }`)
 * and every create is preceded by a look among the page's unresolved incidents; an update sent
 * again after an unknown outcome (`uncertainSince`) is looked for among the incident's updates first.
 */
export function statuspagePort(ctx: PluginContext<StatuspageConfig>): StatusPagePort {
  const config = ctx.config;
  const api = () => new StatuspageApi(ctx.http, config.apiUrl, config.pageId, ctx.secrets.require('API_KEY'));
  const marker = (incident: PluginIncident) => ({ muster: { incident_id: incident.id, tenant_id: incident.tenantId, reference: incident.reference } });
  const ours = (incident: PluginIncident) => (remote: StatuspageIncident) => {
    const muster = remote.metadata?.muster as Record<string, unknown> | undefined;
    return muster?.incident_id === incident.id && muster?.tenant_id === incident.tenantId;
  };

  return {
    async publish(incident, update, ref, options: CallOptions): Promise<RemoteRef> {
      if (incident.private) throw new PrivateIncidentError(incident.reference);
      const client = api();
      const componentIds = await componentIdsOf(incident, config, ctx.services, ctx.logger);
      const components = componentStates(componentIds, componentStatusFor(incident.severity, config));
      const later = { body: update.body, status: incidentStatusFor(incident, false, config), component_ids: componentIds, components, deliver_notifications: config.deliverNotifications };

      if (ref) {
        if (options.uncertainSince) {
          const current = await client.get(ref.id);
          if (carries(current, update.body)) return refOf(current);
        }
        return refOf(await client.update(ref.id, later));
      }
      // No ref: the first update, or a call whose earlier attempt may have created the incident.
      const unresolved = await client.unresolved();
      // Metadata is the marker; should a page not keep it, an uncertain retry still knows its own
      // incident by title and text (and only among incidents no other Muster incident marked).
      const existing = unresolved.find(ours(incident))
        ?? (options.uncertainSince ? unresolved.find((r) => !r.metadata?.muster && r.name === incident.title.slice(0, MAX_NAME) && carries(r, update.body)) : undefined);
      if (existing) {
        ctx.logger.info('The Statuspage incident already exists: no second one is created', { incident: incident.reference, statuspageIncident: existing.id });
        return carries(existing, update.body) ? refOf(existing) : refOf(await client.update(existing.id, later));
      }
      const created = await client.create({
        name: incident.title.slice(0, MAX_NAME),
        status: incidentStatusFor(incident, true, config),
        body: update.body,
        component_ids: componentIds,
        components,
        deliver_notifications: config.deliverNotifications,
        metadata: marker(incident),
      });
      return refOf(created);
    },

    // Not refused for a private incident: one made private after it was published must still not stay open on the page.
    async resolve(incident, ref): Promise<void> {
      const client = api();
      const current = await client.get(ref.id);
      if (CLOSED.has(current.status)) return;
      const ids = [...new Set([...current.components.map((c) => c.id), ...await componentIdsOf(incident, config, ctx.services, ctx.logger)])];
      await client.update(ref.id, {
        status: 'resolved',
        body: config.resolvedBody,
        component_ids: ids,
        components: componentStates(ids, 'operational'),
        deliver_notifications: config.deliverNotifications,
      });
    },
  };
}

/** Whether the incident already shows this update (the earlier attempt's PATCH went through). */
function carries(incident: StatuspageIncident, body: string): boolean {
  const wanted = body.trim();
  return incident.incident_updates.some((u) => (u.body ?? '').trim() === wanted);
}

function refOf(incident: StatuspageIncident): RemoteRef {
  const url = incident.shortlink && /^https?:\/\//.test(incident.shortlink) && !/^https?:\/\/[^/]*@/.test(incident.shortlink) ? incident.shortlink : undefined;
  return { id: incident.id, ...(url ? { url } : {}), title: 'Status page' };
}
