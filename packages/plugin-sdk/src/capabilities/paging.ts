import type { PluginIncident, PluginPerson } from '../incident';
import type { PluginService } from '../catalog';
import type { CallOptions, RemoteRef } from './call-options';
import type { Verification, WebhookRequest } from './alert-source';

/**
 * `paging`: wake people up through a paging service (PagerDuty Events API v2, Opsgenie Alert API).
 * The host pages on declaration when the severity level says so (`page:` in `severities`), and on
 * `/incident page <service|@person>`; it resolves what it paged when Muster's incident resolves.
 */
export interface PagingPort {
  /**
   * Pages the on-call of `target` for the incident. Idempotent per `dedupKey` (send it as the
   * vendor's dedup key / alias): paging again with the same key must not wake anyone twice.
   */
  page(request: PageRequest, options: CallOptions): Promise<PageResult>;
  /** Muster's incident resolved: resolve what `page` opened (by `dedupKey`, or the `ref` it returned). */
  resolve(request: { readonly incident: PluginIncident; readonly dedupKey: string; readonly ref?: RemoteRef }, options: CallOptions): Promise<void>;
  /**
   * Optional: reads a webhook from the paging service (already verified with the plugin's
   * `webhookAuth`/`verify`) into acknowledgements of pages Muster sent, by their `dedupKey`. The host
   * shows "acknowledged by …" on the card. Return `[]` for anything else.
   */
  acknowledgements?(request: WebhookRequest): Promise<readonly PageAcknowledgement[]>;
  /**
   * Authenticates that webhook (constant time). Needed when the plugin is not also an `alert-source`,
   * whose `verify` the host uses otherwise. A failure answers 401 and nothing is read.
   */
  verify?(request: WebhookRequest): Verification | Promise<Verification>;
}

/** Every `dedupKey` the host composes starts with this. */
export const MUSTER_PAGE_PREFIX = 'muster:';

/**
 * Whether a vendor's dedup key or alias names a page Muster sent. An alert source that also pages must
 * read webhooks about its own pages as nothing (`[]`): otherwise paging for an incident would declare
 * another one when the vendor reports the page it just opened.
 */
export const isMusterPage = (dedupKey: string | undefined | null): boolean => typeof dedupKey === 'string' && dedupKey.startsWith(MUSTER_PAGE_PREFIX);

export interface PageRequest {
  readonly incident: PluginIncident;
  /**
   * A service (its catalogue entry when Muster's service catalogue has it: `integrations[<plugin id>]`
   * names it at the vendor) or one person (by email, when known).
   */
  readonly target:
    | { readonly kind: 'service'; readonly name: string; readonly service?: PluginService }
    | { readonly kind: 'person'; readonly person: PluginPerson };
  /** At most 200 characters, starting with `muster:`; the same page asked again carries the same key. */
  readonly dedupKey: string;
  readonly urgency: 'high' | 'low';
}

export interface PageResult {
  /** Whom the page went to (with emails where the vendor tells them): the host invites them to the room. */
  readonly paged: readonly PluginPerson[];
  /** The remote incident or alert, linked on the card. */
  readonly ref?: RemoteRef;
  readonly acknowledged?: boolean;
}

export interface PageAcknowledgement {
  readonly dedupKey: string;
  readonly by?: PluginPerson;
  /** Also `resolved` when the page was resolved at the vendor. */
  readonly state: 'acknowledged' | 'resolved';
}
