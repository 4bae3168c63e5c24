import type { AlertSource } from './alert-source';
import type { ConferencePort } from './conference';
import type { NotifierPort } from './notifier';
import type { OnCallPort } from './oncall';
import type { PagingPort } from './paging';
import type { RunbooksPort } from './runbooks';
import type { StatusPagePort } from './status-page';
import type { TicketingPort } from './ticketing';

export * from './alert-source';
export * from './alert-source-options';
export * from './call-options';
export * from './conference';
export * from './notifier';
export * from './oncall';
export * from './paging';
export * from './runbooks';
export * from './status-page';
export * from './ticketing';

/** The typed ports a plugin may provide (Dispatch's capability-typed plugins). */
export interface CapabilityPorts {
  'alert-source': AlertSource;
  paging: PagingPort;
  oncall: OnCallPort;
  ticketing: TicketingPort;
  'status-page': StatusPagePort;
  conference: ConferencePort;
  runbooks: RunbooksPort;
  notifier: NotifierPort;
}

export type Capability = keyof CapabilityPorts;

export const CAPABILITIES: readonly Capability[] = ['alert-source', 'paging', 'oncall', 'ticketing', 'status-page', 'conference', 'runbooks', 'notifier'];

/** What `activate` returns: one implementation for each capability the plugin declares. */
export type ProvidedCapabilities<C extends Capability> = { readonly [K in C]: CapabilityPorts[K] };
