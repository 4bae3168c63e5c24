import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Repositories, type UnitOfWork } from '@muster/core';
import { InMemoryDatabase, InMemoryUnitOfWork } from '@muster/core/testing';
import { createStore, type Store } from '@muster/store';
import { createScratchDatabase } from './mariadb';

/** One store as the contract cases see it. */
export interface StoreUnderTest {
  readonly repositories: Repositories;
  readonly unitOfWork: UnitOfWork;
  /**
   * Another instance over the same database, as a second server process would have. Only where the
   * store supports several instances (in-memory: several units of work over one database; MariaDB).
   */
  readonly sibling?: () => Promise<Pick<StoreUnderTest, 'repositories' | 'unitOfWork'>>;
}

/** Sets a store up once per suite and hands out a clean one per case. */
export interface Harness {
  readonly label: string;
  readonly isMariaDb: boolean;
  /** Several instances (server processes) can share the database: `sibling` is available. */
  readonly multiInstance: boolean;
  setUp(): Promise<void>;
  fresh(): Promise<StoreUnderTest>;
  tearDown(): Promise<void>;
}

export function inMemoryHarness(): Harness {
  return {
    label: 'in-memory',
    isMariaDb: false,
    multiInstance: true,
    async setUp() {},
    async fresh() {
      const database = new InMemoryDatabase();
      const unitOfWork = new InMemoryUnitOfWork(database);
      return {
        repositories: unitOfWork.repositories,
        unitOfWork,
        sibling: async () => {
          const other = new InMemoryUnitOfWork(database);
          return { repositories: other.repositories, unitOfWork: other };
        },
      };
    },
    async tearDown() {},
  };
}

export function sqliteHarness(): Harness {
  let folder = '';
  let store: Store | undefined;
  return {
    label: 'SQLite',
    isMariaDb: false,
    multiInstance: false,
    async setUp() {
      folder = mkdtempSync(join(tmpdir(), 'muster-contract-'));
      store = await createStore(`sqlite:${join(folder, 'muster.db')}`);
    },
    async fresh() {
      await emptyTables(store!);
      return { repositories: store!.repositories, unitOfWork: store!.unitOfWork };
    },
    async tearDown() {
      await store?.close();
      rmSync(folder, { recursive: true, force: true });
    },
  };
}

export function mariaDbHarness(): Harness {
  let scratch: Awaited<ReturnType<typeof createScratchDatabase>> | undefined;
  let store: Store | undefined;
  const siblings: Store[] = [];
  return {
    label: 'MariaDB',
    isMariaDb: true,
    multiInstance: true,
    async setUp() {
      scratch = await createScratchDatabase();
      store = await createStore(scratch.url, { poolSize: 5 });
    },
    async fresh() {
      await emptyTables(store!);
      return {
        repositories: store!.repositories,
        unitOfWork: store!.unitOfWork,
        sibling: async () => {
          const other = await createStore(scratch!.url, { migrate: false, poolSize: 5 });
          siblings.push(other);
          return { repositories: other.repositories, unitOfWork: other.unitOfWork };
        },
      };
    },
    async tearDown() {
      for (const s of siblings.splice(0)) await s.close();
      await store?.close();
      await scratch?.drop();
    },
  };
}

/** Children first (foreign keys); the incident counter starts again at 1. */
const TABLES = [
  'incident_roles', 'incident_rooms', 'incidents', 'timeline_entries', 'action_items', 'status_updates', 'postmortems', 'services',
  'summary_states', 'inbox', 'outbox', 'api_tokens', 'chat_installations', 'plugin_installations', 'alert_groups', 'plugin_storage', 'plugin_health',
];

async function emptyTables(store: Store): Promise<void> {
  await store.unitOfWork.idle();
  for (const table of TABLES) await store.dataSource.query(`DELETE FROM ${table}`);
  await store.dataSource.query(`DELETE FROM sequences WHERE name LIKE 'incident:%'`);
}
