import type { Repositories, UnitOfWork } from '../application/ports/unit-of-work.port';
import { InMemoryActionItemRepository } from './in-memory-action-item-repository';
import { InMemoryAlertGroupRepository } from './in-memory-alert-group-repository';
import { InMemoryDatabase, UndoLog } from './in-memory-database';
import { InMemoryInboxRepository } from './in-memory-inbox-repository';
import { InMemoryIncidentRepository } from './in-memory-incident-repository';
import { InMemoryOutbox } from './in-memory-outbox';
import { InMemoryPostmortemRepository } from './in-memory-postmortem-repository';
import { InMemoryServiceRepository } from './in-memory-service-repository';
import { InMemoryStatusUpdateRepository } from './in-memory-status-update-repository';
import { InMemorySummaryStateRepository } from './in-memory-summary-state-repository';
import { InMemoryTimelineRepository } from './in-memory-timeline-repository';

/**
 * Every repository over one in-memory database. Without an undo log the writes are final at once
 * (the "outside a transaction" repositories); with one they can be rolled back.
 */
export function createInMemoryRepositories(database: InMemoryDatabase = new InMemoryDatabase(), undo?: UndoLog): Repositories {
  return {
    incidents: new InMemoryIncidentRepository(database, undo),
    timeline: new InMemoryTimelineRepository(database, undo),
    actionItems: new InMemoryActionItemRepository(database, undo),
    statusUpdates: new InMemoryStatusUpdateRepository(database, undo),
    postmortems: new InMemoryPostmortemRepository(database, undo),
    services: new InMemoryServiceRepository(database, undo),
    inbox: new InMemoryInboxRepository(database, undo),
    outbox: new InMemoryOutbox(database, undo),
    summaries: new InMemorySummaryStateRepository(database, undo),
    alertGroups: new InMemoryAlertGroupRepository(database, undo),
  };
}

/**
 * Transactions for the in-memory store: one `run` at a time (later ones wait their turn, as they would
 * for a row lock), and a `run` whose work throws has each of its writes undone before the error
 * reaches the caller. Do not call `run` from inside `run`'s work: it waits for itself.
 */
export class InMemoryUnitOfWork implements UnitOfWork {
  /** The repositories outside any transaction, over the same database. */
  readonly repositories: Repositories;
  private tail: Promise<unknown> = Promise.resolve();

  constructor(readonly database: InMemoryDatabase = new InMemoryDatabase()) {
    this.repositories = createInMemoryRepositories(database);
  }

  run<T>(work: (tx: Repositories) => Promise<T>): Promise<T> {
    const result = this.tail.then(() => this.execute(work));
    this.tail = result.catch(() => undefined);
    return result;
  }

  private async execute<T>(work: (tx: Repositories) => Promise<T>): Promise<T> {
    const undo = new UndoLog();
    try {
      return await work(createInMemoryRepositories(this.database, undo));
    } catch (error) {
      undo.rollback();
      throw error;
    }
  }
}

/** A database, its unit of work and its non-transactional repositories, for a test's `beforeEach`. */
export function createInMemoryStore(): { database: InMemoryDatabase; unitOfWork: InMemoryUnitOfWork; repositories: Repositories } {
  const unitOfWork = new InMemoryUnitOfWork();
  return { database: unitOfWork.database, unitOfWork, repositories: unitOfWork.repositories };
}
