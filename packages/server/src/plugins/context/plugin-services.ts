import { isEmailContact, type Service, type ServiceContact, type ServiceRepository } from '@muster/core';
import type { PluginPerson, PluginService, PluginServiceCatalog } from '@muster/plugin-sdk';

/**
 * `ctx.services`: the catalogue of the installation's own tenant as a plugin sees it, read fresh on
 * every call (it is editable through the REST API). Another tenant's service is never found.
 */
export function pluginServices(services: Pick<ServiceRepository, 'findByName'>, tenantId: string): PluginServiceCatalog {
  return { find: async (name) => { const found = await services.findByName(tenantId, name); return found && pluginServiceOf(found); } };
}

/** A plain copy: a plugin never holds the stored entry. */
export function pluginServiceOf(service: Service): PluginService {
  return {
    name: service.name,
    description: service.description,
    owners: service.owners.map(personOf),
    subjectMatterExperts: service.subjectMatterExperts.map(personOf),
    integrations: { ...service.integrations },
    runbooks: service.runbooks.map((l) => ({ title: l.title, url: l.url })),
    ...(service.runbookFile ? { runbookFile: service.runbookFile } : {}),
  };
}

const personOf = (c: ServiceContact): PluginPerson =>
  isEmailContact(c) ? emailPerson(c.email, c.name) : { platform: c.platform, id: c.id, ...(c.name && { name: c.name }) };

/** A contact known only by address: platform `email`, so a paging plugin can map it to its own users by email. */
const emailPerson = (email: string, name: string | undefined): PluginPerson => ({ platform: 'email', id: email, email, ...(name && { name }) });
