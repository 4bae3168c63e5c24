import type { ActionItem, ActionItemState } from '@muster/core';
import { ActionItemRecord } from '../records/action-item.record';

export function toActionItemRecord(item: ActionItem): ActionItemRecord {
  return Object.assign(new ActionItemRecord(), {
    id: item.id, incidentId: item.incidentId, text: item.text, owner: item.owner ?? null, state: item.state,
    createdBy: item.createdBy, createdAt: item.createdAt, updatedAt: item.updatedAt, ticket: item.ticket ?? null, dueAt: item.dueAt ?? null,
  });
}

export function toActionItem(record: ActionItemRecord): ActionItem {
  return {
    id: record.id,
    incidentId: record.incidentId,
    text: record.text,
    ...(record.owner && { owner: record.owner }),
    state: record.state as ActionItemState,
    createdBy: record.createdBy,
    createdAt: record.createdAt,
    updatedAt: record.updatedAt,
    ...(record.ticket && { ticket: record.ticket }),
    ...(record.dueAt && { dueAt: record.dueAt }),
  };
}
