import type { TeamsAuth } from '@muster/teams';
import type { ServerConfig } from '../../config/server-config';

/**
 * How this process authenticates Teams, decided from the checked configuration (config/teams-env.ts
 * has already refused conflicts and anonymous production): undefined when Teams is off.
 */
export function teamsAuthOf(config: ServerConfig): TeamsAuth | undefined {
  const t = config.teams;
  if (t.appId && t.appPassword) {
    return { kind: 'entra', appId: t.appId, appPassword: t.appPassword, loginUrl: t.loginUrl, ...(t.tenantId ? { tenantId: t.tenantId } : {}) };
  }
  return t.anonymous ? { kind: 'anonymous' } : undefined;
}
