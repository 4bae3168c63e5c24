import {
  ActionItems, AssignRole, ChangeSeverity, IncidentLocator, TransitionIncident, TOKENS, type MusterSettings, type Repositories,
} from '@muster/core';
import { randomUUID } from 'node:crypto';
import type { Store } from '@muster/store';
import type { Container } from 'inversify';
import { SERVER_TOKENS } from '../container/server-tokens';
import { badRequest } from '../http/http-error';
import { json } from '../http/response';
import type { Router } from '../http/router';
import type { OutboxPump } from '../runtime/outbox-pump';
import { apiContext } from './api-auth';
import { actionItemJson, incidentJson } from './api-json';
import { API_PREFIX, apiRouting } from './api-routing';
import {
  readActionItemBody, readActionItemPatch, readRoleBody, readSeverityBody, readTransitionBody, TRANSITION_ACTIONS,
} from './change-input';

/**
 * Changes to one incident: lifecycle, severity, roles, action items (status updates are in
 * status-update-routes.ts, the postmortem in postmortem-routes.ts). Every
 * change goes through a core service, so core's permission and access checks apply to REST as to chat.
 */
export function registerIncidentChangeRoutes(router: Router, container: Container): void {
  const store = container.get<Store>(SERVER_TOKENS.Store);
  const repos = container.get<Repositories>(TOKENS.Repositories);
  const settings = container.get<MusterSettings>(TOKENS.Settings);
  const pump = container.get<OutboxPump>(SERVER_TOKENS.OutboxPump);
  const transitions = container.get(TransitionIncident);
  const severity = container.get(ChangeSeverity);
  const roles = container.get(AssignRole);
  const locator = container.get(IncidentLocator);
  const actionItems = container.get(ActionItems);
  const { authed, write } = apiRouting(store);
  const incidentPath = `${API_PREFIX}/incidents/:ref`;

  router.post(`${incidentPath}/transitions`, write(readTransitionBody, async (r, caller, body, key) => {
    const { incident } = await transitions.execute(apiContext(caller, key), TRANSITION_ACTIONS[body.action], r.params.ref, body.reason);
    pump.kick();
    return json(200, incidentJson(incident));
  }));

  router.put(`${incidentPath}/severity`, write(readSeverityBody, async (r, caller, wanted, key) => {
    const level = settings.severities.find(wanted);
    if (!level) throw badRequest(`"severity" must be one of ${settings.severities.ids().join(', ')} (got "${wanted.slice(0, 40)}").`, 'validation_failed');
    const { incident } = await severity.execute(apiContext(caller, key), level.id, r.params.ref);
    pump.kick();
    return json(200, incidentJson(incident));
  }));

  router.put(`${incidentPath}/roles/:role`, write(readRoleBody, async (r, caller, person, key) => {
    const role = settings.roles.find(r.params.role);
    if (!role) throw badRequest(`There is no role "${r.params.role.slice(0, 40)}" in the path; roles are ${settings.roles.roles.map((x) => x.id).join(', ')}.`, 'validation_failed');
    const { incident } = await roles.execute(apiContext(caller, key), role.id, person, r.params.ref);
    pump.kick();
    return json(200, incidentJson(incident));
  }));

  router.get(`${incidentPath}/action-items`, authed(async (r, caller) => {
    const incident = await locator.locate(apiContext(caller, `api:read:${randomUUID()}`), r.params.ref);
    const items = await repos.actionItems.listByIncident(incident.id);
    return json(200, { reference: incident.reference, actionItems: items.map(actionItemJson) });
  }));

  router.post(`${incidentPath}/action-items`, write(readActionItemBody, async (r, caller, body, key) => {
    const { item } = await actionItems.add(apiContext(caller, key), body.text, body.owner, r.params.ref, body.dueAt);
    pump.kick();
    return json(201, actionItemJson(item), { location: `${API_PREFIX}/incidents/${r.params.ref.toUpperCase()}/action-items/${item.id}` });
  }));

  router.patch(`${incidentPath}/action-items/:itemId`, write(readActionItemPatch, async (r, caller, patch, key) => {
    const { item } = await actionItems.change(apiContext(caller, key), r.params.ref, { id: r.params.itemId }, {
      ...(patch.complete && { state: 'done' as const }), ...(patch.owner !== undefined && { owner: patch.owner }),
      ...(patch.dueAt !== undefined && { dueAt: patch.dueAt }),
    });
    pump.kick();
    return json(200, actionItemJson(item));
  }));
}
