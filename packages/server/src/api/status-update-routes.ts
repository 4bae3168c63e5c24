import { randomUUID } from 'node:crypto';
import { IncidentLocator, StatusUpdates, TOKENS, type Repositories, type StatusUpdate } from '@muster/core';
import type { Store } from '@muster/store';
import type { Container } from 'inversify';
import { SERVER_TOKENS } from '../container/server-tokens';
import { HttpError } from '../http/http-error';
import { json } from '../http/response';
import type { Router } from '../http/router';
import type { OutboxPump } from '../runtime/outbox-pump';
import { apiContext, type ApiCaller } from './api-auth';
import { statusUpdateJson } from './api-json';
import { API_PREFIX, apiRouting } from './api-routing';
import { readApproval, readRejection, readUpdateEdit, readUpdateRequest } from './dashboard-input';

/**
 * Stakeholder status updates over REST, as on the dashboard: list, write or ask for a draft, edit it,
 * approve the version read, reject. Every step is core's StatusUpdates, so its rules hold (nothing is
 * published without an approval naming the version approved; a draft changed meanwhile is refused).
 */
export function registerStatusUpdateRoutes(router: Router, container: Container): void {
  const store = container.get<Store>(SERVER_TOKENS.Store);
  const repos = container.get<Repositories>(TOKENS.Repositories);
  const pump = container.get<OutboxPump>(SERVER_TOKENS.OutboxPump);
  const locator = container.get(IncidentLocator);
  const updates = container.get(StatusUpdates);
  const { authed, write } = apiRouting(store);
  const base = `${API_PREFIX}/incidents/:ref/status-updates`;
  const readOnly = (caller: ApiCaller) => apiContext(caller, `api:read:${randomUUID()}`);

  /**
   * Core finds an update by its id alone; the path also names an incident, and an update is reached only
   * through its own (another incident's id is answered like a missing one, before anything changes).
   */
  const requireUpdateOf = async (caller: ApiCaller, ref: string, updateId: string): Promise<StatusUpdate> => {
    const incident = await locator.locate(readOnly(caller), ref);
    const update = updateId.length <= 200 ? await repos.statusUpdates.findById(updateId) : undefined;
    if (!update || update.incidentId !== incident.id) {
      throw new HttpError('not_found', `${incident.reference} has no status update "${updateId.slice(0, 64)}"; GET ${API_PREFIX}/incidents/${incident.reference}/status-updates lists them.`);
    }
    return update;
  };

  router.get(base, authed(async (r, caller) => {
    const { incident, updates: list } = await updates.list(readOnly(caller), r.params.ref);
    return json(200, { reference: incident.reference, statusUpdates: list.map(statusUpdateJson) });
  }));

  router.post(base, write(readUpdateRequest, async (r, caller, body, key) => {
    const ctx = apiContext(caller, key);
    if (body.body === undefined) {
      // An AI draft is written by the summarizer job and put up for approval in the incident's room.
      const incident = await updates.requestDraft(ctx, body.audience, r.params.ref);
      pump.kick();
      return json(202, {
        reference: incident.reference, audience: body.audience, state: 'requested',
        message: `An AI draft is being written; it appears in GET ${API_PREFIX}/incidents/${incident.reference}/status-updates, awaiting approval, and in the incident's room.`,
      }, { location: `${API_PREFIX}/incidents/${incident.reference}/status-updates` });
    }
    const { update, incident } = await updates.write(ctx, body.audience, body.body, r.params.ref);
    return json(201, statusUpdateJson(update), { location: `${API_PREFIX}/incidents/${incident.reference}/status-updates/${update.id}` });
  }));

  router.get(`${base}/:updateId`, authed(async (r, caller) => json(200, statusUpdateJson(await requireUpdateOf(caller, r.params.ref, r.params.updateId)))));

  router.patch(`${base}/:updateId`, write(readUpdateEdit, async (r, caller, body, key) => {
    await requireUpdateOf(caller, r.params.ref, r.params.updateId);
    const { update } = await updates.edit(apiContext(caller, key), r.params.updateId, body.body, body.version);
    return json(200, statusUpdateJson(update));
  }));

  router.post(`${base}/:updateId/approval`, write(readApproval, async (r, caller, version, key) => {
    await requireUpdateOf(caller, r.params.ref, r.params.updateId);
    const { update } = await updates.approve(apiContext(caller, key), r.params.updateId, version);
    pump.kick();
    return json(200, statusUpdateJson(update));
  }));

  router.post(`${base}/:updateId/rejection`, write(readRejection, async (r, caller, reason, key) => {
    await requireUpdateOf(caller, r.params.ref, r.params.updateId);
    const { update } = await updates.reject(apiContext(caller, key), r.params.updateId, reason);
    pump.kick();
    return json(200, statusUpdateJson(update));
  }));
}
