import type { PluginIncident, PluginPerson } from '../incident';
import type { Verification, WebhookRequest } from './alert-source';
import type { CallOptions, RemoteRef } from './call-options';

/**
 * `ticketing`: the incident and its follow-ups as tickets (Jira). The host opens the incident's ticket
 * on declaration, one per action item when it is added, and syncs them as they change.
 */
export interface TicketingPort {
  openIncidentTicket(incident: PluginIncident, options: CallOptions): Promise<RemoteRef>;
  openActionItemTicket(incident: PluginIncident, item: ActionItemTicket, options: CallOptions): Promise<RemoteRef>;
  /** The incident changed (status, severity, title): bring its ticket along; `resolved` and later transition it. */
  syncIncident(ticket: RemoteRef, incident: PluginIncident, options: CallOptions): Promise<void>;
  /** A follow-up was done, reopened, reassigned or cancelled in Muster. */
  syncActionItem(ticket: RemoteRef, item: ActionItemTicket, options: CallOptions): Promise<void>;
  /**
   * Optional: reads a webhook from the tracker (already verified) into ticket changes the host applies
   * to action items: a ticket done in Jira marks its follow-up done. Return `[]` for anything else.
   */
  ticketEvents?(request: WebhookRequest): Promise<readonly TicketEvent[]>;
  /**
   * Authenticates that webhook (constant time). Needed when the plugin is not also an `alert-source`,
   * whose `verify` the host uses otherwise. A failure answers 401 and nothing is read.
   */
  verify?(request: WebhookRequest): Verification | Promise<Verification>;
}

export interface ActionItemTicket {
  readonly id: string;
  readonly text: string;
  readonly state: 'open' | 'done' | 'cancelled';
  /** With `email` when Muster knows it: map it onto the tracker's user. */
  readonly owner?: PluginPerson;
}

export interface TicketEvent {
  /** The ticket's id as `openActionItemTicket` returned it (`RemoteRef.id`). */
  readonly ticketId: string;
  readonly state: 'done' | 'open';
}
