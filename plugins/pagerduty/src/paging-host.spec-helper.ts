import { createPluginHttp, type PluginService } from '@muster/plugin-sdk';
import { activateForTest, fakeIncident, type ActivatedPlugin } from '@muster/plugin-sdk/testing';
import type { PageRequest } from '@muster/plugin-sdk';
import { startPagerDutyFake, type PagerDutyFake } from './fake';
import pagerduty from './index';

export const API_TOKEN = 'pd-api-u+Zx9q2LmT4vKp';
export const WEBHOOK_SECRET = 'pd-whsec-Hk2v9QxT4mZ';
export const SECRETS = { API_TOKEN, WEBHOOK_SECRET };

export const checkout: PluginService = {
  name: 'checkout', description: 'Checkout API', owners: [], subjectMatterExperts: [], runbooks: [],
  integrations: { pagerduty: 'PF9KMXH' },
};

/** The fake with the checkout service (two on level 1, one on level 2) and a user for person pages. */
export async function seededFake(): Promise<PagerDutyFake> {
  const pd = await startPagerDutyFake({ apiToken: API_TOKEN });
  pd.addService('PF9KMXH', {
    name: 'Checkout API',
    escalationPolicy: 'PUS0KTE',
    oncall: [
      { id: 'PTUXL6G', name: 'Ana Lima', email: 'ana@example.com' },
      { id: 'PXCT22H', name: 'Bo Chen', email: 'bo@example.com' },
      { id: 'PMGR001', name: 'Cy Manager', email: 'cy@example.com', level: 2 },
    ],
  });
  pd.addService('PDEFAULT', { name: 'Everything else', escalationPolicy: 'PDEFPOL', oncall: [{ id: 'PDEF001', name: 'Dee Fault', email: 'dee@example.com' }] });
  pd.addUser({ id: 'PRILEY1', name: 'Riley Responder', email: 'riley@example.com' });
  return pd;
}

/** The plugin activated against the fake through the real ctx.http (Retry-After waits short in tests). */
export function activated(pd: PagerDutyFake, config: Record<string, unknown> = {}, secrets: Record<string, string> = SECRETS): Promise<ActivatedPlugin<'alert-source' | 'paging' | 'oncall'>> {
  return activateForTest(pagerduty, {
    config: { apiUrl: pd.url, from: 'muster-bot@example.com', defaultService: 'PDEFAULT', ...config },
    secrets,
    services: [checkout],
    http: createPluginHttp({ baseUrl: pd.url, allowedHosts: [pd.host], redact: Object.values(secrets), deadlineMs: 5_000, timeoutMs: 1_000, backoff: { baseMs: 5, maxMs: 20 } }),
  });
}

export function servicePage(dedupKey = 'muster:incident-1:checkout'): PageRequest {
  return { incident: fakeIncident({ reference: 'INC-7', title: 'Checkout is failing' }), target: { kind: 'service', name: 'checkout', service: checkout }, dedupKey, urgency: 'high' };
}
