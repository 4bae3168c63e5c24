import type { ChatPlatform, PersonRef } from '../../domain/person';

/**
 * What chat needs of the plugin host to list, install, configure and uninstall plugins
 * (`/incident plugins …`). Implemented by the server's host; core never sees a plugin package or schema.
 */
export interface PluginAdministration {
  /** Every plugin this server can run (bundled, named in muster.yaml), with its state in the tenant. */
  list(tenantId: string): Promise<PluginListing[]>;
  /** The install or configure form of a plugin, with the current non-secret values; undefined when unknown. */
  form(tenantId: string, pluginId: string): Promise<PluginForm | undefined>;
  /**
   * Installs (or re-configures) the plugin for the tenant, from the workspace it was asked in. Values
   * are validated against the plugin's schema first; throws MusterError `validation_failed` with
   * `details.fields` (field key → what is wrong) and stores nothing when any is wrong. A secret left
   * empty on re-configure keeps its stored value. Secrets are sealed before they are stored.
   */
  install(request: PluginInstallRequest): Promise<PluginListing>;
  /** Removes the tenant's installation and its sealed secrets; `not_found` when it is not installed. */
  uninstall(tenantId: string, pluginId: string, by: PersonRef): Promise<PluginListing>;
}

export interface PluginListing {
  readonly id: string;
  readonly name: string;
  readonly description: string;
  readonly version: string;
  readonly capabilities: readonly string[];
  /** `config`: enabled in muster.yaml (not changeable from chat); `chat`: installed from chat; absent: available. */
  readonly installedBy?: 'config' | 'chat';
  /** Who installed it from chat (or last changed its settings), when it was. */
  readonly installer?: PersonRef;
  /** Where an alert source's webhooks go: `https://muster.example.com/webhooks/grafana`. */
  readonly webhookUrl?: string;
  /**
   * How the source must authenticate its webhooks, naming the secret but never holding it:
   * `header Authorization: Bearer <TOKEN>`, `X-PagerDuty-Signature signed with WEBHOOK_SECRET`. Shown
   * after an install; without it the secrets' own descriptions are shown.
   */
  readonly webhookAuth?: string;
  readonly health: PluginHealth;
}

export interface PluginHealth {
  readonly lastSuccessAt?: Date;
  readonly lastFailureAt?: Date;
  /** Short and secret-free: `timed out after 10 s`, `HTTP 401 from api.pagerduty.com`. */
  readonly lastFailure?: string;
}

export interface PluginForm {
  readonly plugin: PluginListing;
  readonly fields: readonly PluginField[];
}

/** One input of the install form, from the plugin's config schema or its secrets. */
export interface PluginField {
  /** Dot path into the config (`severity.label`), or `secret:<NAME>`. */
  readonly key: string;
  readonly label: string;
  readonly description?: string;
  /** `json` for structured values (maps, lists), typed as JSON text. */
  readonly kind: 'text' | 'secret' | 'boolean' | 'choice' | 'number' | 'json';
  readonly required: boolean;
  readonly choices?: readonly string[];
  /** The current value (config fields of an installed plugin) or the default; never a secret. */
  readonly value?: string;
  /** For secrets: whether one is stored already (so leaving it empty keeps it). */
  readonly isSet?: boolean;
}

export interface PluginInstallRequest {
  readonly tenantId: string;
  readonly pluginId: string;
  /** Field key → what was typed (strings, as forms return them). */
  readonly values: Readonly<Record<string, string>>;
  readonly by: PersonRef;
  readonly platform: ChatPlatform;
  readonly workspaceId: string;
}
