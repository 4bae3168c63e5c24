import { DEFAULT_SLACK_OIDC_ISSUER, ENV } from './env-names';
import type { EnvReader } from './env-reader';
import type { Problems } from './problems';
import type { ServerConfig } from './server-config';

/** One OpenID Connect client registration: the app's id and secret at the provider. */
export interface OidcClientConfig {
  readonly clientId: string;
  readonly clientSecret: string;
}

export interface SignInConfig {
  /** Sign in with Slack (MUSTER_SLACK_CLIENT_ID, MUSTER_SLACK_CLIENT_SECRET); `issuer` is SLACK_OIDC_ISSUER. */
  readonly slack?: OidcClientConfig & { readonly issuer: string };
  /** Microsoft Entra ID (MUSTER_ENTRA_CLIENT_ID, MUSTER_ENTRA_CLIENT_SECRET); the authority is MICROSOFT_LOGIN_URL. */
  readonly entra?: OidcClientConfig;
}

/**
 * The sign-in providers. Each is switched on by its own pair of variables, never implied by the chat
 * app's (SLACK_CLIENT_ID, MICROSOFT_APP_ID): a deployment that has not registered the redirect URI
 * `<MUSTER_PUBLIC_URL>/login/<provider>/callback` with the provider would otherwise show a button that
 * can only fail. The redirect URI needs MUSTER_PUBLIC_URL, so a provider without it is a start error.
 */
export function readSignInEnv(env: EnvReader, publicUrl: string | undefined): SignInConfig {
  const slack = clientOf(env, ENV.slackSignInClientId, ENV.slackSignInClientSecret, 'Sign in with Slack', 'the Slack app\'s Basic Information page', publicUrl);
  const entra = clientOf(env, ENV.entraClientId, ENV.entraClientSecret, 'Sign in with Microsoft', 'the app registration\'s Certificates & secrets page in Entra ID', publicUrl);
  const issuer = env.httpUrl(ENV.slackOidcIssuer) ?? DEFAULT_SLACK_OIDC_ISSUER;
  return { ...(slack && { slack: { ...slack, issuer: issuer.replace(/\/+$/, '') } }), ...(entra && { entra }) };
}

function clientOf(env: EnvReader, idName: string, secretName: string, what: string, where: string, publicUrl: string | undefined): OidcClientConfig | undefined {
  const clientId = env.string(idName);
  const clientSecret = env.string(secretName);
  if (!clientId && !clientSecret) return undefined;
  if (!clientId) env.problems.addLine(`${idName} is missing: ${secretName} is set without the client id it belongs to (${what})`);
  if (!clientSecret) env.problems.addLine(`${secretName} is missing: ${idName} is set, and ${what} needs the client secret too (from ${where})`);
  if (clientId && clientSecret && !publicUrl) {
    env.problems.addLine(`${ENV.publicUrl} is missing: ${what} (${idName}) sends people back to <${ENV.publicUrl}>/login/…/callback, so set it to the address browsers use, e.g. https://muster.example.com`);
  }
  return clientId && clientSecret ? { clientId, clientSecret } : undefined;
}

/** The Entra tenants people may sign in from: the Teams app's own, and each Teams tenant listed in `tenants:`. */
export function entraTenants(config: Pick<ServerConfig, 'teams' | 'settings'>): { id: string; name: string }[] {
  const found = new Map<string, string>();
  if (config.teams.tenantId) found.set(config.teams.tenantId, config.teams.tenantId);
  for (const t of config.settings.tenants.tenants) {
    for (const w of t.workspaces) if (w.platform === 'teams' && /^[A-Za-z0-9.-]{1,64}$/.test(w.workspaceId)) found.set(w.workspaceId, t.id);
  }
  return [...found].map(([id, name]) => ({ id, name }));
}


/** Entra sign-in needs a tenant to sign people in from; said at start rather than by a button that cannot work. */
export function checkEntraTenants(config: ServerConfig, problems: Problems): void {
  if (config.signIn.entra && entraTenants(config).length === 0) {
    problems.addLine(`${ENV.entraClientId} is set, but no Microsoft tenant is served: set ${ENV.microsoftAppTenantId}, or list the tenant ids under tenants: in muster.yaml (e.g. acme: { teams: [<tenant id>] })`);
  }
}
