import { randomUUID } from 'node:crypto';
import { contactKey, DEFAULT_TENANT, type Logger, type MusterSettings, type Service, type UnitOfWork } from '@muster/core';
import type { ServiceDefinition } from '../config/service-definitions';

export interface SyncOutcome {
  readonly added: number;
  readonly updated: number;
  readonly removed: number;
}

/**
 * Makes the catalogue hold what muster.yaml's `services:` says, at start, in one transaction: each
 * listed service is created or replaced (keeping its id; the file wins over an entry made through the
 * API with the same name, which becomes the file's), and a service that came from the file and is no
 * longer in it is removed. Services made through the REST API and not named in the file are left alone,
 * so they survive restarts. Looked at are the tenants the configuration knows (`default`, the home
 * tenant, `tenants:`) and those the file names.
 */
export async function syncConfigServices(
  uow: UnitOfWork, definitions: readonly ServiceDefinition[], settings: MusterSettings, logger: Logger, newId: () => string = randomUUID,
): Promise<SyncOutcome> {
  const tenants = new Set([DEFAULT_TENANT, ...settings.tenants.tenants.map((t) => t.id), ...definitions.map((d) => d.tenantId)]);
  if (settings.homePlatform && settings.homeWorkspaceId) tenants.add(settings.tenants.tenantOf(settings.homePlatform, settings.homeWorkspaceId));
  const outcome = await uow.run(async (tx) => {
    let added = 0;
    let updated = 0;
    let removed = 0;
    for (const tenantId of tenants) {
      const wanted = definitions.filter((d) => d.tenantId === tenantId);
      const stored = await tx.services.list(tenantId);
      for (const gone of stored.filter((s) => s.origin === 'config' && !wanted.some((d) => sameName(d.name, s.name)))) {
        await tx.services.remove(tenantId, gone.name);
        removed++;
      }
      for (const definition of wanted) {
        const existing = stored.find((s) => sameName(s.name, definition.name));
        if (existing?.origin === 'api') logger.info('muster.yaml now defines a service that was made through the REST API; the file\'s entry replaces it', { service: definition.name, tenant: tenantId });
        const service: Service = { ...definition, id: existing?.id ?? newId(), origin: 'config' };
        if (existing && sameService(existing, service)) continue;
        await tx.services.save(service);
        if (existing) updated++;
        else added++;
      }
    }
    return { added, updated, removed };
  });
  if (outcome.added || outcome.updated || outcome.removed) logger.info('Service catalogue loaded from muster.yaml', { ...outcome });
  return outcome;
}

const sameName = (a: string, b: string): boolean => a.trim().toLowerCase() === b.trim().toLowerCase();

/** Unchanged entries are not written: a restart with the same file writes nothing. Field by field, as MySQL's JSON reorders keys. */
const sameService = (a: Service, b: Service): boolean => JSON.stringify(canonical(a)) === JSON.stringify(canonical(b));
const canonical = (s: Service) => [
  s.id, s.tenantId, s.name, s.description, s.owners.map(contactKey), s.subjectMatterExperts.map(contactKey), s.runbooks.map((l) => [l.title, l.url]),
  s.runbookFile ?? null, Object.entries(s.integrations).sort(), s.public, s.origin,
];
