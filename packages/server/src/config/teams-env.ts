import { DEFAULT_GRAPH_URL, DEFAULT_LOGIN_URL, ENV } from './env-names';
import type { EnvReader } from './env-reader';
import type { ServerConfig } from './server-config';

/**
 * The Teams settings, with every problem named for the operator: an app id needs its password;
 * anonymous mode (no JWT check) is for a laptop and cannot be combined with an app id or production.
 */
export function readTeamsEnv(env: EnvReader, production: boolean): ServerConfig['teams'] {
  const appId = env.string(ENV.microsoftAppId);
  const appPassword = env.string(ENV.microsoftAppPassword);
  const anonymous = env.boolean(ENV.teamsAnonymous) ?? false;
  const problems = env.problems;
  if (anonymous && appId) {
    problems.addLine(`${ENV.teamsAnonymous}=true and ${ENV.microsoftAppId} are both set: unset ${ENV.teamsAnonymous} (with an app id every Teams request is authenticated), or unset ${ENV.microsoftAppId} for an anonymous local run`);
  } else if (anonymous && production) {
    problems.addLine(`${ENV.teamsAnonymous}=true is refused with ${ENV.nodeEnv}=production (anyone could post as Teams): set ${ENV.microsoftAppId}, ${ENV.microsoftAppPassword} and ${ENV.microsoftAppTenantId} from the Azure Bot registration, and unset ${ENV.teamsAnonymous}`);
  }
  if (appId && !appPassword) problems.addLine(`${ENV.microsoftAppPassword} is missing: ${ENV.microsoftAppId} is set, and Muster needs the app's client secret (Azure Bot → Configuration → Manage password) to reply`);
  if (!appId && appPassword) problems.addLine(`${ENV.microsoftAppId} is missing: ${ENV.microsoftAppPassword} is set without the app id it belongs to`);
  const hosts = (env.string(ENV.teamsTrustedHosts) ?? '').split(',').map((h) => h.trim()).filter(Boolean);
  for (const host of hosts) {
    if (!/^[a-z0-9.-]+(:\d{1,5})?$/iu.test(host)) problems.add(ENV.teamsTrustedHosts, 'must be a comma-separated list of hosts, each `host` or `host:port`', host);
  }
  const tenantId = env.string(ENV.microsoftAppTenantId);
  const incidentsTeamId = env.string(ENV.teamsIncidentsTeamId);
  const graph = !!(env.string(ENV.microsoftGraphUrl) || incidentsTeamId);
  if (graph && !(appId && appPassword && tenantId)) {
    problems.addLine(`Microsoft Graph is asked for (${incidentsTeamId ? ENV.teamsIncidentsTeamId : ENV.microsoftGraphUrl} is set) but its app-only token needs ${ENV.microsoftAppId}, ${ENV.microsoftAppPassword} and ${ENV.microsoftAppTenantId} (a single-tenant Azure Bot): set them, or unset ${incidentsTeamId ? ENV.teamsIncidentsTeamId : ENV.microsoftGraphUrl} to open incident rooms as threads`);
  }
  return {
    appId, appPassword, tenantId,
    graphUrl: env.httpUrl(ENV.microsoftGraphUrl) ?? DEFAULT_GRAPH_URL,
    loginUrl: env.httpUrl(ENV.microsoftLoginUrl) ?? DEFAULT_LOGIN_URL,
    anonymous, trustedHosts: hosts,
    incidentsTeamId, incidentsChannelId: env.string(ENV.teamsIncidentsChannelId),
    graph, appCatalogId: env.string(ENV.teamsAppCatalogId),
  };
}
