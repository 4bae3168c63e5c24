// Only the classes: the copy helpers of in-memory-database.ts stay private to this folder.
export { InMemoryDatabase, InMemoryTable, UndoLog, type OutboxRow } from './in-memory-database';
export { InMemoryIncidentRepository } from './in-memory-incident-repository';
export { InMemoryTimelineRepository } from './in-memory-timeline-repository';
export { InMemoryActionItemRepository } from './in-memory-action-item-repository';
export { InMemoryStatusUpdateRepository } from './in-memory-status-update-repository';
export { InMemoryPostmortemRepository } from './in-memory-postmortem-repository';
export { InMemoryServiceRepository } from './in-memory-service-repository';
export { InMemoryInboxRepository } from './in-memory-inbox-repository';
export { InMemoryOutbox } from './in-memory-outbox';
export { InMemorySummaryStateRepository } from './in-memory-summary-state-repository';
export { InMemoryAlertGroupRepository } from './in-memory-alert-group-repository';
export { InMemoryUnitOfWork, createInMemoryRepositories, createInMemoryStore } from './in-memory-unit-of-work';
