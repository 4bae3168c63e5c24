import type { ActionItems, IncidentChanges, Repositories } from '@muster/core';
import type { PageAcknowledgement, PagingPort, TicketEvent, TicketingPort, Verification, WebhookRequest } from '@muster/plugin-sdk';
import type { PluginGuard } from '../guard/plugin-guard';
import type { ActiveInstallation } from '../runtime/installation';
import { dedupKeyOf, incidentOfDedupKey, statusKeys } from './integration-call';
import type { TicketIndex } from './ticket-index';

export interface IntegrationWebhookDeps {
  readonly guard: PluginGuard;
  readonly repos: Repositories;
  readonly changes: () => IncidentChanges;
  readonly actionItems: () => ActionItems;
  readonly tickets: TicketIndex;
}

/** Whether the installation hears webhooks through its paging or ticketing port (besides an alert source). */
export function hearsIntegrationWebhooks(installation: ActiveInstallation): boolean {
  const paging = installation.ports.paging as PagingPort | undefined;
  const ticketing = installation.ports.ticketing as TicketingPort | undefined;
  return typeof paging?.acknowledgements === 'function' || typeof ticketing?.ticketEvents === 'function';
}

/** The check a webhook of this installation passes: its alert source's, else the paging or ticketing port's own. */
export function webhookVerifier(installation: ActiveInstallation): ((request: WebhookRequest) => Verification | Promise<Verification>) | undefined {
  const source = installation.ports['alert-source'];
  if (source) return (r) => source.verify(r);
  const paging = installation.ports.paging as PagingPort | undefined;
  if (paging?.verify) return (r) => paging.verify!(r);
  const ticketing = installation.ports.ticketing as TicketingPort | undefined;
  if (ticketing?.verify) return (r) => ticketing.verify!(r);
  return undefined;
}

export interface IntegrationWebhookOutcome { readonly acknowledged: number; readonly settled: number }

/**
 * A verified webhook read by the paging port (acknowledgements) and the ticketing port (ticket
 * events), each applied only to this installation's tenant's incidents: a dedup key or ticket id naming
 * another tenant's incident changes nothing. Stored before it returns; applying it again changes nothing.
 * Throws when a port fails, so the sender is answered 5xx and sends it again.
 */
export async function receiveIntegrationWebhook(installation: ActiveInstallation, request: WebhookRequest, deps: IntegrationWebhookDeps): Promise<IntegrationWebhookOutcome> {
  const paging = installation.ports.paging as PagingPort | undefined;
  const ticketing = installation.ports.ticketing as TicketingPort | undefined;
  let acknowledged = 0;
  let settled = 0;
  if (paging?.acknowledgements) {
    const acks = await guarded(installation, deps, 'acknowledgements', () => paging.acknowledgements!(request));
    for (const ack of acks.slice(0, 100)) if (await applyAcknowledgement(installation, ack, deps)) acknowledged++;
  }
  if (ticketing?.ticketEvents) {
    const events = await guarded(installation, deps, 'ticketEvents', () => ticketing.ticketEvents!(request));
    for (const event of events.slice(0, 100)) if (await applyTicketEvent(installation, event, deps)) settled++;
  }
  return { acknowledged, settled };
}

async function guarded<T>(installation: ActiveInstallation, deps: IntegrationWebhookDeps, what: string, work: () => Promise<readonly T[]>): Promise<readonly T[]> {
  const { definition, installationId } = installation.spec;
  const outcome = await deps.guard.run({ pluginId: definition.id, pluginName: definition.name, installationId, operation: 'parse', what, redactor: installation.redactor }, work);
  if (!outcome.ok) throw new Error(`The ${definition.id} plugin could not read the webhook (${what}): ${outcome.reason}`);
  return Array.isArray(outcome.value) ? outcome.value : [];
}

async function applyAcknowledgement(installation: ActiveInstallation, ack: PageAcknowledgement, deps: IntegrationWebhookDeps): Promise<boolean> {
  if (typeof ack?.dedupKey !== 'string' || (ack.state !== 'acknowledged' && ack.state !== 'resolved')) return false;
  const incidentId = incidentOfDedupKey(ack.dedupKey);
  const incident = incidentId && await deps.repos.incidents.findById(incidentId);
  if (!incident || incident.tenantId !== installation.spec.tenantId) return false;
  const pluginId = installation.spec.definition.id;
  const prefix = statusKeys.page(pluginId, '');
  const status = incident.integrations.find((s) => s.key.startsWith(prefix) && dedupKeyOf(incident.id, s.key.slice(prefix.length)) === ack.dedupKey);
  if (!status) return false;
  const by = ack.by?.name ?? ack.by?.email;
  const paged = status.detail?.split(' · ')[0];
  // The card adds "· acknowledged" itself (integration-line.ts): the detail says who.
  const detail = [paged, by && `by ${String(by).slice(0, 100)}`].filter(Boolean).join(' · ');
  let changed = false;
  await deps.changes().applySystem(incident.id, (fresh, _tx, now) => {
    const current = fresh.integration(status.key);
    // A resolve is final: a late acknowledgement does not bring it back.
    if (!current || (current.state === 'resolved' && ack.state === 'acknowledged')) return false;
    changed = fresh.recordIntegration({ ...current, state: ack.state, detail }, now);
    return changed;
  });
  return changed;
}

async function applyTicketEvent(installation: ActiveInstallation, event: TicketEvent, deps: IntegrationWebhookDeps): Promise<boolean> {
  if (typeof event?.ticketId !== 'string' || (event.state !== 'done' && event.state !== 'open')) return false;
  const { definition, installationId, tenantId } = installation.spec;
  const owner = await deps.tickets.ownerOf(definition.id, installationId, event.ticketId);
  const incident = owner && await deps.repos.incidents.findById(owner.incidentId);
  if (!owner || !incident || incident.tenantId !== tenantId) return false;
  const item = await deps.repos.actionItems.findById(owner.actionItemId);
  if (!item || item.incidentId !== incident.id) return false;
  const ticket = (await deps.tickets.ticketOf(definition.id, installationId, item.id))?.title ?? event.ticketId;
  const settled = await deps.actionItems().settleFromTracker(item.id, event.state, {
    source: definition.id, actor: { platform: 'webhook', id: definition.id, name: definition.name }, ticket: String(ticket).slice(0, 200),
  });
  return !!settled;
}
