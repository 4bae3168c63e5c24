import type { AnyPluginDefinition } from '@muster/plugin-sdk';

/** The first-party plugins Muster ships (their packages are dependencies of the server once built). */
export const BUNDLED_PLUGIN_IDS = [
  'alertmanager', 'grafana', 'datadog', 'wazuh', 'pagerduty', 'opsgenie',
  'jira', 'zoom', 'google-meet', 'teams-meeting', 'statuspage', 'runbooks', 'outgoing-webhook',
] as const;

export interface CatalogEntry {
  readonly definition: AnyPluginDefinition;
  /** The package name or path it was loaded from. */
  readonly specifier: string;
  /** `config`: named in muster.yaml; `bundled`: shipped with Muster. */
  readonly origin: 'config' | 'bundled';
}

/** Every plugin this server can run: the bundled ones that are installed, and those muster.yaml names. */
export class PluginCatalog {
  // Per instance by design: built from the same muster.yaml and installed packages on every instance (a fleet runs one image).
  private readonly entries = new Map<string, CatalogEntry>();

  add(entry: CatalogEntry): void {
    if (!this.entries.has(entry.definition.id) || entry.origin === 'config') this.entries.set(entry.definition.id, entry);
  }

  get(pluginId: string): CatalogEntry | undefined {
    return this.entries.get(pluginId);
  }

  has(pluginId: string): boolean {
    return this.entries.has(pluginId);
  }

  /** By id. */
  all(): CatalogEntry[] {
    return [...this.entries.values()].sort((a, b) => a.definition.id.localeCompare(b.definition.id));
  }
}
