import { MusterError } from '@muster/core';
import type { ServerConfig } from '../config/server-config';
import { consoleIntegration } from './console/console-integration';
import type { PlatformDeps, PlatformFactory, PlatformIntegration } from './platform-integration';
import { slackIntegration } from './slack/slack-integration';
import { teamsIntegration } from './teams/teams-integration';

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
