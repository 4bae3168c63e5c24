import { ActionItems, AlertIntake, IncidentChanges, TOKENS, type Clock, type Logger, type Repositories } from '@muster/core';
import type { Container } from 'inversify';
import { registerIncidentChangeRoutes } from '../api/incident-change-routes';
import { registerIncidentRoutes } from '../api/incident-routes';
import { registerOpenApiRoute } from '../api/openapi-route';
import { registerOpsRoutes } from '../api/ops-routes';
import { registerPostmortemRoutes } from '../api/postmortem-routes';
import { registerMetricsApiRoute } from '../api/metrics-routes';
import { registerServiceRoutes } from '../api/service-routes';
import { registerStatusUpdateRoutes } from '../api/status-update-routes';
import type { ServerConfig } from '../config/server-config';
import { registerWebRoutes } from '../web/register-web-routes';
import { SERVER_TOKENS } from '../container/server-tokens';
import { HttpServer } from '../http/http-server';
import { Router } from '../http/router';
import type { ServerMetrics } from '../metrics/server-metrics';
import type { PluginGuard } from '../plugins/guard/plugin-guard';
import { PLUGIN_TOKENS } from '../plugins/plugins-module';
import type { PluginHost } from '../plugins/runtime/plugin-host';
import type { TicketIndex } from '../plugins/integrations/ticket-index';
import { registerWebhookRoute } from '../plugins/webhooks/webhook-route';

export interface HttpParts {
  readonly router: Router;
  readonly server: HttpServer;
}

/**
 * The HTTP server with every route of this release; adapters add theirs with `router.mount`.
 * `opsOnly` (`muster worker`): /healthz, /readyz and /metrics, for the orchestrator, and nothing else.
 */
export function createHttp(container: Container, options: { readonly opsOnly?: boolean } = {}): HttpParts {
  const logger = container.get<Logger>(TOKENS.Logger);
  const metrics = container.get<ServerMetrics>(SERVER_TOKENS.Metrics);
  const router = new Router();
  registerOpsRoutes(router, container, { platforms: !options.opsOnly });
  if (!options.opsOnly) registerAppRoutes(router, container, metrics, logger);
  const server = new HttpServer({
    router,
    logger,
    observe: ({ method, route, status, seconds }) => metrics.httpDuration.observe({ method, route, status: String(status) }, seconds),
  });
  return { router, server };
}

function registerAppRoutes(router: Router, container: Container, metrics: ServerMetrics, logger: Logger): void {
  registerIncidentRoutes(router, container);
  registerIncidentChangeRoutes(router, container);
  registerStatusUpdateRoutes(router, container);
  registerPostmortemRoutes(router, container);
  registerServiceRoutes(router, container);
  registerMetricsApiRoute(router, container);
  registerOpenApiRoute(router);
  registerWebRoutes(router, container, { logger, publicUrl: container.get<ServerConfig>(SERVER_TOKENS.Config).publicUrl });
  registerWebhookRoute(router, {
    host: container.get<PluginHost>(PLUGIN_TOKENS.Host), guard: container.get<PluginGuard>(PLUGIN_TOKENS.Guard), intake: container.get(AlertIntake),
    metrics, clock: container.get<Clock>(TOKENS.Clock), logger,
    integrations: {
      guard: container.get<PluginGuard>(PLUGIN_TOKENS.Guard), repos: container.get<Repositories>(TOKENS.Repositories), tickets: container.get<TicketIndex>(PLUGIN_TOKENS.TicketIndex),
      changes: () => container.get(IncidentChanges), actionItems: () => container.get(ActionItems),
    },
  });
}
