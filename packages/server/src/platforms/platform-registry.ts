import type { ServerConfig } from '../config/server-config';
import { consoleIntegration } from './console/console-integration';
import type { PlatformDeps, PlatformFactory, PlatformIntegration } from './platform-integration';
import { slackIntegration } from './slack/slack-integration';

/**
 * Every chat platform Muster knows, in the order they are built and mounted. A new platform joins
 * with one line here (e.g. `teamsIntegration` from ./teams/teams-integration).
 */
export const PLATFORM_FACTORIES: readonly PlatformFactory[] = [
  consoleIntegration,
  slackIntegration,
];

/** The integrations whose credentials are set; a platform set up wrongly throws its ConfigError here. */
export function buildPlatforms(config: ServerConfig, deps: PlatformDeps, factories: readonly PlatformFactory[] = PLATFORM_FACTORIES): PlatformIntegration[] {
  const built = factories.flatMap((factory) => factory(config, deps) ?? []);
  const platforms = built.map((p) => p.platform);
  const twice = platforms.find((p, i) => platforms.indexOf(p) !== i);
  if (twice) throw new Error(`Two integrations for ${twice}`);
  return built;
}
