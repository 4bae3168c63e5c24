import type { Audience, StatusUpdate, StatusUpdateState } from '@muster/core';
import { StatusUpdateRecord } from '../records/status-update.record';

/** The row for `update`, written at `version`. */
export function toStatusUpdateRecord(update: StatusUpdate, version: number): StatusUpdateRecord {
  return Object.assign(new StatusUpdateRecord(), {
    id: update.id, incidentId: update.incidentId, audience: update.audience, body: update.body, author: update.author, state: update.state,
    createdAt: update.createdAt, updatedAt: update.updatedAt, editedBy: update.editedBy ?? null, decidedBy: update.decidedBy ?? null,
    decidedAt: update.decidedAt ?? null, rejectionReason: update.rejectionReason ?? null, publishedAt: update.publishedAt ?? null,
    publishedTo: [...update.publishedTo], version,
  });
}

export function toStatusUpdate(record: StatusUpdateRecord): StatusUpdate {
  return {
    id: record.id,
    incidentId: record.incidentId,
    audience: record.audience as Audience,
    body: record.body,
    author: record.author,
    state: record.state as StatusUpdateState,
    createdAt: record.createdAt,
    updatedAt: record.updatedAt,
    ...(record.editedBy && { editedBy: record.editedBy }),
    ...(record.decidedBy && { decidedBy: record.decidedBy }),
    ...(record.decidedAt && { decidedAt: record.decidedAt }),
    ...(record.rejectionReason !== null && { rejectionReason: record.rejectionReason }),
    ...(record.publishedAt && { publishedAt: record.publishedAt }),
    publishedTo: record.publishedTo,
    version: record.version,
  };
}
