import { MusterError } from '@muster/core';
import type { ServerConfig } from '../config/server-config';
import { consoleIntegration } from './console/console-integration';
import type { PlatformDeps, PlatformFactory, PlatformIntegration } from './platform-integration';
import { slackModeOf } from './slack/slack-mode';
import { teamsAuthOf } from './teams/teams-auth-mode';

/*
 * Slack's and Teams' integrations (and with them Bolt and the Agents SDK, tens of MB and most of a
 * second each) are loaded only when their credentials are set: the settings are read first, from
 * modules that load no SDK. An embedded `npm start` with the console alone loads neither.
 */
/* eslint-disable @typescript-eslint/no-require-imports -- a synchronous load on demand; the factories are synchronous */
const slackIntegration: PlatformFactory = (config, deps) =>
  slackModeOf(config).kind === 'off' ? undefined : (require('./slack/slack-integration') as typeof import('./slack/slack-integration')).slackIntegration(config, deps);
const teamsIntegration: PlatformFactory = (config, deps) =>
  teamsAuthOf(config) ? (require('./teams/teams-integration') as typeof import('./teams/teams-integration')).teamsIntegration(config, deps) : undefined;
/* eslint-enable @typescript-eslint/no-require-imports */

/**
 * Every chat platform Muster knows, in the order they are built and mounted. A new platform joins
 * with one line here.
 */
export const PLATFORM_FACTORIES: readonly PlatformFactory[] = [
  consoleIntegration,
  slackIntegration,
  teamsIntegration,
];

/** The integrations whose credentials are set; a platform set up wrongly throws its ConfigError here. */
export function buildPlatforms(config: ServerConfig, deps: PlatformDeps, factories: readonly PlatformFactory[] = PLATFORM_FACTORIES, replacements: readonly PlatformFactory[] = []): PlatformIntegration[] {
  // A replacement (a test's platform built around local fakes) takes the place of the default one of its platform.
  const replaced = replacements.flatMap((factory) => factory(config, deps) ?? []);
  const defaults = factories.flatMap((factory) => factory(config, deps) ?? []).filter((p) => !replaced.some((r) => r.platform === p.platform));
  const built = [...defaults, ...replaced];
  const platforms = built.map((p) => p.platform);
  const twice = platforms.find((p, i) => platforms.indexOf(p) !== i);
  if (twice) throw new MusterError('configuration', `Two integrations for ${twice}`);
  return built;
}
