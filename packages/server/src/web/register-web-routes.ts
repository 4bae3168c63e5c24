import { TOKENS, type IdentityLinks, type Logger, type MusterSettings, type Repositories } from '@muster/core';
import type { Store } from '@muster/store';
import type { Container } from 'inversify';
import { SERVER_TOKENS } from '../container/server-tokens';
import type { Router } from '../http/router';
import type { OutboxPump } from '../runtime/outbox-pump';
import { registerMetricsRoutes } from './metrics/metrics-routes';
import { registerPostmortemRoutes } from './postmortem/postmortem-routes';
import { registerDashboardRoutes } from './dashboard/dashboard-routes';
import { registerIncidentPageRoutes } from './incident/incident-routes';
import type { ServerConfig } from '../config/server-config';
import type { PlatformIntegration } from '../platforms/platform-integration';
import { registerAccountRoute } from './account-route';
import { registerOidcRoutes } from './sign-in/oidc-routes';
import { signInSetup } from './sign-in/sign-in-setup';
import { registerStatusUpdateRoutes } from './incident/status-update-routes';
import { registerSignInRoutes } from './sign-in-routes';
import { registerStatusRoutes } from './status/status-routes';
import { registerAssetRoutes } from './web-assets';
import type { WebDeps } from './web-deps';
import { webRouting } from './web-routing';

export interface WebOptions {
  readonly logger: Logger;
  /** MUSTER_PUBLIC_URL, when set: its origin is where changes may come from, https makes the cookie Secure. */
  readonly publicUrl?: string;
}

/** The web dashboard (`/`), the public status page (`/status`), sign-in and the bundled assets. */
export function registerWebRoutes(router: Router, container: Container, options: WebOptions): void {
  const store = container.get<Store>(SERVER_TOKENS.Store);
  const publicOrigin = options.publicUrl ? new URL(options.publicUrl).origin : undefined;
  const cookie = { secure: publicOrigin?.startsWith('https:') ?? false };
  const identityLinks = container.isBound(TOKENS.IdentityLinks) ? container.get<IdentityLinks>(TOKENS.IdentityLinks) : undefined;
  const web = webRouting({ sessions: store.webSessions, cookie, logger: options.logger, identityLinks, publicOrigin });
  const pump = container.get<OutboxPump>(SERVER_TOKENS.OutboxPump);
  const deps: WebDeps = {
    web, container, store, repos: container.get<Repositories>(TOKENS.Repositories), settings: container.get<MusterSettings>(TOKENS.Settings),
    kick: () => pump.kick(),
  };
  registerAssetRoutes(router);
  const config = container.get<ServerConfig>(SERVER_TOKENS.Config);
  const platforms = container.get<readonly PlatformIntegration[]>(SERVER_TOKENS.Platforms);
  const { providers, admission } = signInSetup(config, deps.settings, store, platforms, options.logger);
  registerAccountRoute(router, web);
  registerSignInRoutes(router, { web, sessions: store.webSessions, cookie, providers, publicOrigin });
  if (options.publicUrl && providers.length) {
    registerOidcRoutes(router, { web, sessions: store.webSessions, cookie, providers, publicUrl: options.publicUrl, admission, tenants: deps.settings.tenants, logger: options.logger });
  }
  registerDashboardRoutes(router, deps);
  registerIncidentPageRoutes(router, deps);
  registerPostmortemRoutes(router, deps);
  registerMetricsRoutes(router, deps);
  registerStatusRoutes(router, deps);
  registerStatusUpdateRoutes(router, deps);
}
