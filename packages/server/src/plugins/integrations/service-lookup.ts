import type { ServiceRepository } from '@muster/core';
import type { PluginService } from '@muster/plugin-sdk';
import { pluginServiceOf } from '../context/plugin-services';

/**
 * The one place the integration engine reads the service catalogue, so the catalogue's tenant-aware
 * look-up (`findByName(tenantId, name)`) changes this function alone. Undefined when the catalogue has no such service.
 */
export async function findService(services: Pick<ServiceRepository, 'findByName'>, _tenantId: string, name: string): Promise<PluginService | undefined> {
  const found = await services.findByName(name);
  return found && pluginServiceOf(found);
}

/** Every service name of the tenant's catalogue, for "I know these" answers. */
export async function serviceNames(services: Pick<ServiceRepository, 'list'>, _tenantId: string): Promise<string[]> {
  return (await services.list()).map((s) => s.name).sort();
}
