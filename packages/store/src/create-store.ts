import type { Repositories } from '@muster/core';
import type { DataSource } from 'typeorm';
import { createDataSource, type DataSourceSettings } from './data-source';
import { ApiTokenRepository } from './repositories/api-token-repository';
import { ConversationRepository } from './repositories/conversation-repository';
import { InstallationRepository } from './repositories/installation-repository';
import { PluginHealthRepository } from './repositories/plugin-health-repository';
import { PluginInstallationRepository } from './repositories/plugin-installation-repository';
import { PluginStorageRepository } from './repositories/plugin-storage-repository';
import { TeamsFileOfferRepository } from './repositories/teams-file-offer-repository';
import { WebSessionRepository } from './repositories/web-session-repository';
import { runMigrations } from './migrations/run-migrations';
import { createAutoCommitRepositories } from './unit-of-work/auto-commit-repositories';
import type { GroupCommitOptions } from './unit-of-work/group-commit-queue';
import { StoreExecutor } from './unit-of-work/store-executor';
import { TypeOrmUnitOfWork } from './unit-of-work/typeorm-unit-of-work';

export interface Store {
  readonly dataSource: DataSource;
  readonly unitOfWork: TypeOrmUnitOfWork;
  /** Outside any transaction: each write commits on its own, reads see committed data. */
  readonly repositories: Repositories;
  readonly apiTokens: ApiTokenRepository;
  readonly installations: InstallationRepository;
  /** Where adapters post proactively: per conversation seen or created, its service URL and kind. */
  readonly conversations: ConversationRepository;
  readonly pluginInstallations: PluginInstallationRepository;
  /** Each plugin installation's key-value storage (ctx.storage). */
  readonly pluginStorage: PluginStorageRepository;
  /** Last success and failure of each plugin installation. */
  readonly pluginHealth: PluginHealthRepository;
  /** Documents offered on Teams with a file-consent card, until the person answers. */
  readonly teamsFileOffers: TeamsFileOfferRepository;
  /** The web dashboard's browser sessions and one-time sign-in links. */
  readonly webSessions: WebSessionRepository;
  /** Lets queued work finish, then closes the connections. */
  close(): Promise<void>;
}

export interface StoreSettings extends DataSourceSettings, GroupCommitOptions {
  /** Run pending migrations before returning (default true). Turn off where `muster migrate` runs them as a deploy step. */
  readonly migrate?: boolean;
}

/** Opens the database at `url`, migrates it (unless told not to) and wires every repository over one group-commit queue. */
export async function createStore(url: string, settings: StoreSettings = {}): Promise<Store> {
  const dataSource = await createDataSource(url, settings);
  try {
    if (settings.migrate ?? true) await runMigrations(dataSource);
  } catch (error) {
    await dataSource.destroy().catch(() => undefined);
    throw error;
  }
  const { maxGroup, parallelGroups, collect, lockRetries, lockRetryDelayMs } = settings;
  const executor = new StoreExecutor(dataSource, { maxGroup, parallelGroups, collect, lockRetries, lockRetryDelayMs });
  const unitOfWork = new TypeOrmUnitOfWork(executor);
  return {
    dataSource,
    unitOfWork,
    repositories: createAutoCommitRepositories(executor),
    apiTokens: new ApiTokenRepository(executor),
    installations: new InstallationRepository(executor),
    conversations: new ConversationRepository(executor),
    teamsFileOffers: new TeamsFileOfferRepository(executor),
    pluginInstallations: new PluginInstallationRepository(executor),
    pluginStorage: new PluginStorageRepository(executor),
    pluginHealth: new PluginHealthRepository(executor),
    webSessions: new WebSessionRepository(executor),
    async close() {
      await executor.queue.idle();
      if (dataSource.isInitialized) await dataSource.destroy();
    },
  };
}
