import type { Postmortem, PostmortemState } from '@muster/core';
import { PostmortemRecord } from '../records/postmortem.record';

export function toPostmortemRecord(postmortem: Postmortem, version: number): PostmortemRecord {
  return Object.assign(new PostmortemRecord(), {
    id: postmortem.id, incidentId: postmortem.incidentId, state: postmortem.state, sections: [...postmortem.sections],
    createdAt: postmortem.createdAt, updatedAt: postmortem.updatedAt, version,
  });
}

export function toPostmortem(record: PostmortemRecord): Postmortem {
  return {
    id: record.id, incidentId: record.incidentId, state: record.state as PostmortemState, sections: record.sections,
    createdAt: record.createdAt, updatedAt: record.updatedAt, version: record.version,
  };
}
