import type { ActionItem, PersonRef } from '@muster/core';
import type { ActionItemTicket, PluginPerson, TicketingPort } from '@muster/plugin-sdk';
import { pluginPersonOf } from '../events/plugin-incident';
import type { CallContext } from './integration-call-context';
import { statusKeys } from './integration-call';
import { checkedRef, linkOf, refOfStatus } from './remote-answers';
import type { TicketIndex } from './ticket-index';

/** `open_ticket`: the incident's ticket, linked on the card. */
export async function openTicket(ctx: CallContext<TicketingPort>): Promise<void> {
  const ref = await ctx.remote('main', (o) => ctx.port.openIncidentTicket(ctx.plain, o), (v) => checkedRef(v, 'openIncidentTicket'));
  const link = linkOf(ref, ref.id);
  await ctx.record(statusKeys.ticket(ctx.pluginId), 'ticket', { state: 'done', remoteId: ref.id, ...(link && { link }), detail: ref.title ?? ref.id });
}

/** `sync_ticket`: status or severity changed; nothing to do before the ticket exists (it opens with the incident as it is then). */
export async function syncTicket(ctx: CallContext<TicketingPort>): Promise<void> {
  const key = statusKeys.ticket(ctx.pluginId);
  const status = ctx.incident.integration(key);
  const ref = status && refOfStatus(status);
  if (!status || !ref) return;
  await ctx.remote('main', async (o) => { await ctx.port.syncIncident(ref, ctx.plain, o); return { synced: true }; }, (v) => v);
  // A sync that failed before left the line `retrying`: it stands again.
  if (status.state !== 'done') await ctx.record(key, 'ticket', { state: 'done', remoteId: ref.id, ...(status.link && { link: status.link }), ...(status.detail && { detail: status.detail }) });
}

/** `open_item_ticket`: a follow-up's ticket, kept on the item and in the index the tracker's webhook reads. */
export async function openItemTicket(ctx: CallContext<TicketingPort>, index: TicketIndex): Promise<void> {
  const item = await itemOf(ctx);
  if (!item) return;
  const ticket = await ticketOf(ctx, item);
  const ref = await ctx.remote('main', (o) => ctx.port.openActionItemTicket(ctx.plain, ticket, o), (v) => checkedRef(v, 'openActionItemTicket'));
  const { installationId } = ctx.installation.spec;
  await index.remember(ctx.pluginId, installationId, ref, { incidentId: ctx.incident.id, actionItemId: item.id });
  const link = linkOf(ref, ref.id);
  if (link) {
    const fresh = await ctx.deps.repos.actionItems.findById(item.id);
    if (fresh && fresh.ticket?.url !== link.url) await ctx.deps.repos.actionItems.save({ ...fresh, ticket: link });
  }
}

/** `sync_item_ticket`: a follow-up changed in Muster; its ticket follows (nothing before it has one). */
export async function syncItemTicket(ctx: CallContext<TicketingPort>, index: TicketIndex): Promise<void> {
  const item = await itemOf(ctx);
  const ref = item && await index.ticketOf(ctx.pluginId, ctx.installation.spec.installationId, item.id);
  if (!item || !ref) return;
  const ticket = await ticketOf(ctx, item);
  await ctx.remote('main', async (o) => { await ctx.port.syncActionItem(ref, ticket, o); return { synced: true }; }, (v) => v);
}

async function itemOf(ctx: CallContext): Promise<ActionItem | undefined> {
  const item = ctx.call.itemId ? await ctx.deps.repos.actionItems.findById(ctx.call.itemId) : undefined;
  return item && item.incidentId === ctx.incident.id ? item : undefined;
}

/** The follow-up as the tracker sees it; its owner with the email their chat directory tells, so the tracker can assign them. */
async function ticketOf(ctx: CallContext, item: ActionItem): Promise<ActionItemTicket> {
  return { id: item.id, text: item.text, state: item.state, ...(item.owner && { owner: await ownerOf(ctx, item.owner) }) };
}

async function ownerOf(ctx: CallContext, owner: PersonRef): Promise<PluginPerson> {
  const room = ctx.incident.snapshot().links.rooms.find((r) => r.platform === owner.platform);
  const directory = room && ctx.deps.directories[room.platform];
  const email = directory && await directory.emailOf(room.workspaceId, owner).catch(() => undefined);
  return { ...pluginPersonOf(owner), ...(email && { email }) };
}
