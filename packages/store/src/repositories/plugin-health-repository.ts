import { PluginHealthRecord } from '../records/plugin-health.record';
import { Db } from '../sql/db';
import type { StoreExecutor } from '../unit-of-work/store-executor';

export interface PluginHealthState {
  readonly lastSuccessAt?: Date;
  readonly lastFailureAt?: Date;
  /** Short and secret-free (the host writes it). */
  readonly lastFailure?: string;
}

const MAX_REASON = 255;

/** `store.pluginHealth`: the last success and the last failure of each plugin installation. */
export class PluginHealthRepository {
  constructor(private readonly executor: StoreExecutor) {}

  async recordSuccess(pluginId: string, installationId: string, at: Date): Promise<void> {
    const record = Object.assign(new PluginHealthRecord(), { pluginId, installationId, lastSuccessAt: at, lastFailureAt: null, lastFailure: null });
    await this.executor.write((tx) => new Db(tx).upsert(PluginHealthRecord, record, ['pluginId', 'installationId'], ['lastSuccessAt']));
  }

  async recordFailure(pluginId: string, installationId: string, at: Date, reason: string): Promise<void> {
    const record = Object.assign(new PluginHealthRecord(), { pluginId, installationId, lastSuccessAt: null, lastFailureAt: at, lastFailure: reason.slice(0, MAX_REASON) });
    await this.executor.write((tx) => new Db(tx).upsert(PluginHealthRecord, record, ['pluginId', 'installationId'], ['lastFailureAt', 'lastFailure']));
  }

  async find(pluginId: string, installationId: string): Promise<PluginHealthState> {
    const record = await this.executor.read((tx) => new Db(tx).selectOne(PluginHealthRecord, 'plugin_id = ? AND installation_id = ?', [pluginId, installationId]));
    if (!record) return {};
    return {
      ...(record.lastSuccessAt && { lastSuccessAt: record.lastSuccessAt }),
      ...(record.lastFailureAt && { lastFailureAt: record.lastFailureAt }),
      ...(record.lastFailure !== null && { lastFailure: record.lastFailure }),
    };
  }

  async remove(pluginId: string, installationId: string): Promise<void> {
    await this.executor.write((tx) => new Db(tx).run('DELETE FROM plugin_health WHERE plugin_id = ? AND installation_id = ?', [pluginId, installationId]));
  }
}
