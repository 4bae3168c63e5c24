import { PluginConfigError, secretEnvName, type PluginSecrets } from '@muster/plugin-sdk';

/**
 * A plugin's `ctx.secrets`: only the secrets it declared, from the environment (muster.yaml
 * installations) or opened from the sealed blob (chat installations). `require` names what to do.
 */
export function pluginSecrets(pluginId: string, declared: readonly string[], values: Readonly<Record<string, string>>, source: 'config' | 'chat'): PluginSecrets {
  const allowed = new Set(declared);
  const get = (name: string): string | undefined => (allowed.has(name) && values[name] ? values[name] : undefined);
  return {
    get,
    require(name) {
      const value = get(name);
      if (value !== undefined) return value;
      const how = source === 'config' ? `set ${secretEnvName(pluginId, name)}` : `set ${name} with \`plugins configure ${pluginId}\``;
      throw new PluginConfigError(`The ${pluginId} plugin needs the secret ${name}: ${how}.`, name);
    },
  };
}
