/**
 * Secrets never go in muster.yaml (they come from the environment or are set from chat and stored
 * sealed). A setting is taken for a secret by the last word of its name: `token`, `webhookSecret`,
 * `apiKey`, `password`; `tokenUrl` or `passwordFile` are not secrets, they say where one is.
 */
const SECRET_ENDINGS = [
  'token', 'secret', 'password', 'passwd', 'passphrase', 'credential', 'credentials', 'authorization',
  'apikey', 'privatekey', 'accesskey', 'secretkey', 'signingkey', 'clientsecret',
];

export function looksLikeSecret(key: string): boolean {
  const squashed = key.toLowerCase().replace(/[^a-z0-9]/g, '');
  return SECRET_ENDINGS.some((ending) => squashed.endsWith(ending));
}

/** `MUSTER_PLUGIN_<ID>_<NAME>`: the id upper-cased with `-` as `_`, the key in upper snake case (`apiKey` → `API_KEY`). */
export function pluginSecretVariable(pluginId: string, key: string): string {
  const name = key.replace(/([a-z0-9])([A-Z])/g, '$1_$2').replace(/[^A-Za-z0-9]+/g, '_').replace(/^_+|_+$/g, '').toUpperCase();
  return `MUSTER_PLUGIN_${pluginId.toUpperCase().replace(/-/g, '_')}_${name || 'SECRET'}`;
}
