import { ensureMigrated, pluginInventory } from '@muster/server';
import { createStore } from '@muster/store';
import { commandConfig, commandLogger } from '../../cli-config';
import { inventoryJson } from './list-json';
import { inventoryText } from './list-text';

/**
 * `plugins list [--json]`: the plugins as the host would load them, with the installations made from
 * chat and every installation's health from the database. Nothing is activated and no secret opened.
 */
export async function listPlugins(options: { readonly json: boolean }): Promise<number> {
  const config = commandConfig();
  const logger = commandLogger(config);
  const store = await createStore(config.databaseUrl, { migrate: false, sqliteSynchronous: config.sqliteSynchronous });
  try {
    await ensureMigrated(store, config, logger);
    const inventory = await pluginInventory(config, store, logger);
    process.stdout.write(options.json ? `${JSON.stringify(inventoryJson(inventory), null, 2)}\n` : inventoryText(inventory));
    return 0;
  } finally {
    await store.close();
  }
}
