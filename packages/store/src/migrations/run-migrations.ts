import { MigrationExecutor, type DataSource } from 'typeorm';
import { dialectOf } from '../dialect';
import { translateDatabaseError } from '../errors';

/**
 * Brings the schema up to date; returns the names of the migrations it ran. On MySQL a named lock
 * keeps two instances starting together from migrating at the same time (the second waits, then finds
 * nothing left to do).
 */
export async function runMigrations(dataSource: DataSource): Promise<string[]> {
  try {
    return await withMigrationLock(dataSource, async () => (await dataSource.runMigrations({ transaction: 'each' })).map((m) => m.name));
  } catch (error) {
    throw translateDatabaseError(error);
  }
}

/** Names of the migrations this build has that the database has not run yet, oldest first. */
export async function pendingMigrations(dataSource: DataSource): Promise<string[]> {
  try {
    return (await new MigrationExecutor(dataSource).getPendingMigrations()).map((m) => m.name);
  } catch (error) {
    throw translateDatabaseError(error);
  }
}

async function withMigrationLock<T>(dataSource: DataSource, work: () => Promise<T>): Promise<T> {
  if (dialectOf(dataSource) !== 'mysql') return work();
  const runner = dataSource.createQueryRunner();
  try {
    await runner.query(`SELECT GET_LOCK('muster_migrations', 300)`);
    try {
      return await work();
    } finally {
      await runner.query(`SELECT RELEASE_LOCK('muster_migrations')`);
    }
  } finally {
    await runner.release();
  }
}
