import type { PersonRef, Service, ServiceRepository } from '@muster/core';
import type { PluginPerson, PluginService, PluginServiceCatalog } from '@muster/plugin-sdk';

/** `ctx.services`: the catalogue as a plugin sees it, read fresh on every call (it is editable through the REST API). */
export function pluginServices(services: Pick<ServiceRepository, 'findByName'>): PluginServiceCatalog {
  return { find: async (name) => { const found = await services.findByName(name); return found && pluginServiceOf(found); } };
}

/** A plain copy: a plugin never holds the stored entry. */
export function pluginServiceOf(service: Service): PluginService {
  return {
    name: service.name,
    description: service.description,
    owners: service.owners.map(personOf),
    subjectMatterExperts: service.subjectMatterExperts.map(personOf),
    integrations: {},
    runbooks: service.runbooks.map((l) => ({ title: l.title, url: l.url })),
  };
}

const personOf = (p: PersonRef): PluginPerson => ({ platform: p.platform, id: p.id, ...(p.name && { name: p.name }) });
