import type { IncomingMessage } from 'node:http';
import { type AlertIntake, type Clock, type Logger } from '@muster/core';
import type { AlertSource, WebhookRequest } from '@muster/plugin-sdk';
import { errorResponse } from '../../http/error-boundary';
import { errorBody, json, writeResponse, type HttpResponse } from '../../http/response';
import type { Router } from '../../http/router';
import type { ServerMetrics } from '../../metrics/server-metrics';
import type { PluginGuard } from '../guard/plugin-guard';
import type { ActiveInstallation } from '../runtime/installation';
import type { PluginHost } from '../runtime/plugin-host';
import { hearsIntegrationWebhooks, receiveIntegrationWebhook, webhookVerifier, type IntegrationWebhookDeps } from '../integrations/integration-webhooks';
import { alertOriginOf } from './alert-origin';
import { checkedSignals } from './signal-check';
import { readWebhookBody, webhookRequestOf, WEBHOOK_BODY_LIMIT_BYTES } from './webhook-request';

export const WEBHOOK_PATH = '/webhooks/:pluginId';
const MAX_REASON = 300;

interface WebhookDeps {
  readonly host: PluginHost;
  readonly guard: PluginGuard;
  readonly intake: AlertIntake;
  readonly metrics: ServerMetrics;
  readonly clock: Clock;
  readonly logger: Logger;
  /** Acknowledgements (paging) and ticket events (ticketing) for plugins whose ports read webhooks. */
  readonly integrations?: IntegrationWebhookDeps;
}

const isPayloadError = (error: unknown): error is Error & { reason: string } =>
  error instanceof Error && error.name === 'PayloadError' && typeof (error as { reason?: unknown }).reason === 'string';

/**
 * `POST /webhooks/<plugin id>`: an alert source's notification, or a paging service's acknowledgement or
 * a tracker's ticket change for a plugin whose port reads those (plugins/integrations/integration-webhooks.ts). Verified against the plugin's
 * installations (muster.yaml's, then each tenant's) until one accepts; parsed under the plugin guard;
 * handed to AlertIntake, which stores what it means in one transaction; answered only after that, so a
 * 2xx always means stored (and a 5xx means nothing was: send it again). Other methods get 405 from the router.
 */
export function registerWebhookRoute(router: Router, deps: WebhookDeps): void {
  router.mount('POST', WEBHOOK_PATH, async (req, res) => {
    const { outcome, plugin, response } = await answer(req, deps);
    deps.metrics.webhooks.inc({ plugin, outcome });
    writeResponse(res, response);
    if (response.headers?.connection === 'close') res.once('finish', () => req.destroy());
  });
}

interface Answer { readonly outcome: string; readonly plugin: string; readonly response: HttpResponse }

async function answer(req: IncomingMessage, deps: WebhookDeps): Promise<Answer> {
  const url = new URL(req.url ?? '/', 'http://muster.invalid');
  const pluginId = decodeURIComponent(url.pathname.split('/')[2] ?? '');
  const reply = (outcome: string, response: HttpResponse, plugin = pluginId): Answer => ({ outcome, plugin, response });
  const refuse = (status: number, outcome: string, code: string, message: string, headers: Record<string, string> = {}, plugin = pluginId) => {
    req.resume();
    return reply(outcome, json(status, errorBody(code, message), headers), plugin);
  };

  const installations = deps.host.installationsOf(pluginId);
  if (!deps.host.catalog.has(pluginId) && installations.length === 0) {
    return refuse(404, 'unknown_plugin', 'not_found', `There is no plugin "${pluginId.slice(0, 60)}" on this server.`, {}, 'unknown');
  }
  if (installations.length === 0) {
    return refuse(404, 'not_installed', 'not_found', `The ${pluginId} plugin is not installed: enable it in muster.yaml (plugins.${pluginId}) or install it with \`/incident plugins install ${pluginId}\`.`);
  }
  const sources = installations.filter((i): i is ActiveInstallation => i.state === 'active' && (!!i.ports['alert-source'] || (!!deps.integrations && hearsIntegrationWebhooks(i))));
  if (sources.length === 0) {
    const running = installations.some((i) => i.state === 'active');
    return running
      ? refuse(404, 'not_alert_source', 'not_found', `The ${pluginId} plugin does not receive webhooks.`)
      : refuse(503, 'plugin_down', 'unavailable', `The ${pluginId} plugin is not running (it failed to start); an administrator sees why in \`/incident plugins list\`.`, { 'retry-after': '60' });
  }

  const body = await readWebhookBody(req);
  if (body.kind === 'too_large') {
    const headers: Record<string, string> = body.closeConnection ? { connection: 'close' } : {};
    return reply('too_large', json(413, errorBody('payload_too_large', `The body is larger than ${WEBHOOK_BODY_LIMIT_BYTES / 1024} KiB; a webhook may send at most ${WEBHOOK_BODY_LIMIT_BYTES} bytes.`), headers));
  }
  const request = webhookRequestOf(req, body.raw, url, deps.clock.now());

  const chosen = await verified(sources, request, deps);
  if (!chosen) {
    return reply('unauthorized', json(401, errorBody('unauthorized', `The ${pluginId} plugin could not authenticate this request: check the token or signing secret the sender is configured with.`)));
  }

  const alerts = chosen.ports['alert-source'] ? await alertAnswer(chosen, request, deps, reply) : undefined;
  if (alerts && alerts.response.status !== 200) return alerts;
  if (!deps.integrations || !hearsIntegrationWebhooks(chosen)) return alerts!;
  try {
    const outcome = await receiveIntegrationWebhook(chosen, request, deps.integrations);
    // Beside an alert source's answer, only counts that say something: an alert delivery keeps its shape.
    const counts = alerts ? Object.fromEntries(Object.entries(outcome).filter(([, n]) => n > 0)) : outcome;
    const body = { ...(alerts?.response.json as Record<string, unknown> | undefined), ...counts };
    return reply('accepted', json(200, body));
  } catch (error) {
    const response = errorResponse(error, deps.logger, { method: 'POST', route: WEBHOOK_PATH, params: { pluginId } });
    return reply(response.status === 503 ? 'unavailable' : 'error', response);
  }
}

