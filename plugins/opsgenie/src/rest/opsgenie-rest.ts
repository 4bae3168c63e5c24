import { answerAs, PluginHttpError, z, type PluginContext } from '@muster/plugin-sdk';
import type { OpsgenieConfig } from '../config';

export type RestContext = Pick<PluginContext<OpsgenieConfig>, 'config' | 'secrets' | 'http'>;

/**
 * Opsgenie REST API calls (`Authorization: GenieKey <API_KEY>`). The key is read on each call, so a
 * secret set from chat takes effect at once; a missing one is a `PluginConfigError` naming the
 * variable. Non-2xx answers propagate as `PluginHttpError` (429 + Retry-After already waited out).
 */
export function opsgenieRest(ctx: RestContext) {
  const base = ctx.config.apiUrl.replace(/\/+$/, '');
  const call = async <S extends z.ZodType>(method: 'GET' | 'POST', path: string, schema: S, json?: unknown): Promise<z.output<S>> => {
    const headers = { authorization: `GenieKey ${ctx.secrets.require('API_KEY')}` };
    const response = await ctx.http.request({ method, url: `${base}${path}`, headers, ...(json !== undefined ? { json } : {}) });
    return answerAs(response, schema, `Opsgenie ${method} ${path.split('?')[0]}`);
  };
  return {
    get: <S extends z.ZodType>(path: string, schema: S) => call('GET', path, schema),
    post: <S extends z.ZodType>(path: string, json: unknown, schema: S) => call('POST', path, schema, json),
  };
}

export type OpsgenieRest = ReturnType<typeof opsgenieRest>;

/** A 404: the alert, the schedule or (not processed yet) the request does not exist. */
export async function unlessNotFound<T>(call: Promise<T>): Promise<T | undefined> {
  try {
    return await call;
  } catch (error) {
    if (error instanceof PluginHttpError && error.status === 404) return undefined;
    throw error;
  }
}
