import type { PluginIncident, PluginPerson } from '../incident';

/** `ticketing`: the incident and its follow-ups as tickets (Jira). */
export interface TicketingPort {
  openIncidentTicket(incident: PluginIncident, idempotencyKey: string): Promise<TicketRef>;
  openActionItemTicket(incident: PluginIncident, item: { readonly id: string; readonly text: string; readonly owner?: PluginPerson }, idempotencyKey: string): Promise<TicketRef>;
  syncStatus(ticket: TicketRef, status: PluginIncident['status'] | 'done' | 'open'): Promise<void>;
}

export interface TicketRef {
  readonly key: string;
  readonly url: string;
}