/** The alert source's part: parsed under the guard, handed to AlertIntake, answered once stored. */
async function alertAnswer(chosen: ActiveInstallation, request: WebhookRequest, deps: WebhookDeps, reply: (outcome: string, response: HttpResponse) => Answer): Promise<Answer> {
  const { definition, installationId } = chosen.spec;
  const pluginId = definition.id;
  const port = chosen.ports['alert-source'] as AlertSource;
  const parsed = await deps.guard.run(
    { pluginId, pluginName: definition.name, installationId, operation: 'parse', redactor: chosen.redactor, isRejection: isPayloadError },
    () => checkedSignals(port.parse(request)),
  );
  if (!parsed.ok) {
    if (parsed.kind === 'rejected' && isPayloadError(parsed.error)) {
      const reason = chosen.redactor.text(parsed.error.reason).slice(0, MAX_REASON);
      return reply('bad_request', json(400, errorBody('invalid_payload', `The ${pluginId} payload is not valid: ${reason}`)));
    }
    return reply('unreadable', json(400, errorBody('invalid_payload', `The ${pluginId} plugin could not read this payload; nothing was stored. The failure was recorded for the administrator.`)));
  }
  if (parsed.value.length === 0) return reply('accepted', json(200, { results: [] }));

  try {
    const results = await deps.intake.ingest(alertOriginOf(chosen), parsed.value);
    return reply('accepted', json(200, { results: results.map((r) => ({ action: r.action, ...(r.incident && { incident: r.incident.reference }) })) }));
  } catch (error) {
    const response = errorResponse(error, deps.logger, { method: 'POST', route: WEBHOOK_PATH, params: { pluginId } });
    return reply(response.status === 503 ? 'unavailable' : 'error', response);
  }
}

/** The first installation whose `verify` accepts; every refusal's reason goes to the log, never to the sender. */
async function verified(sources: readonly ActiveInstallation[], request: WebhookRequest, deps: WebhookDeps): Promise<ActiveInstallation | undefined> {
  const refusals: { installation: string; reason: string }[] = [];
  for (const installation of sources) {
    const { definition, installationId } = installation.spec;
    const verify = webhookVerifier(installation);
    if (!verify) {
      refusals.push({ installation: installationId, reason: 'the plugin has no way to verify webhooks' });
      continue;
    }
    const outcome = await deps.guard.run(
      { pluginId: definition.id, pluginName: definition.name, installationId, operation: 'verify', redactor: installation.redactor },
      () => verify(request),
    );
    if (outcome.ok && outcome.value?.ok === true) return installation;
    const reason = outcome.ok ? installation.redactor.text(String((outcome.value as { reason?: unknown } | undefined)?.reason ?? 'refused')) : outcome.reason;
    refusals.push({ installation: installationId, reason: reason.slice(0, 200) });
  }
  deps.logger.info('webhook refused: no installation accepted its credentials', { plugin: sources[0]?.spec.definition.id, refusals });
  return undefined;
}
