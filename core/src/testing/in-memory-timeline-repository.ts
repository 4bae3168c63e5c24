import type { TimelineQuery, TimelineRepository } from '../application/ports/repositories.port';
import type { ExternalMessageRef, TimelineEntry } from '../domain/timeline';
import { MusterError } from '../errors';
import { checkKey, copy, jsonCopy, type InMemoryDatabase, type UndoLog } from './in-memory-database';

export class InMemoryTimelineRepository implements TimelineRepository {
  constructor(private readonly db: InMemoryDatabase, private readonly undo?: UndoLog) {}

  async append(entry: TimelineEntry): Promise<boolean> {
    checkKey(entry.idempotencyKey);
    if (this.db.timelineKeys.has(entry.idempotencyKey)) return false;
    if (this.db.timeline.has(entry.id)) {
      throw new MusterError('duplicate', `Timeline entry ${entry.id} is already stored under another idempotency key.`);
    }
    const position = this.db.sequences.next('timeline', this.undo);
    this.db.timeline.set(entry.id, asStored({ ...entry, position }), this.undo);
    this.db.timelineKeys.set(entry.idempotencyKey, entry.id, this.undo);
    return true;
  }

  async appendMany(entries: readonly TimelineEntry[]): Promise<boolean[]> {
    const stored: boolean[] = [];
    for (const entry of entries) stored.push(await this.append(entry));
    return stored;
  }

  async list(incidentId: string, query: TimelineQuery = {}): Promise<TimelineEntry[]> {
    const after = query.afterPosition ?? 0;
    const entries = [...this.db.timeline.values()]
      .filter((e) => e.incidentId === incidentId && e.position! > after && (!query.highlightedOnly || e.highlighted) && (!query.kinds || query.kinds.includes(e.kind)))
      .sort((a, b) => a.position! - b.position!);
    const tail = query.newest === undefined ? entries : entries.slice(Math.max(0, entries.length - query.newest));
    return tail.slice(0, query.limit ?? tail.length).map(copy);
  }

  async count(incidentId: string): Promise<number> {
    let n = 0;
    for (const e of this.db.timeline.values()) if (e.incidentId === incidentId) n++;
    return n;
  }

  async findByKey(idempotencyKey: string): Promise<TimelineEntry | undefined> {
    const id = this.db.timelineKeys.get(idempotencyKey);
    const entry = id === undefined ? undefined : this.db.timeline.get(id);
    return entry && copy(entry);
  }

  async findByExternal(ref: Pick<ExternalMessageRef, 'platform' | 'conversationId' | 'messageId'>): Promise<TimelineEntry | undefined> {
    for (const e of this.db.timeline.values()) {
      const x = e.external;
      if (x && x.platform === ref.platform && x.conversationId === ref.conversationId && x.messageId === ref.messageId) return copy(e);
    }
    return undefined;
  }

  async update(entry: TimelineEntry): Promise<void> {
    const stored = this.db.timeline.get(entry.id);
    if (!stored) throw new MusterError('not_found', `Timeline entry ${entry.id} does not exist; append it first.`);
    const changed = asStored({ ...stored, text: entry.text, revisions: entry.revisions, highlighted: entry.highlighted, deletedAt: entry.deletedAt });
    this.db.timeline.set(entry.id, changed, this.undo);
  }
}

/** What a SQL store keeps: JSON columns (actor, data, external, revisions) round-trip through JSON. */
function asStored(entry: TimelineEntry): TimelineEntry {
  const { actor, external, deletedAt, ...rest } = copy(entry);
  return {
    ...rest,
    data: jsonCopy(entry.data),
    revisions: entry.revisions.map((r) => ({ text: r.text, at: new Date(r.at) })),
    ...(actor && { actor: jsonCopy(actor) }),
    ...(external && { external: jsonCopy(external) }),
    ...(deletedAt && { deletedAt: new Date(deletedAt) }),
  };
}
