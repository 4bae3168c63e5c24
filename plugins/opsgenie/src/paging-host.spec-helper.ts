import { createPluginHttp, type PageRequest, type PluginService } from '@muster/plugin-sdk';
import { activateForTest, fakeIncident, type ActivatedPlugin } from '@muster/plugin-sdk/testing';
import { startOpsgenieFake, type OpsgenieFake, type OpsgenieFakeOptions } from './fake';
import opsgenie from './index';

export const API_KEY = 'og-key-6f1d2c3b-9a8e-4f70';
export const TOKEN = 'og-webhook-token-Zq81';
export const SECRETS = { API_KEY, TOKEN };

export const checkout: PluginService = {
  name: 'checkout', description: 'Checkout API', owners: [], subjectMatterExperts: [], runbooks: [],
  integrations: { opsgenie: 'checkout_oncall' },
};

/** The fake with the checkout schedule (two on call), a Payments team and a user for person pages. */
export async function seededFake(options: Partial<OpsgenieFakeOptions> = {}): Promise<OpsgenieFake> {
  const og = await startOpsgenieFake({ apiKey: API_KEY, ...options });
  og.addSchedule('checkout_oncall', ['ana@example.com', 'bo@example.com', 'ana@example.com']);
  og.addTeam('Payments', ['cy@example.com']);
  og.addUser('riley@example.com');
  return og;
}

/** The plugin activated against the fake through the real ctx.http. */
export function activated(og: OpsgenieFake, config: Record<string, unknown> = {}, secrets: Record<string, string> = SECRETS): Promise<ActivatedPlugin<'alert-source' | 'paging' | 'oncall'>> {
  return activateForTest(opsgenie, {
    config: { apiUrl: og.url, appUrl: 'https://acme.app.opsgenie.com', pollIntervalMs: 50, ...config },
    secrets,
    services: [checkout],
    http: createPluginHttp({ baseUrl: og.url, allowedHosts: [og.host], redact: Object.values(secrets), deadlineMs: 5_000, timeoutMs: 1_000, backoff: { baseMs: 5, maxMs: 20 } }),
  });
}

export function servicePage(dedupKey = 'muster:incident-1:checkout'): PageRequest {
  return { incident: fakeIncident({ reference: 'INC-7', title: 'Checkout is failing' }), target: { kind: 'service', name: 'checkout', service: checkout }, dedupKey, urgency: 'high' };
}

export async function rejection(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected the call to fail');
}
