import type { Clock } from '@muster/core';
import type { RemoteRef } from '@muster/plugin-sdk';
import { HOST_STORAGE_PREFIX, type PluginStorageRepository } from '@muster/store';

/**
 * Which follow-up a tracker's ticket is, kept in the installation's plugin storage under the host's
 * reserved prefix (ctx.storage refuses `muster:` keys, so a plugin cannot rewrite it; they do not count
 * toward the plugin's key limit): the tracker's webhook names a ticket, and only this tells the host whose item it is.
 */
export const HOST_KEY_PREFIX = HOST_STORAGE_PREFIX;
const byTicket = (ticketId: string) => `${HOST_KEY_PREFIX}ticket:${ticketId}`.slice(0, 191);
const byItem = (itemId: string) => `${HOST_KEY_PREFIX}item:${itemId}`.slice(0, 191);

export interface TicketOwner { readonly incidentId: string; readonly actionItemId: string }

export class TicketIndex {
  constructor(private readonly storage: PluginStorageRepository, private readonly clock: Clock) {}

  async remember(pluginId: string, installationId: string, ticket: RemoteRef, owner: TicketOwner): Promise<void> {
    const at = this.clock.now();
    await this.storage.set(pluginId, installationId, byTicket(ticket.id), JSON.stringify(owner), at);
    await this.storage.set(pluginId, installationId, byItem(owner.actionItemId), JSON.stringify(ticket), at);
  }

  async ownerOf(pluginId: string, installationId: string, ticketId: string): Promise<TicketOwner | undefined> {
    return parsed<TicketOwner>(await this.storage.get(pluginId, installationId, byTicket(ticketId)));
  }

  async ticketOf(pluginId: string, installationId: string, itemId: string): Promise<RemoteRef | undefined> {
    return parsed<RemoteRef>(await this.storage.get(pluginId, installationId, byItem(itemId)));
  }
}

function parsed<T>(text: string | undefined): T | undefined {
  if (text === undefined) return undefined;
  try { return JSON.parse(text) as T; } catch { return undefined; }
}
