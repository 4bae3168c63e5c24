import type { PluginIncident, PluginPerson } from '../incident';

/** `paging`: wake people up through a paging service (PagerDuty, Opsgenie). */
export interface PagingPort {
  /** Pages the on-call of `target` (a service name or a person) for the incident; idempotent per `dedupKey`. */
  page(request: PageRequest): Promise<PageResult>;
  /** Called when Muster's incident resolves: resolve what was paged. */
  resolve(incident: PluginIncident, dedupKey: string): Promise<void>;
}

export interface PageRequest {
  readonly incident: PluginIncident;
  readonly target: { readonly kind: 'service'; readonly name: string } | { readonly kind: 'person'; readonly person: PluginPerson };
  readonly dedupKey: string;
  readonly urgency: 'high' | 'low';
}

export interface PageResult {
  readonly paged: readonly PluginPerson[];
  /** The remote incident or alert, linked on the card. */
  readonly link?: { readonly title: string; readonly url: string };
  readonly acknowledged?: boolean;
}
