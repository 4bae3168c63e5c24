import type { ServiceRepository } from '@muster/core';
import type { PluginService } from '@muster/plugin-sdk';
import { pluginServiceOf } from '../context/plugin-services';

/** The one place the integration engine reads the service catalogue: the incident's tenant's entry, or undefined. */
export async function findService(services: Pick<ServiceRepository, 'findByName'>, tenantId: string, name: string): Promise<PluginService | undefined> {
  const found = await services.findByName(tenantId, name);
  return found && pluginServiceOf(found);
}

/** Every service name of the tenant's catalogue, for "I know these" answers. */
export async function serviceNames(services: Pick<ServiceRepository, 'list'>, tenantId: string): Promise<string[]> {
  return (await services.list(tenantId)).map((s) => s.name).sort();
}
