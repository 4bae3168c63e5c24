import type { AuthConfiguration } from '@microsoft/agents-hosting';

export const DEFAULT_LOGIN_URL = 'https://login.microsoftonline.com';

/**
 * How inbound requests are authenticated and outbound tokens obtained. `entra`: the Azure Bot
 * registration's app id (every request must carry a valid JWT for it). `anonymous`: no app id, for the
 * Agents Playground on a laptop only; the server refuses it with NODE_ENV=production.
 */
export type TeamsAuth =
  | { readonly kind: 'anonymous' }
  | {
    readonly kind: 'entra';
    readonly appId: string;
    readonly appPassword: string;
    /** Single-tenant registrations name their tenant; without it the SDK's multi-tenant default applies. */
    readonly tenantId?: string;
    /** The Entra authority; its `/{tenant}/discovery/v2.0/keys` is where token keys come from. */
    readonly loginUrl: string;
  };

const CONNECTION = 'serviceConnection';

/**
 * The SDK's AuthConfiguration for one connection, with every setting the JWT check reads given
 * explicitly: the SDK reads these from the connection object as is (not from its defaults), and
 * otherwise fills gaps from process.env (`Connections__…`, `clientId`, …), which Muster does not use.
 * `validateIssuer` is off in the SDK unless asked for.
 */
export function authConfigurationOf(auth: TeamsAuth): AuthConfiguration {
  const connection: AuthConfiguration = auth.kind === 'anonymous'
    ? { clientId: undefined, clientSecret: undefined, tenantId: undefined, authType: undefined, validateIssuer: true, issuers: [] }
    : {
      clientId: auth.appId,
      clientSecret: auth.appPassword,
      tenantId: auth.tenantId,
      authorityEndpoint: trimSlashes(auth.loginUrl),
      authType: 'ClientSecret',
      issuers: issuersFor(auth),
      validateIssuer: true,
      certPemFile: undefined, certKeyFile: undefined, federatedClientId: undefined, WIDAssertionFile: undefined,
    };
  return {
    ...connection,
    connections: new Map([[CONNECTION, connection]]),
    connectionsMap: [{ serviceUrl: '*', connection: CONNECTION }],
  };
}

/**
 * Who may issue tokens Muster accepts: the Bot Framework channel service (Teams itself), and the
 * registration's own tenant (the SDK adds Microsoft's first-party tenants to these).
 */
function issuersFor(auth: Extract<TeamsAuth, { kind: 'entra' }>): string[] {
  const tenant = auth.tenantId ?? 'botframework.com';
  return ['https://api.botframework.com', `https://sts.windows.net/${tenant}/`, `${trimSlashes(auth.loginUrl)}/${tenant}/v2.0`];
}

const trimSlashes = (url: string): string => url.replace(/\/+$/u, '');
