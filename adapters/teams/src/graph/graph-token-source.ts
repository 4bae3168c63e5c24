import { MusterError } from '@muster/core';
import { requestJson, TransportFailure } from '../connector/json-http';
import { remoteErrorOf } from '../connector/teams-api-error';

/** An app-only token for Microsoft Graph. */
export interface GraphTokenSource {
  token(): Promise<string>;
}

export interface ClientCredentialsOptions {
  /** `MICROSOFT_LOGIN_URL`, default https://login.microsoftonline.com (sovereign clouds and tests change it). */
  readonly loginUrl?: string;
  readonly tenantId: string;
  readonly clientId: string;
  readonly clientSecret: string;
  /** Default: the Graph origin + `/.default`, e.g. https://graph.microsoft.com/.default. */
  readonly scope: string;
  readonly timeoutMs?: number;
  readonly now?: () => number;
}

/** Renew this long before Entra says the token expires, so a call never starts with a dying token. */
const RENEW_EARLY_MS = 5 * 60_000;

/**
 * The OAuth 2.0 client-credentials grant against Microsoft Entra (`POST {login}/{tenant}/oauth2/v2.0/token`),
 * cached until shortly before it expires; concurrent callers share one request. Errors name Entra's
 * error code only: its descriptions can quote the request, and the request holds the secret.
 */
export class ClientCredentialsGraphToken implements GraphTokenSource {
  private cached: { token: string; renewAt: number } | undefined;
  private pending: Promise<string> | undefined;
  private readonly now: () => number;

  constructor(private readonly options: ClientCredentialsOptions) {
    this.now = options.now ?? Date.now;
  }

  token(): Promise<string> {
    if (this.cached && this.now() < this.cached.renewAt) return Promise.resolve(this.cached.token);
    this.pending ??= this.fetchToken().finally(() => {
      this.pending = undefined;
    });
    return this.pending;
  }

  private async fetchToken(): Promise<string> {
    const login = (this.options.loginUrl ?? 'https://login.microsoftonline.com').replace(/\/+$/, '');
    const url = new URL(`${login}/${encodeURIComponent(this.options.tenantId)}/oauth2/v2.0/token`);
    let answer;
    try {
      answer = await requestJson(url, {
        method: 'POST',
        timeoutMs: this.options.timeoutMs ?? 15_000,
        form: { grant_type: 'client_credentials', client_id: this.options.clientId, client_secret: this.options.clientSecret, scope: this.options.scope },
      });
    } catch (error) {
      if (error instanceof TransportFailure) throw new MusterError('unavailable', `Could not reach Microsoft Entra for a Graph token (${error.reason}); it will be retried.`);
      throw error;
    }
    const body = answer.body as { access_token?: unknown; expires_in?: unknown; error?: unknown } | undefined;
    if (answer.status !== 200 || typeof body?.access_token !== 'string') {
      const code = typeof body?.error === 'string' && /^[a-z_]{1,60}$/.test(body.error) ? body.error : remoteErrorOf(body).code;
      const fix = answer.status === 400 || answer.status === 401 ? ' Check MICROSOFT_APP_ID, MICROSOFT_APP_PASSWORD and MICROSOFT_APP_TENANT_ID.' : ' It will be retried.';
      throw new MusterError(answer.status >= 500 ? 'unavailable' : 'configuration', `Microsoft Entra refused a Graph token (HTTP ${answer.status}${code ? ` ${code}` : ''}).${fix}`);
    }
    const lifetimeMs = (typeof body.expires_in === 'number' ? body.expires_in : Number(body.expires_in) || 3600) * 1000;
    this.cached = { token: body.access_token, renewAt: this.now() + Math.max(0, lifetimeMs - RENEW_EARLY_MS) };
    return body.access_token;
  }
}

/** The scope for an app-only Graph token on the cloud `graphUrl` points at. */
export const graphScopeFor = (graphUrl: string): string => `${new URL(graphUrl).origin}/.default`;
