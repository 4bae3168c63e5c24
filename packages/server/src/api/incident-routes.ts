import { randomUUID } from 'node:crypto';
import {
  AccessPolicy, DeclareIncident, IncidentLocator, RecordNotes, TOKENS, type Incident, type MusterSettings, type Repositories,
} from '@muster/core';
import type { Store } from '@muster/store';
import type { Container } from 'inversify';
import { SERVER_TOKENS } from '../container/server-tokens';
import { badRequest } from '../http/http-error';
import { json } from '../http/response';
import type { Router } from '../http/router';
import type { OutboxPump } from '../runtime/outbox-pump';
import { apiContext, type ApiCaller } from './api-auth';
import { incidentJson, timelineEntryJson } from './api-json';
import { readDeclareBody, readLimit, readList, readNoteBody, readStatuses, readWhole } from './api-input';
import { API_PREFIX, apiRouting } from './api-routing';
import { readDeclaredWindow, readSearch } from './dashboard-input';
import { listIncidentPage } from './incident-list';

export { API_PREFIX } from './api-routing';
const MAX_NUMBER = 999_999_999;

/**
 * The REST API over incidents: listing, reading, declaring, notes. The postmortem is in
 * postmortem-routes.ts, status updates in status-update-routes.ts. Changes to an incident are
 * in incident-change-routes.ts. Writes kick the outbox so rooms open at once.
 */
export function registerIncidentRoutes(router: Router, container: Container): void {
  const store = container.get<Store>(SERVER_TOKENS.Store);
  const repos = container.get<Repositories>(TOKENS.Repositories);
  const settings = container.get<MusterSettings>(TOKENS.Settings);
  const pump = container.get<OutboxPump>(SERVER_TOKENS.OutboxPump);
  const declare = container.get(DeclareIncident);
  const notes = container.get(RecordNotes);
  const access = container.get(AccessPolicy);
  const locator = container.get(IncidentLocator);
  const { authed, write } = apiRouting(store);
  const readOnly = (caller: ApiCaller) => apiContext(caller, `api:read:${randomUUID()}`);

  router.get(`${API_PREFIX}/incidents`, authed(async (r, caller) => {
    const severities = readList(r.url, 'severity')?.map((id) => {
      const level = settings.severities.find(id);
      if (!level) throw badRequest(`"severity" must be one or more of ${settings.severities.ids().join(', ')} (got "${id.slice(0, 40)}").`);
      return level.id;
    });
    const limit = readLimit(r.url, 50, 200);
    const { incidents, nextBefore } = await listIncidentPage(repos, access, readOnly(caller), {
      tenantId: caller.tenantId, statuses: readStatuses(r.url), severities, limit, beforeNumber: readWhole(r.url, 'before', 1, MAX_NUMBER), ...readDeclaredWindow(r.url),
    }, readSearch(r.url));
    return json(200, { incidents: incidents.map(incidentJson), nextBefore });
  }));

  router.post(`${API_PREFIX}/incidents`, write(readDeclareBody, async (_r, caller, body, key) => {
    const { incident } = await declare.execute(apiContext(caller, key), body);
    pump.kick();
    return json(201, { ...incidentJson(incident), room: roomPlan(incident, settings) }, { location: `${API_PREFIX}/incidents/${incident.reference}` });
  }));

  router.get(`${API_PREFIX}/incidents/:ref`, authed(async (r, caller) => {
    const incident = await locator.locate(readOnly(caller), r.params.ref);
    return json(200, incidentJson(incident));
  }));

  router.get(`${API_PREFIX}/incidents/:ref/timeline`, authed(async (r, caller) => {
    const incident = await locator.locate(readOnly(caller), r.params.ref);
    const limit = readLimit(r.url, 100, 500);
    const entries = await repos.timeline.list(incident.id, { afterPosition: readWhole(r.url, 'after', 0, Number.MAX_SAFE_INTEGER), limit });
    const last = entries.at(-1);
    return json(200, { reference: incident.reference, entries: entries.map(timelineEntryJson), nextAfter: entries.length === limit && last?.position !== undefined ? last.position : null });
  }));

  router.post(`${API_PREFIX}/incidents/:ref/timeline`, write(readNoteBody, async (r, caller, text, key) => {
    const ctx = apiContext(caller, key);
    const { reference } = await notes.note(ctx, text, r.params.ref);
    const entry = await repos.timeline.findByKey(`request:${ctx.idempotencyKey}`);
    pump.kick();
    return json(201, entry ? timelineEntryJson(entry) : null, { location: `${API_PREFIX}/incidents/${reference}/timeline` });
  }));

}

/**
 * Where the incident's room opens, mirroring core's IncidentRecorder rule for declarations from
 * outside chat: on the configured home platform, and only at severities that create rooms.
 */
export function roomPlan(incident: Incident, settings: MusterSettings) {
  const { homePlatform, homeWorkspaceId } = settings;
  if (!homePlatform || !homeWorkspaceId) {
    return { willOpen: false, platform: null, workspaceId: null, reason: 'No room will open: incidents declared through the API open a room only when homePlatform and homeWorkspaceId are set in muster.yaml.' };
  }
  if (!settings.severities.find(incident.severity)?.createsRoom) {
    return { willOpen: false, platform: homePlatform, workspaceId: homeWorkspaceId, reason: `No room will open: ${incident.severity} does not create rooms.` };
  }
  return { willOpen: true, platform: homePlatform, workspaceId: homeWorkspaceId, reason: `A room opens on ${homePlatform} (workspace ${homeWorkspaceId}); GET ${API_PREFIX}/incidents/${incident.reference} lists it under links.rooms once it exists.` };
}
