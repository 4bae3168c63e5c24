import type { PersonRef } from '@muster/core';
import type { ServerConfig } from '../../config/server-config';
import { entraTenants } from '../../config/sign-in-env';

/** Who the provider says signed in: a chat person and the workspace (Slack team, Entra tenant) they belong to. */
export interface SignedInPerson {
  readonly person: PersonRef;
  readonly workspaceId: string;
}

/** One "Sign in with …" button: where its OpenID Connect issuer is and how its id_token names a person. */
export interface OidcProvider {
  /** In the paths: /login/<id>, /login/<id>/callback. */
  readonly id: string;
  readonly label: string;
  readonly method: 'slack' | 'entra';
  /** The issuer URL: its discovery document is `<issuer>/.well-known/openid-configuration`. */
  readonly issuer: string;
  readonly clientId: string;
  readonly clientSecret: string;
  readonly scope: string;
  /** The person in the validated id_token's claims; undefined when a claim Muster needs is missing. */
  personOf(claims: Readonly<Record<string, unknown>>): SignedInPerson | undefined;
}

const text = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() !== '' && v.length <= 200 ? v.trim() : undefined);

/**
 * Sign in with Slack: https://api.slack.com/authentication/sign-in-with-slack. The user and team ids
 * are namespaced claims; the person is the Slack user Muster knows from chat (`slack:U…`).
 */
function slackProvider(c: NonNullable<ServerConfig['signIn']['slack']>): OidcProvider {
  return {
    id: 'slack', label: 'Sign in with Slack', method: 'slack', issuer: c.issuer, clientId: c.clientId, clientSecret: c.clientSecret,
    scope: 'openid profile email',
    personOf(claims) {
      const id = text(claims['https://slack.com/user_id']);
      const team = text(claims['https://slack.com/team_id']);
      if (!id || !team) return undefined;
      const name = text(claims.name);
      return { person: { platform: 'slack', id, ...(name && { name }) }, workspaceId: team };
    },
  };
}

/**
 * Microsoft Entra ID (v2.0): the object id `oid` is the Teams person id Muster uses (`teams:<oid>`),
 * `tid` the tenant. Each allowed tenant has its own issuer (`<login>/<tenant>/v2.0`), which the library
 * checks against the id_token; with several tenants each gets a button of its own, because a
 * multi-tenant (`organizations`) issuer cannot be checked that way.
 */
function entraProviders(c: NonNullable<ServerConfig['signIn']['entra']>, loginUrl: string, tenants: readonly { id: string; name: string }[]): OidcProvider[] {
  const base = loginUrl.replace(/\/+$/, '');
  return tenants.map((tenant) => ({
    id: tenants.length === 1 ? 'entra' : `entra-${tenant.id}`,
    label: tenants.length === 1 ? 'Sign in with Microsoft' : `Sign in with Microsoft (${tenant.name})`,
    method: 'entra' as const, issuer: `${base}/${tenant.id}/v2.0`, clientId: c.clientId, clientSecret: c.clientSecret,
    scope: 'openid profile',
    personOf(claims) {
      const id = text(claims.oid);
      const tid = text(claims.tid);
      // Entra writes tenant ids in lower case; muster.yaml may not. The workspace is as configured, so its tenant is found.
      if (!id || tid?.toLowerCase() !== tenant.id.toLowerCase()) return undefined;
      const name = text(claims.name);
      return { person: { platform: 'teams', id, ...(name && { name }) }, workspaceId: tenant.id };
    },
  }));
}

export function oidcProviders(config: ServerConfig): OidcProvider[] {
  const { slack, entra } = config.signIn;
  return [...(slack ? [slackProvider(slack)] : []), ...(entra ? entraProviders(entra, config.teams.loginUrl, entraTenants(config)) : [])];
}
