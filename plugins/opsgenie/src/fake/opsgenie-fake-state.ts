import { randomUUID } from 'node:crypto';

/*
 * What the Opsgenie fake keeps: schedules with who is on call, teams, users, alerts by alias and the
 * asynchronous create requests, shaped as the Alert API and Who-is-on-call API answer them.
 * `webhookBody` is the post the outgoing Webhook integration would send for an alert action.
 */

export interface FakeAlert {
  readonly id: string;
  readonly tinyId: string;
  readonly alias: string;
  readonly message: string;
  readonly description?: string;
  readonly priority: string;
  readonly responders: readonly { readonly type: string; readonly name?: string; readonly username?: string }[];
  status: 'open' | 'closed';
  acknowledged: boolean;
  /** 1, and one more for each create Opsgenie de-duplicated into this alert. */
  count: number;
  readonly createdAt: string;
  /** Acknowledge and Close actions, with who did them (a close note too). */
  readonly history: { readonly action: string; readonly by?: string; readonly note?: string }[];
}

/** A create as Opsgenie answers it later: pending for `pendingPolls` more status requests, then its outcome. */
export interface FakeRequest {
  pendingPolls: number;
  readonly outcome: { readonly isSuccess: boolean; readonly status: string; readonly alertId?: string; readonly alias?: string; readonly action: string };
}

export const took = () => ({ took: 0.004, requestId: randomUUID() });

export const alertJson = (alert: FakeAlert) => ({
  id: alert.id,
  tinyId: alert.tinyId,
  alias: alert.alias,
  message: alert.message,
  status: alert.status,
  acknowledged: alert.acknowledged,
  isSeen: alert.acknowledged,
  snoozed: false,
  count: alert.count,
  priority: alert.priority,
  source: 'Muster',
  createdAt: alert.createdAt,
  updatedAt: new Date().toISOString(),
  description: alert.description ?? '',
  responders: alert.responders.map((r) => ({ type: r.type, id: randomUUID() })),
  tags: [],
});

/** The Webhook integration's post for `action` (Acknowledge, Close, ...) on this alert by `username`. */
export function webhookBody(alert: FakeAlert, action: string, username: string) {
  return {
    source: { name: '', type: 'web' },
    alert: {
      updatedAt: Date.now() * 1_000_000 + alert.history.length,
      tags: [],
      teams: [],
      recipients: [],
      message: alert.message,
      username,
      alertId: alert.id,
      source: 'Muster',
      alias: alert.alias,
      tinyId: alert.tinyId,
      createdAt: Date.parse(alert.createdAt),
      userId: randomUUID(),
      entity: '',
      priority: alert.priority,
    },
    action,
    integrationId: '37c8f316-17c6-49d7-899b-9c7e540c048d',
    integrationName: 'Muster',
    integrationType: 'Webhook',
  };
}
