import type { PluginPerson, PluginStorage } from '@muster/plugin-sdk';

/**
 * What the plugin keeps about each page in `ctx.storage`: the PagerDuty incident id for a dedupKey
 * (so resolve works without the ref) and, per incident, the dedupKey and the people paged (so a
 * webhook, which names the incident and a user reference without email, maps back to the page and
 * to a person the host can find in chat).
 */
export interface RememberedPage {
  readonly dedupKey: string;
  readonly paged: readonly PluginPerson[];
}

export const pageKey = (dedupKey: string) => `page:${dedupKey}`;
const incidentKey = (incidentId: string) => `incident:${incidentId}`;

export async function rememberPage(storage: PluginStorage, incidentId: string, dedupKey: string, paged: readonly PluginPerson[] = []): Promise<void> {
  await storage.set(incidentKey(incidentId), { dedupKey, paged } satisfies RememberedPage);
  await storage.set(pageKey(dedupKey), incidentId);
}

export async function recallPage(storage: PluginStorage, incidentId: string): Promise<RememberedPage | undefined> {
  const page = await storage.get<RememberedPage>(incidentKey(incidentId));
  return page && typeof page.dedupKey === 'string' ? { dedupKey: page.dedupKey, paged: Array.isArray(page.paged) ? page.paged : [] } : undefined;
}
