import { MusterError } from '@muster/core';
import { PluginStorageRecord } from '../records/plugin-storage.record';
import { Db } from '../sql/db';
import type { StoreExecutor } from '../unit-of-work/store-executor';

/** Limits of one installation's storage: plugins keep cursors and ids here, not documents. */
export const PLUGIN_STORAGE_LIMITS = { keyLength: 191, valueBytes: 64 * 1024, keys: 1000 } as const;

/**
 * Keys the plugin host keeps beside a plugin's own (which follow-up a tracker ticket is): not counted
 * toward the plugin's key limit, which the host's own bookkeeping must not use up. ctx.storage refuses them.
 */
export const HOST_STORAGE_PREFIX = 'muster:';

/** `store.pluginStorage`: ctx.storage of every plugin installation, each value a JSON text. */
export class PluginStorageRepository {
  constructor(private readonly executor: StoreExecutor) {}

  async get(pluginId: string, installationId: string, key: string): Promise<string | undefined> {
    const record = await this.executor.read((tx) => new Db(tx).selectOne(PluginStorageRecord, 'plugin_id = ? AND installation_id = ? AND storage_key = ?', [pluginId, installationId, key]));
    return record?.value;
  }

  /**
   * Stores `json` (already serialised) under `key`. Refuses (`invalid_argument`) a key or value over
   * the limits, and a new key past the installation's key count, so one plugin cannot fill the database.
   */
  async set(pluginId: string, installationId: string, key: string, json: string, at: Date): Promise<void> {
    if (key.length === 0 || key.length > PLUGIN_STORAGE_LIMITS.keyLength) {
      throw new MusterError('invalid_argument', `A storage key must be 1 to ${PLUGIN_STORAGE_LIMITS.keyLength} characters.`);
    }
    if (Buffer.byteLength(json, 'utf8') > PLUGIN_STORAGE_LIMITS.valueBytes) {
      throw new MusterError('invalid_argument', `A stored value may take at most ${PLUGIN_STORAGE_LIMITS.valueBytes} bytes as JSON.`);
    }
    await this.executor.write(async (tx) => {
      const db = new Db(tx);
      const exists = await db.exists(PluginStorageRecord, 'plugin_id = ? AND installation_id = ? AND storage_key = ?', [pluginId, installationId, key]);
      if (!exists && !key.startsWith(HOST_STORAGE_PREFIX)) {
        const { rows } = await db.run('SELECT COUNT(*) AS n FROM plugin_storage WHERE plugin_id = ? AND installation_id = ? AND storage_key NOT LIKE ?', [pluginId, installationId, `${HOST_STORAGE_PREFIX}%`]);
        if (Number(rows[0]?.n ?? 0) >= PLUGIN_STORAGE_LIMITS.keys) {
          throw new MusterError('invalid_argument', `A plugin installation may keep at most ${PLUGIN_STORAGE_LIMITS.keys} keys; delete some first.`);
        }
      }
      const record = Object.assign(new PluginStorageRecord(), { pluginId, installationId, key, value: json, updatedAt: at });
      await db.upsert(PluginStorageRecord, record, ['pluginId', 'installationId', 'key'], ['value', 'updatedAt']);
    });
  }

  async delete(pluginId: string, installationId: string, key: string): Promise<void> {
    await this.executor.write((tx) => new Db(tx).run('DELETE FROM plugin_storage WHERE plugin_id = ? AND installation_id = ? AND storage_key = ?', [pluginId, installationId, key]));
  }

  /** Everything one installation kept (it was uninstalled). */
  async clear(pluginId: string, installationId: string): Promise<void> {
    await this.executor.write((tx) => new Db(tx).run('DELETE FROM plugin_storage WHERE plugin_id = ? AND installation_id = ?', [pluginId, installationId]));
  }
}
