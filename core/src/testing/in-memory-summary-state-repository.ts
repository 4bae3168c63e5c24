import type { RollingSummary, SummaryStateRepository } from '../application/ports/summarizer.port';
import { copy, type InMemoryDatabase, type UndoLog } from './in-memory-database';

export class InMemorySummaryStateRepository implements SummaryStateRepository {
  constructor(private readonly db: InMemoryDatabase, private readonly undo?: UndoLog) {}

  async get(incidentId: string, kind: string): Promise<RollingSummary | undefined> {
    const found = this.db.summaries.get(keyOf(incidentId, kind));
    return found && copy(found);
  }

  /** One rolling summary per incident and kind: saving again replaces it. */
  async save(summary: RollingSummary): Promise<void> {
    this.db.summaries.set(keyOf(summary.incidentId, summary.kind), copy(summary), this.undo);
  }
}

const keyOf = (incidentId: string, kind: string): string => `${incidentId}\u0000${kind}`;
