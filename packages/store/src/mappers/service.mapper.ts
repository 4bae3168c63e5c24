import type { Service } from '@muster/core';
import { ServiceRecord } from '../records/service.record';

export function toServiceRecord(service: Service): ServiceRecord {
  return Object.assign(new ServiceRecord(), {
    id: service.id, name: service.name, description: service.description, owners: [...service.owners],
    subjectMatterExperts: [...service.subjectMatterExperts], runbooks: [...service.runbooks],
  });
}

export function toService(record: ServiceRecord): Service {
  return {
    id: record.id, name: record.name, description: record.description, owners: record.owners,
    subjectMatterExperts: record.subjectMatterExperts, runbooks: record.runbooks,
  };
}
