import { MusterError, type Clock } from '@muster/core';
import type { PluginStorage } from '@muster/plugin-sdk';
import type { PluginStorageRepository } from '@muster/store';
import { HOST_KEY_PREFIX } from '../integrations/ticket-index';

/**
 * A plugin's `ctx.storage`: JSON values in `plugin_storage`, private to one installation. A value that
 * is not JSON (a function, a cycle, a BigInt) is refused when stored, not silently changed.
 */
export function pluginStorage(repository: PluginStorageRepository, pluginId: string, installationId: string, clock: Clock): PluginStorage {
  return {
    async get<T>(key: string): Promise<T | undefined> {
      const text = await repository.get(pluginId, installationId, key);
      return text === undefined ? undefined : (JSON.parse(text) as T);
    },
    async set(key: string, value: unknown): Promise<void> {
      refuseHostKey(key);
      let text: string | undefined;
      try {
        text = JSON.stringify(value);
      } catch {
        text = undefined;
      }
      if (text === undefined) throw new MusterError('invalid_argument', `The value for "${key.slice(0, 60)}" cannot be stored: only JSON values can.`);
      await repository.set(pluginId, installationId, key, text, clock.now());
    },
    async delete(key: string): Promise<void> {
      refuseHostKey(key);
      await repository.delete(pluginId, installationId, key);
    },
  };
}

/** Keys under `muster:` are the host's (which follow-up a ticket is): a plugin reads them but never writes them. */
function refuseHostKey(key: string): void {
  if (key.startsWith(HOST_KEY_PREFIX)) throw new MusterError('invalid_argument', `Keys starting with "${HOST_KEY_PREFIX}" are reserved for Muster; choose another key.`);
}
