import { randomUUID } from 'node:crypto';
import {
  DeclareIncident, IncidentLocator, Postmortems, RecordNotes, TOKENS, type MusterSettings, type Repositories,
} from '@muster/core';
import type { Store } from '@muster/store';
import type { Container } from 'inversify';
import { SERVER_TOKENS } from '../container/server-tokens';
import { badRequest } from '../http/http-error';
import { readJsonBody } from '../http/json-body';
import { json, type HttpResponse } from '../http/response';
import type { RouteRequest, Router } from '../http/router';
import type { OutboxPump } from '../runtime/outbox-pump';
import { apiContext, authenticate, type ApiCaller } from './api-auth';
import { incidentJson, timelineEntryJson } from './api-json';
import { readDeclareBody, readIdempotencyKey, readLimit, readList, readNoteBody, readStatuses, readWhole } from './api-input';

export const API_PREFIX = '/api/v1';
const MAX_NUMBER = 999_999_999;

/**
 * The REST API over incidents. API tokens see every incident, private ones included: a token is an
 * administrator's credential (see the README). Writes kick the outbox so rooms open at once.
 */
export function registerIncidentRoutes(router: Router, container: Container): void {
  const store = container.get<Store>(SERVER_TOKENS.Store);
  const repos = container.get<Repositories>(TOKENS.Repositories);
  const settings = container.get<MusterSettings>(TOKENS.Settings);
  const pump = container.get<OutboxPump>(SERVER_TOKENS.OutboxPump);
  const declare = container.get(DeclareIncident);
  const notes = container.get(RecordNotes);
  const postmortems = container.get(Postmortems);
  const locator = container.get(IncidentLocator);

  const authed = (handler: (r: RouteRequest, caller: ApiCaller) => Promise<HttpResponse>) =>
    async (r: RouteRequest) => handler(r, await authenticate(r.req, store.apiTokens));
  const keyFor = (r: RouteRequest, caller: ApiCaller) => {
    const key = readIdempotencyKey(r.req.headers['idempotency-key']);
    return key ? `api:${caller.tokenName}:${key}` : `api:${randomUUID()}`;
  };
  const readOnly = (caller: ApiCaller) => apiContext(caller, `api:read:${randomUUID()}`);

  router.get(`${API_PREFIX}/incidents`, authed(async (r, caller) => {
    const severities = readList(r.url, 'severity')?.map((id) => {
      const level = settings.severities.find(id);
      if (!level) throw badRequest(`"severity" must be one or more of ${settings.severities.ids().join(', ')} (got "${id.slice(0, 40)}").`);
      return level.id;
    });
    const limit = readLimit(r.url, 50, 200);
    const incidents = await repos.incidents.list({
      tenantId: readOnly(caller).workspaceId,
      statuses: readStatuses(r.url), severities, limit, beforeNumber: readWhole(r.url, 'before', 1, MAX_NUMBER),
    });
    const last = incidents.at(-1);
    return json(200, { incidents: incidents.map(incidentJson), nextBefore: incidents.length === limit && last ? last.snapshot().number : null });
  }));

  router.post(`${API_PREFIX}/incidents`, authed(async (r, caller) => {
    const idempotencyKey = keyFor(r, caller);
    const body = readDeclareBody(await readJsonBody(r.req));
    const { incident, replayed } = await declare.execute(apiContext(caller, idempotencyKey), body);
    pump.kick();
    return json(201, incidentJson(incident), { location: `${API_PREFIX}/incidents/${incident.reference}`, ...(replayed && { 'idempotent-replayed': 'true' }) });
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

  router.post(`${API_PREFIX}/incidents/:ref/timeline`, authed(async (r, caller) => {
    const ctx = apiContext(caller, keyFor(r, caller));
    const text = readNoteBody(await readJsonBody(r.req));
    await notes.note(ctx, text, r.params.ref);
    const entry = await repos.timeline.findByKey(`request:${ctx.idempotencyKey}`);
    pump.kick();
    return json(201, entry ? timelineEntryJson(entry) : null);
  }));

  router.get(`${API_PREFIX}/incidents/:ref/postmortem`, authed(async (r, caller) => {
    const doc = await postmortems.open(readOnly(caller), r.params.ref);
    return { status: 200, text: doc.markdown, headers: { 'content-type': 'text/markdown; charset=utf-8', 'content-disposition': `inline; filename="${doc.incident.reference}-postmortem.md"` } };
  }));
}
