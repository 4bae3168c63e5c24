import type { PluginInstallation } from '@muster/store';
import type { PluginCatalog } from '../loading/plugin-catalog';
import { defaultPackageOf, loadPluginModule } from '../loading/plugin-module-loader';
import type { InstallationSpec } from './installation';
import { installationRevision } from './installation-revision';
import type { PluginSecretSealer } from './plugin-secret-sealer';

export type ChatSpecResult = { readonly ok: true; readonly spec: InstallationSpec } | { readonly ok: false; readonly reason: string };

/**
 * The spec of an installation stored from chat, checked again at every start: the plugin may have been
 * removed or upgraded (its schema changed), or MUSTER_SECRET_KEY changed. Each is a reason the
 * installation is marked failed, never a reason the server does not start.
 */
export async function chatInstallationSpec(row: PluginInstallation, catalog: PluginCatalog, sealer: PluginSecretSealer): Promise<ChatSpecResult> {
  let entry = catalog.get(row.pluginId);
  if (!entry) {
    const loaded = await loadPluginModule(row.pluginId, defaultPackageOf(row.pluginId), __dirname);
    if (!loaded.ok) return { ok: false, reason: `the plugin no longer loads: ${loaded.problem}` };
    catalog.add({ definition: loaded.definition, specifier: loaded.specifier, origin: 'bundled' });
    entry = catalog.get(row.pluginId)!;
  }
  const { definition } = entry;
  let parsed;
  try {
    parsed = definition.configSchema.safeParse(row.config);
  } catch {
    return { ok: false, reason: 'its stored settings could not be checked by the plugin' };
  }
  if (!parsed.success) {
    const fields = [...new Set(parsed.error.issues.map((i) => i.path.join('.') || '(settings)'))].slice(0, 5);
    return { ok: false, reason: `its stored settings no longer fit this version of the plugin (${fields.join(', ')}): run plugins configure ${row.pluginId}` };
  }
  let secrets: Record<string, string>;
  try {
    secrets = sealer.open(row.pluginId, row.tenantId, row.sealedSecrets);
  } catch (error) {
    return { ok: false, reason: error instanceof Error ? error.message : 'its secrets cannot be opened' };
  }
  const missing = definition.secrets.filter((s) => s.required && !secrets[s.name]).map((s) => s.name);
  if (missing.length) return { ok: false, reason: `it needs the secret ${missing.join(', ')}: run plugins configure ${row.pluginId}` };
  return {
    ok: true,
    spec: {
      definition, source: 'chat', installationId: row.installationId, tenantId: row.tenantId, roomsAt: row.installedFrom,
      rawConfig: row.config, config: parsed.data, secrets, revision: installationRevision(row),
    },
  };
}
