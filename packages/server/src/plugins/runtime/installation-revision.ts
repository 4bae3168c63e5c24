import { createHash } from 'node:crypto';
import type { PluginInstallation } from '@muster/store';

/**
 * What a stored chat installation says, as one short string: equal strings mean the same installation
 * with the same settings. Instances compare it with what they run to know whether to reload. It is
 * built from the content, not from `updatedAt`: MySQL keeps whole seconds (two changes in one second
 * would look alike) and instances' clocks differ. Keys are sorted because MySQL's JSON type reorders them.
 */
export function installationRevision(row: Pick<PluginInstallation, 'installationId' | 'installedFrom' | 'enabled' | 'config' | 'sealedSecrets'>): string {
  const content = canonical({
    installationId: row.installationId, installedFrom: row.installedFrom, enabled: row.enabled, config: row.config, sealedSecrets: row.sealedSecrets ?? null,
  });
  return createHash('sha256').update(content).digest('base64url').slice(0, 22);
}

function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map((v) => (v === undefined ? 'null' : canonical(v))).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}
