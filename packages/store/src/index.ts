// TypeORM reads the records' decorators through this polyfill; it must load before any record class.
import 'reflect-metadata';

export { parseDatabaseUrl, ACCEPTED_FORMS, type DatabaseLocation } from './database-url';
export { createDataSource, MIGRATIONS_TABLE, SQLITE_SYNCHRONOUS, type DataSourceSettings, type SqliteSynchronous } from './data-source';
export { createStore, type Store, type StoreSettings } from './create-store';
export { runMigrations, pendingMigrations } from './migrations/run-migrations';
export { MIGRATIONS } from './migrations';
export { dialectOf, type Dialect } from './dialect';
export { translateDatabaseError } from './errors';

export { TypeOrmUnitOfWork } from './unit-of-work/typeorm-unit-of-work';
export { GroupCommitQueue, type ExecuteOptions, type GroupCommitOptions, type GroupCommitStats, type TransactionContext } from './unit-of-work/group-commit-queue';
export { StoreExecutor } from './unit-of-work/store-executor';
export { createAutoCommitRepositories } from './unit-of-work/auto-commit-repositories';
export { repositoriesFor } from './unit-of-work/repositories-for';

export { SqlIncidentRepository } from './repositories/sql-incident-repository';
export { SqlTimelineRepository } from './repositories/sql-timeline-repository';
export { SqlActionItemRepository } from './repositories/sql-action-item-repository';
export { SqlStatusUpdateRepository } from './repositories/sql-status-update-repository';
export { SqlPostmortemRepository } from './repositories/sql-postmortem-repository';
export { SqlServiceRepository } from './repositories/sql-service-repository';
export { SqlInboxRepository } from './repositories/sql-inbox-repository';
export { SqlOutbox } from './repositories/sql-outbox';
export { SqlSummaryStateRepository } from './repositories/sql-summary-state-repository';
export { SqlAlertGroupRepository } from './repositories/sql-alert-group-repository';

export {
  ApiTokenRepository, API_SCOPES, API_TOKEN_PREFIX, DEFAULT_API_SCOPES, DEFAULT_API_TENANT, type ApiScope, type ApiToken,
} from './repositories/api-token-repository';
export { InstallationRepository, type ChatInstallation } from './repositories/installation-repository';
export { ConversationRepository, CONVERSATION_KINDS, type ConversationKind, type ConversationReference } from './repositories/conversation-repository';
export { PluginInstallationRepository, type PluginInstallation } from './repositories/plugin-installation-repository';
export { PluginStorageRepository, PLUGIN_STORAGE_LIMITS, HOST_STORAGE_PREFIX } from './repositories/plugin-storage-repository';
export { PluginHealthRepository, type PluginHealthState } from './repositories/plugin-health-repository';
export { TeamsFileOfferRepository, type TeamsFileOffer, type TeamsFileOfferState } from './repositories/teams-file-offer-repository';

export {
  WebSessionRepository, WEB_SESSION_TTL_MS, SIGN_IN_LINK_TTL_MS, type WebIdentity, type WebSession, type WebSignInMethod,
} from './repositories/web-session-repository';
export * from './records';
