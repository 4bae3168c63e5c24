import { createHash } from 'node:crypto';
import { MusterError, type EffectLog, type EffectRecord } from '@muster/core';
import type { Db } from '../sql/db';

/** The primary key's length; longer effect keys are stored by their hash (they only need to match exactly). */
export const MAX_EFFECT_KEY_LENGTH = 191;

const stored = (key: string): string =>
  key.length <= MAX_EFFECT_KEY_LENGTH ? key : `sha256:${createHash('sha256').update(key).digest('hex')}`;

/**
 * The effect log in the `effect_results` table (migration 1733000000003). Each call is one statement
 * pair in the caller's transaction; through the auto-commit repositories each is committed on its
 * own, which is the point: a begin must be durable before the remote call it announces.
 */
export class SqlEffectLog implements EffectLog {
  constructor(private readonly db: Db, private readonly clock: () => Date) {}

  async beginEffect(effectKey: string): Promise<EffectRecord> {
    const key = stored(effectKey);
    const insert = 'INSERT INTO effect_results (effect_key, begun_at_ms, begins, result) VALUES (?, ?, 1, NULL)';
    const bump = this.db.dialect === 'mysql' ? ' ON DUPLICATE KEY UPDATE begins = begins + 1' : ' ON CONFLICT (effect_key) DO UPDATE SET begins = begins + 1';
    await this.db.run(insert + bump, [key, this.clock().getTime()]);
    const record = await this.read(effectKey);
    if (!record) throw new MusterError('internal', `The effect ${key} was begun but cannot be read back.`);
    return record;
  }

  async completeEffect(effectKey: string, result: Readonly<Record<string, unknown>>): Promise<void> {
    const key = stored(effectKey);
    const json = JSON.stringify(result);
    const insert = 'INSERT INTO effect_results (effect_key, begun_at_ms, begins, result) VALUES (?, ?, 1, ?)';
    const overwrite = this.db.dialect === 'mysql' ? ' ON DUPLICATE KEY UPDATE result = VALUES(result)' : ' ON CONFLICT (effect_key) DO UPDATE SET result = excluded.result';
    await this.db.run(insert + overwrite, [key, this.clock().getTime(), json]);
  }

  effect(effectKey: string): Promise<EffectRecord | undefined> {
    return this.read(effectKey);
  }

  private async read(effectKey: string): Promise<EffectRecord | undefined> {
    const { rows } = await this.db.run('SELECT begun_at_ms, begins, result FROM effect_results WHERE effect_key = ?', [stored(effectKey)]);
    const row = rows[0];
    if (!row) return undefined;
    const result = typeof row.result === 'string' ? (JSON.parse(row.result) as Record<string, unknown>) : undefined;
    return { effectKey, begunAt: new Date(Number(row.begun_at_ms)), begins: Number(row.begins), ...(result && { result }) };
  }
}
