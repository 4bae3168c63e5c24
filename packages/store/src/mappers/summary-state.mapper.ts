import type { RollingSummary } from '@muster/core';
import { SummaryStateRecord } from '../records/summary-state.record';

export function toSummaryStateRecord(summary: RollingSummary): SummaryStateRecord {
  return Object.assign(new SummaryStateRecord(), {
    incidentId: summary.incidentId, kind: summary.kind, coveredThrough: String(summary.coveredThrough), text: summary.text,
    tokens: summary.tokens, updatedAt: summary.updatedAt,
  });
}

export function toRollingSummary(record: SummaryStateRecord): RollingSummary {
  return {
    incidentId: record.incidentId, kind: record.kind, coveredThrough: Number(record.coveredThrough), text: record.text,
    tokens: record.tokens, updatedAt: record.updatedAt,
  };
}
