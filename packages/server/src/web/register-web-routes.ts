import { TOKENS, type IdentityLinks, type Logger, type MusterSettings, type Repositories } from '@muster/core';
import type { Store } from '@muster/store';
import type { Container } from 'inversify';
import { SERVER_TOKENS } from '../container/server-tokens';
import type { Router } from '../http/router';
import type { OutboxPump } from '../runtime/outbox-pump';
import { registerStatusUpdateRoutes } from './incident/status-update-routes';
import { registerSignInRoutes } from './sign-in-routes';
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
  registerSignInRoutes(router, { web, sessions: store.webSessions, cookie });
  registerStatusUpdateRoutes(router, deps);
}
