import { PluginConfigError, PluginHttpError, secretEnvName, type HttpResponse, type PluginContext } from '@muster/plugin-sdk';
import type { JiraConfig } from './config';

type Query = Readonly<Record<string, string>>;

/**
 * Jira's REST API for one installation: v3 on Cloud (basic auth with the account's email and an API
 * token), v2 on Data Center (a personal access token as a bearer token). Credentials are read on every
 * call, so secrets set from chat apply at once; an answer Jira refuses is rethrown naming the fields.
 */
export interface JiraApi {
  readonly cloud: boolean;
  /** The site's own link to an issue, for people. */
  browseUrl(key: string): string;
  get<T>(path: string, query?: Query): Promise<T>;
  /** `retries: 0` for a create, whose 502/504 may hide an issue made: the caller looks before trying again. */
  post<T>(path: string, json: unknown, options?: { readonly retries?: number }): Promise<T>;
  /** For the answers that are 204 No Content. */
  send(method: 'POST' | 'PUT', path: string, json: unknown): Promise<void>;
}

export function jiraApi(ctx: Pick<PluginContext<JiraConfig>, 'config' | 'secrets' | 'http'>): JiraApi {
  const { apiUrl, deployment } = ctx.config;
  const cloud = deployment === 'cloud';
  const base = `${apiUrl}/rest/api/${cloud ? 3 : 2}`;
  const request = async (method: 'GET' | 'POST' | 'PUT', path: string, json?: unknown, query?: Query, retries?: number): Promise<HttpResponse> => {
    const url = `${base}${path}${query ? `?${new URLSearchParams(query)}` : ''}`;
    const headers = { authorization: authorization(ctx.secrets, cloud), accept: 'application/json' };
    try {
      return await ctx.http.request({ method, url, headers, ...(json === undefined ? {} : { json }), ...(retries === undefined ? {} : { retries }) });
    } catch (error) {
      throw explained(error, `${method} ${base.slice(apiUrl.length)}${path}`, cloud);
    }
  };
  return {
    cloud,
    browseUrl: (key) => `${apiUrl}/browse/${encodeURIComponent(key)}`,
    get: async <T>(path: string, query?: Query) => (await request('GET', path, undefined, query)).json<T>(),
    post: async <T>(path: string, json: unknown, options: { readonly retries?: number } = {}) => (await request('POST', path, json, undefined, options.retries)).json<T>(),
    send: async (method, path, json) => {
      await request(method, path, json);
    },
  };
}

function authorization(secrets: PluginContext['secrets'], cloud: boolean): string {
  if (!cloud) return `Bearer ${secrets.require('PERSONAL_ACCESS_TOKEN')}`;
  const email = secrets.require('EMAIL');
  return `Basic ${Buffer.from(`${email}:${secrets.require('API_TOKEN')}`).toString('base64')}`;
}

/**
 * Jira's error body is `{"errorMessages": [...], "errors": {"<field>": "<message>"}}`: a 400 becomes an
 * error that says which field Jira refused (priority, project, issuetype), and 401/403 a configuration
 * error naming the secrets to check. The SDK already scrubbed the excerpt of the request's credentials.
 */
function explained(error: unknown, what: string, cloud: boolean): unknown {
  if (!(error instanceof PluginHttpError) || error.status === undefined) return error;
  if (error.status === 401 || error.status === 403) {
    const secrets = cloud ? `${secretEnvName('jira', 'EMAIL')} and ${secretEnvName('jira', 'API_TOKEN')}` : secretEnvName('jira', 'PERSONAL_ACCESS_TOKEN');
    const why = error.status === 401 ? 'did not accept the credentials' : 'refused: the account lacks a permission for this';
    return new PluginConfigError(`Jira ${why} (${what} answered ${error.status}); check ${secrets} and the account's project permissions${detailOf(error.body)}`);
  }
  if (error.status !== 400 && error.status !== 404) return error;
  return new PluginHttpError(`Jira refused ${what} (${error.status})${detailOf(error.body) || ': no reason given'}`, error.status, error.retryAfterMs, error.body);
}

/** `: priority: Priority name 'Urgent' is not valid; Issue does not exist` from Jira's error body, or ''. */
export function detailOf(body: string | undefined): string {
  if (!body) return '';
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return '';
  }
  if (typeof parsed !== 'object' || parsed === null) return '';
  const { errorMessages, errors } = parsed as { errorMessages?: unknown; errors?: unknown };
  const messages = Array.isArray(errorMessages) ? errorMessages.filter((m): m is string => typeof m === 'string') : [];
  const fields = typeof errors === 'object' && errors !== null
    ? Object.entries(errors).filter(([, m]) => typeof m === 'string').map(([field, m]) => `${field}: ${m as string}`)
    : [];
  const all = [...fields, ...messages].map((m) => m.replace(/\s+/g, ' ').slice(0, 200)).slice(0, 5);
  return all.length ? `: ${all.join('; ')}` : '';
}
