import { createHash } from 'node:crypto';
import { MUSTER_PAGE_PREFIX, type Capability } from '@muster/plugin-sdk';
import type { NewOutboxMessage } from '@muster/core';
import { z } from 'zod';
import type { ActiveInstallation } from '../runtime/installation';

/** The outbox topic of one capability call into one installation. */
export const INTEGRATION_CALL_TOPIC = 'integration.call' as const;

/** What the host asks of a plugin, and the capability each needs. */
export const INTEGRATION_OPS = {
  page: 'paging',
  resolve_pages: 'paging',
  open_ticket: 'ticketing',
  sync_ticket: 'ticketing',
  open_item_ticket: 'ticketing',
  sync_item_ticket: 'ticketing',
  start_conference: 'conference',
  end_conference: 'conference',
  post_runbook: 'runbooks',
  publish_status_page: 'status-page',
  resolve_status_page: 'status-page',
  notify: 'notifier',
} as const satisfies Record<string, Capability>;
export type IntegrationOp = keyof typeof INTEGRATION_OPS;

const PERSON = z.object({ platform: z.string(), id: z.string(), name: z.string().optional(), email: z.string().optional() });
export const PAGE_TARGET = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('service'), name: z.string().min(1).max(200) }),
  z.object({ kind: z.literal('person'), person: PERSON }),
]);
export type PageTargetRef = z.infer<typeof PAGE_TARGET>;

/** The payload as stored: keys only; the handler reads the incident, item, update and statuses as they are when it runs. */
export const INTEGRATION_CALL = z.object({
  op: z.enum(Object.keys(INTEGRATION_OPS) as [IntegrationOp, ...IntegrationOp[]]),
  pluginId: z.string(),
  installationId: z.string(),
  incidentId: z.string(),
  /** Stable across every attempt and every redelivery of the change: CallOptions.idempotencyKey. */
  callKey: z.string(),
  target: PAGE_TARGET.optional(),
  urgency: z.enum(['high', 'low']).optional(),
  service: z.string().optional(),
  itemId: z.string().optional(),
  updateId: z.string().optional(),
  /** A second message for a call (a room opened later): it waits for the first's remote step rather than race it. */
  repeat: z.boolean().optional(),
  /** For `notify`: the event as NotifierEvent names it. */
  event: z.object({ type: z.string(), id: z.string(), occurredAt: z.string(), detail: z.record(z.string(), z.unknown()) }).optional(),
});
export type IntegrationCall = z.infer<typeof INTEGRATION_CALL>;

declare module '@muster/core' {
  interface TopicPayloads {
    /** One capability call into one plugin installation (plugins/integrations). */
    'integration.call': IntegrationCall;
  }
}

/** How a page target is named in keys: the service name, or `@<email or platform:id>` for a person. */
export function targetName(target: PageTargetRef): string {
  return target.kind === 'service' ? target.name : `@${target.person.email ?? `${target.person.platform}:${target.person.id}`}`;
}

/** The vendor dedup key of a page (PagerDuty dedup_key, Opsgenie alias): also how its webhooks find the incident again. */
export function dedupKeyOf(incidentId: string, target: string): string {
  return bounded(`${MUSTER_PAGE_PREFIX}${incidentId}:${target}`, 200);
}

/** Parses what dedupKeyOf made; undefined for anything else. */
export function incidentOfDedupKey(dedupKey: string): string | undefined {
  const match = /^muster:([^:]+):/.exec(dedupKey);
  return match?.[1];
}

/** The IntegrationStatus keys the card shows one line for. */
export const statusKeys = {
  page: (pluginId: string, target: string) => bounded(`page:${pluginId}:${target}`, 200),
  ticket: (pluginId: string) => `ticket:${pluginId}`,
  conference: (pluginId: string) => `conference:${pluginId}`,
  runbook: (service: string) => bounded(`runbook:${service}`, 200),
  statusPage: (pluginId: string) => `status_page:${pluginId}`,
} as const;

/** A key kept under `max` characters: a long one keeps its readable start and ends in a hash of the whole. */
export function bounded(key: string, max: number): string {
  if (key.length <= max) return key;
  const hash = createHash('sha256').update(key).digest('base64url').slice(0, 22);
  return `${key.slice(0, max - 23)}~${hash}`;
}

/**
 * The outbox message of one call: its idempotency key names plugin, installation and `key` (the
 * CallOptions.idempotencyKey, bounded). `again` makes a second message for the same call (the same
 * remote step, shared through the effect log): a room opened after the call ran gets its invitations,
 * runbook and bookmark without a second page or meeting.
 */
export function callMessage(
  installation: ActiveInstallation, incidentId: string, op: IntegrationOp, key: string, spec: Omit<Partial<IntegrationCall>, 'op'>, now: Date, again?: string,
): NewOutboxMessage {
  const { definition, installationId } = installation.spec;
  const callKey = bounded(key, 180);
  const payload: IntegrationCall = { ...spec, op, pluginId: definition.id, installationId, incidentId, callKey, ...(again && { repeat: true }) };
  return {
    topic: INTEGRATION_CALL_TOPIC, payload: payload as unknown as Record<string, unknown>, availableAt: now,
    idempotencyKey: bounded(`${INTEGRATION_CALL_TOPIC}:${definition.id}:${installationId}:${callKey}${again ? `:${again}` : ''}`, 250),
  };
}
