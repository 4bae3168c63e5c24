// TypeORM reads the records' decorators through this polyfill; it must load before any record class.
import 'reflect-metadata';

export { parseDatabaseUrl, ACCEPTED_FORMS, type DatabaseLocation } from './database-url';
export { createDataSource, MIGRATIONS_TABLE, type DataSourceSettings } from './data-source';
export { createStore, type Store, type StoreSettings } from './create-store';
export { runMigrations, pendingMigrations } from './migrations/run-migrations';
export { MIGRATIONS } from './migrations';
export { dialectOf, type Dialect } from './dialect';
export { translateDatabaseError } from './errors';

export { TypeOrmUnitOfWork } from './unit-of-work/typeorm-unit-of-work';
export { GroupCommitQueue, type GroupCommitOptions, type GroupCommitStats, type TransactionContext } from './unit-of-work/group-commit-queue';
export { StoreExecutor } from './unit-of-work/store-executor';
export { createAutoCommitRepositories } from './unit-of-work/auto-commit-repositories';
export { repositoriesFor } from './unit-of-work/repositories-for';

export { TypeOrmIncidentRepository } from './repositories/typeorm-incident-repository';
export { TypeOrmTimelineRepository } from './repositories/typeorm-timeline-repository';
export { TypeOrmActionItemRepository } from './repositories/typeorm-action-item-repository';
export { TypeOrmStatusUpdateRepository } from './repositories/typeorm-status-update-repository';
export { TypeOrmPostmortemRepository } from './repositories/typeorm-postmortem-repository';
export { TypeOrmServiceRepository } from './repositories/typeorm-service-repository';
export { TypeOrmInboxRepository } from './repositories/typeorm-inbox-repository';
export { TypeOrmOutbox } from './repositories/typeorm-outbox';
export { TypeOrmSummaryStateRepository } from './repositories/typeorm-summary-state-repository';
export { TypeOrmAlertGroupRepository } from './repositories/typeorm-alert-group-repository';

export { ApiTokenRepository, API_TOKEN_PREFIX, DEFAULT_API_TENANT, type ApiToken } from './extras/api-token.repository';
export { InstallationRepository, type ChatInstallation } from './extras/installation.repository';
export { ConversationRepository, CONVERSATION_KINDS, type ConversationKind, type ConversationReference } from './extras/conversation.repository';
export { PluginInstallationRepository, type PluginInstallation } from './extras/plugin-installation.repository';
export { PluginStorageRepository, PLUGIN_STORAGE_LIMITS } from './extras/plugin-storage.repository';
export { PluginHealthRepository, type PluginHealthState } from './extras/plugin-health.repository';
export { TeamsFileOfferRepository, type TeamsFileOffer, type TeamsFileOfferState } from './extras/teams-file-offer.repository';

export * from './records';
