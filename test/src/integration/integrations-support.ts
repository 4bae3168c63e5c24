/**
 * Shared by the integrations-*.spec.ts suites: the real server (SQLite, Bolt over signed HTTP, the fake
 * Slack Web API) with the fixture-ops plugin (every outgoing capability, recording its calls) from
 * muster.yaml, a catalogue entry for `checkout`, and the paged person known to Slack by email.
 */
import { INTEGRATION_CALL_TOPIC, type IntegrationCall } from '@muster/server';
import { MAX_ATTEMPTS, TOKENS, type IntegrationStatus, type OutboxHandler, type OutboxMessage } from '@muster/core';
import { SlackE2E } from '../e2e/slack/harness';
import { FIXTURE_DIR } from './plugin-support';

export const OPS = 'fixture-ops';
export const OPS_TOKEN = 'ops-webhook-t0ken-7d1e';
export const LIMA = { id: 'U0LIMA', name: 'ana.lima', email: 'ana@example.com' };

export async function startOps(): Promise<SlackE2E> {
  const e2e = await SlackE2E.start({
    yaml: [`plugins: { ${OPS}: { enabled: true, package: ${JSON.stringify(`${FIXTURE_DIR}/${OPS}.js`)}, config: {} } }`],
    env: { MUSTER_PLUGIN_FIXTURE_OPS_TOKEN: OPS_TOKEN },
  });
  e2e.slack.addUser(LIMA);
  for (const name of ['checkout', 'payments']) {
    await e2e.store.repositories.services.save({ id: `svc-${name}`, tenantId: 'default', name, description: `The ${name} service`, owners: [], subjectMatterExperts: [], runbooks: [], integrations: {}, public: false, origin: 'api' });
  }
  return e2e;
}

export const statusOf = (statuses: readonly IntegrationStatus[], key: string) => statuses.find((s) => s.key === key);

/** The integration.call handler as the server bound it, for calls a test makes with a chosen attempt number. */
export function callHandler(e2e: SlackE2E): OutboxHandler {
  return e2e.server.container.getAll<OutboxHandler>(TOKENS.OutboxHandler).find((h) => h.topic === INTEGRATION_CALL_TOPIC)!;
}

let direct = 0;
/** Runs one call through the handler as the outbox's `attempts`-th claim of a fresh message. */
export function runCall(e2e: SlackE2E, call: Omit<IntegrationCall, 'pluginId' | 'installationId'>, attempts = 1): Promise<void> {
  const payload: IntegrationCall = { pluginId: OPS, installationId: 'config', ...call };
  const message: OutboxMessage = {
    id: `direct-${++direct}`, topic: INTEGRATION_CALL_TOPIC, payload: payload as unknown as Record<string, unknown>,
    idempotencyKey: `test-direct:${direct}:${call.callKey}`, attempts, availableAt: new Date(), createdAt: new Date(),
  };
  return callHandler(e2e).handle(payload as never, message);
}

export { MAX_ATTEMPTS };

/** The integration.call messages the outbox holds (done or not), by idempotency key. */
export async function callKeys(e2e: SlackE2E, like: string): Promise<string[]> {
  const rows = (await e2e.store.dataSource.query('SELECT idempotency_key FROM outbox WHERE topic = ? AND idempotency_key LIKE ?', [INTEGRATION_CALL_TOPIC, `%${like}%`])) as { idempotency_key: string }[];
  return rows.map((r) => r.idempotency_key);
}
