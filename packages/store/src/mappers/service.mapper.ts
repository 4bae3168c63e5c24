import { serviceNameKey, type Service } from '@muster/core';
import { ServiceRecord } from '../records/service.record';

export function toServiceRecord(service: Service): ServiceRecord {
  return Object.assign(new ServiceRecord(), {
    id: service.id, tenantId: service.tenantId, name: service.name, nameKey: serviceNameKey(service.name), description: service.description,
    owners: [...service.owners], subjectMatterExperts: [...service.subjectMatterExperts], runbooks: [...service.runbooks],
    integrations: { ...service.integrations }, runbookFile: service.runbookFile ?? null, public: service.public, origin: service.origin,
  });
}

export function toService(record: ServiceRecord): Service {
  return {
    id: record.id, tenantId: record.tenantId, name: record.name, description: record.description, owners: record.owners,
    subjectMatterExperts: record.subjectMatterExperts, runbooks: record.runbooks, integrations: record.integrations ?? {},
    ...(record.runbookFile ? { runbookFile: record.runbookFile } : {}),
    // SQLite hands booleans back as 0/1.
    public: !!record.public, origin: record.origin === 'config' ? 'config' : 'api',
  };
}
