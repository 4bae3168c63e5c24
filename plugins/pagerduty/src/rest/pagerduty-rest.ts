import { answerAs, PluginConfigError, PluginHttpError, z, type PluginContext } from '@muster/plugin-sdk';
import type { PagerDutyConfig } from '../config';

export type RestContext = Pick<PluginContext<PagerDutyConfig>, 'config' | 'secrets' | 'http'>;

/**
 * PagerDuty REST API v2 calls ("API Reference": `Authorization: Token token=<API_TOKEN>`, the versioned
 * `Accept` header, and the `From` header on writes, which an account token needs). The token is read on
 * each call, so a secret set from chat takes effect without a restart; a missing one is a
 * `PluginConfigError` naming the variable. Non-2xx answers propagate as `PluginHttpError` (ctx.http has
 * already waited out 429 + Retry-After).
 */
export function pagerDutyRest(ctx: RestContext) {
  const base = ctx.config.apiUrl.replace(/\/+$/, '');
  const headers = (write: boolean): Record<string, string> => ({
    authorization: `Token token=${ctx.secrets.require('API_TOKEN')}`,
    accept: 'application/vnd.pagerduty+json;version=2',
    ...(write && ctx.config.from ? { from: ctx.config.from } : {}),
  });
  return {
    get: <S extends z.ZodType>(path: string, schema: S) =>
      ctx.http.request({ method: 'GET', url: `${base}${path}`, headers: headers(false) }).then((r) => answerAs(r, schema, `PagerDuty GET ${path.split('?')[0]}`)),
    post: <S extends z.ZodType>(path: string, json: unknown, schema: S) =>
      ctx.http.request({ method: 'POST', url: `${base}${path}`, headers: headers(true), json }).then((r) => answerAs(r, schema, `PagerDuty POST ${path}`), fromRefusal),
    put: <S extends z.ZodType>(path: string, json: unknown, schema: S) =>
      ctx.http.request({ method: 'PUT', url: `${base}${path}`, headers: headers(true), json }).then((r) => answerAs(r, schema, `PagerDuty PUT ${path}`), fromRefusal),
  };
}

export type PagerDutyRest = ReturnType<typeof pagerDutyRest>;

/** A write refused for want of a From header is the installation's to fix (the `from` setting), not something a retry mends. */
function fromRefusal(error: unknown): never {
  if (error instanceof PluginHttpError && error.status === 400 && /\bfrom\b.{0,20}header/i.test(error.body ?? '')) {
    throw new PluginConfigError('PagerDuty needs a From header with this API key: set from to the email of a PagerDuty user', 'from');
  }
  throw error;
}

/** PagerDuty's "Open incident with matching dedup key already exists" refusal of a second create. */
export function isDuplicateIncidentKey(error: unknown): boolean {
  return error instanceof PluginHttpError && error.status === 400 && /dedup key|incident.key/i.test(error.body ?? '');
}
