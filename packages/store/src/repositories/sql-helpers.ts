import type { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';

/** Plain multi-row INSERT, without TypeORM's read-back of generated values (nobody needs them here). */
export async function insertRows<T extends ObjectLiteral>(manager: EntityManager, target: EntityTarget<T>, rows: readonly T[]): Promise<void> {
  if (rows.length === 0) return;
  await manager.createQueryBuilder().insert().into(target).values(rows as unknown as QueryDeepPartialEntity<T>[]).updateEntity(false).execute();
}

/**
 * INSERT, or UPDATE the `overwrite` columns when a row with the same `conflictTarget` key exists
 * (`ON DUPLICATE KEY UPDATE` on MySQL, `ON CONFLICT … DO UPDATE` on SQLite). Only for tables whose
 * one unique key is that target: MySQL would also take a clash on any other unique key as "exists".
 */
export async function upsertRow<T extends ObjectLiteral>(
  manager: EntityManager, target: EntityTarget<T>, row: T, overwrite: readonly string[], conflictTarget: readonly string[],
): Promise<void> {
  await manager.createQueryBuilder().insert().into(target).values(row as QueryDeepPartialEntity<T>)
    .orUpdate([...overwrite], [...conflictTarget]).updateEntity(false).execute();
}

/** Rows changed (or matched) by an UPDATE, from TypeORM's result on either driver. */
export const affectedRows = (result: { affected?: number | null }): number => result.affected ?? 0;
