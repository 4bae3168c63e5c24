// Decorated classes (inversify) read their metadata through this polyfill; it must load first.
import 'reflect-metadata';

export { loadConfig, type ConfigSources } from './config/load-config';
export type { ServerConfig, DatabaseKind } from './config/server-config';
export { ConfigError } from './config/config-error';
export { ENV, DEFAULT_PORT, DEFAULT_DATABASE_URL, type Environment } from './config/env-names';
export { configSummary } from './config/config-summary';
export type { FileConfig, LogLevel } from './config/file-config';

export { buildContainer, type ContainerOverrides } from './container/build-container';
export { SERVER_TOKENS } from './container/server-tokens';
export { SystemClock, UuidIdGenerator, StaticGatewayRegistry, PlatformDirectory } from './container/system-parts';

export { createLogger, PinoLogger } from './logging/pino-logger';
export { createServerLogger } from './logging/server-logger';

export { Router, type RawHandler, type RouteHandler, type RouteRequest, type HttpMethod } from './http/router';
export { HttpServer } from './http/http-server';
export { HttpError } from './http/http-error';
export { readJsonBody } from './http/json-body';

export { ServerMetrics } from './metrics/server-metrics';

export { OutboxPump } from './runtime/outbox-pump';
export { startServer, SHUTDOWN_GRACE_MS, type RunningServer, type StartOptions } from './runtime/start-server';
export { runServerProcess, runWorkerProcess } from './runtime/run-process';
export { ensureMigrated } from './runtime/migrations-check';
export { consoleTransportOf, createServerConsoleSession, type ConsoleChatOptions } from './runtime/console-chat';
export { describeStartError } from './runtime/start-error';
export { resolveSecretKey } from './runtime/secret-key';

export type { MountContext, PlatformDeps, PlatformFactory, PlatformHealth, PlatformIntegration } from './platforms/platform-integration';
export { buildPlatforms, PLATFORM_FACTORIES } from './platforms/platform-registry';
export { ConsoleIntegration, consoleIntegration } from './platforms/console/console-integration';
export { slackModeOf, type SlackMode } from './platforms/slack/slack-mode';
export { AesGcmSecretBox } from './security/aes-gcm-secret-box';
export { teamsAuthOf } from './platforms/teams/teams-auth-mode';
// Slack's and Teams' integrations are in `@muster/server/platforms` (platforms.ts): importing them loads their SDKs.

// What `muster plugins list|check` reads: the host's own loading and checks, without activating anything.
export { checkConfigPlugins, type ConfigPluginCheck, type PluginSecretStatus } from './plugins/loading/config-plugin-checks';
export { pluginInventory, type PluginInventory, type InventoryPlugin, type InventoryInstallation } from './plugins/inventory/plugin-inventory';
export { SDK_VERSION as PLUGIN_SDK_VERSION } from '@muster/plugin-sdk';
// The integration engine's outbox topic and payload (plugins/integrations), for tests and tools that read the outbox.
export { INTEGRATION_CALL_TOPIC, dedupKeyOf, type IntegrationCall } from './plugins/integrations/integration-call';
// The plugin host's parts in the container, and the sync that keeps several instances' chat installations equal (REDIS_URL).
export { PLUGIN_TOKENS } from './plugins/plugins-module';
export { InstallationSync, RECONCILE_INTERVAL_MS } from './plugins/sync/installation-sync';
export type { InstallationReconciler } from './plugins/sync/installation-reconciler';

// The postmortem PDF, for the suite that reads its pages and text back (test/src/web).
export { postmortemPdf, type PdfMeta } from './web/postmortem/postmortem-pdf';
export { pdfFonts, STANDARD_FONTS, toWinAnsi, type PdfFontSet } from './web/postmortem/pdf-fonts';
export { CONSOLE_WORKSPACE, consoleHandle, consolePerson, dashboardBase, makeLoginLink } from './web/sign-in/login-link';
