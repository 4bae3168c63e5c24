import type { ChatPlatform } from '@muster/core';
import type { AnyPluginDefinition, CapabilityPorts, PluginCommand, PluginContext, PluginEventHandler, PluginEventName } from '@muster/plugin-sdk';
import type { SecretRedactor } from '../context/secret-redactor';

/** The id of the muster.yaml installation of a plugin (chat installations have a generated one). */
export const CONFIG_INSTALLATION_ID = 'config';

/** Everything needed to activate one installation of a plugin, validated already. */
export interface InstallationSpec {
  readonly definition: AnyPluginDefinition;
  readonly source: 'config' | 'chat';
  /** `config`, or the chat installation's id. */
  readonly installationId: string;
  readonly tenantId: string;
  /** Where the rooms of incidents its alerts declare open; undefined: the home. */
  readonly roomsAt?: { readonly platform: ChatPlatform; readonly workspaceId: string };
  /** The config as given (muster.yaml or the form), for the form's current values. */
  readonly rawConfig: Readonly<Record<string, unknown>>;
  /** The config after the plugin's schema (defaults applied): what `ctx.config` is. */
  readonly config: unknown;
  /** Secret name → value; never logged, never returned. */
  readonly secrets: Readonly<Record<string, string>>;
  /** A chat installation's stored revision (installation-revision.ts): what the instances compare to converge. */
  readonly revision?: string;
}

/** An installation whose `activate` returned: its ports and what it registered. */
export interface ActiveInstallation {
  readonly state: 'active';
  readonly spec: InstallationSpec;
  /** The context `activate` got; `deactivate` gets the same one, so the plugin knows which installation stops. */
  readonly context: PluginContext;
  readonly ports: Partial<CapabilityPorts>;
  readonly subscriptions: ReadonlyMap<PluginEventName, PluginEventHandler<PluginEventName>>;
  readonly commands: readonly PluginCommand[];
  readonly redactor: SecretRedactor;
}

/** An installation that did not start (it threw or hung in activate, or no longer loads): kept for health and for answers. */
export interface FailedInstallation {
  readonly state: 'failed';
  readonly spec: Pick<InstallationSpec, 'installationId' | 'tenantId' | 'source' | 'revision'> & { readonly definition?: AnyPluginDefinition; readonly pluginId: string };
  readonly reason: string;
}

export type InstallationState = ActiveInstallation | FailedInstallation;

export const pluginIdOf = (installation: InstallationState): string =>
  installation.state === 'active' ? installation.spec.definition.id : installation.spec.pluginId;

export const installationKey = (pluginId: string, installationId: string): string => `${pluginId}/${installationId}`;
