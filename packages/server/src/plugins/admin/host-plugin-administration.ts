import {
  MusterError, type Clock, type IdGenerator, type Logger, type MusterSettings, type PersonRef, type PluginAdministration, type PluginForm,
  type PluginInstallRequest, type PluginListing,
} from '@muster/core';
import type { AnyPluginDefinition } from '@muster/plugin-sdk';
import type { Store } from '@muster/store';
import type { PluginHealthBook } from '../guard/plugin-health-book';
import type { InstallationSpec } from '../runtime/installation';
import { installationRevision } from '../runtime/installation-revision';
import { SINGLE_INSTANCE_CHANGES, type InstallationChanges } from '../sync/installation-sync';
import type { PluginHost } from '../runtime/plugin-host';
import type { PluginSecretSealer } from '../runtime/plugin-secret-sealer';
import { readSubmission } from './form-values';
import { activationRefusal } from './activation-refusal';
import { formFields } from './plugin-form-fields';
import { PluginListings } from './plugin-listings';

/**
 * `plugins list | install | configure | uninstall` for chat (core's PluginAdministration), over the
 * host. An install is checked whole (the form's strings read and the plugin's schema), activated at once,
 * and only then stored, its secrets sealed as one blob: a failed check or activation stores nothing. A
 * muster.yaml installation is shown, never changed from chat. Callers (core) check who may do this.
 * With several instances each change runs one at a time with their reloads and is announced after it
 * is stored, so every instance runs the same installation (plugins/sync).
 */
export class HostPluginAdministration implements PluginAdministration {
  private readonly listings: PluginListings;

  constructor(private readonly deps: {
    readonly host: PluginHost;
    readonly store: Store;
    readonly sealer: PluginSecretSealer;
    readonly health: PluginHealthBook;
    readonly settings: MusterSettings;
    readonly clock: Clock;
    readonly ids: IdGenerator;
    readonly logger: Logger;
    readonly changes?: InstallationChanges;
  }) {
    this.listings = new PluginListings(deps.host, deps.health, deps.settings.publicUrl);
  }

  async list(tenantId: string): Promise<PluginListing[]> {
    const known = await Promise.all(this.deps.host.catalog.all().map((entry) => this.listing(entry.definition, tenantId)));
    // An installation whose plugin no longer loads is still listed, so an admin sees why and can uninstall it.
    return [...known, ...this.deps.host.orphansOf(tenantId).map((o) => this.listings.orphan(o.pluginId, o.reason))];
  }

  async form(tenantId: string, pluginId: string): Promise<PluginForm | undefined> {
    const definition = this.deps.host.catalog.get(pluginId)?.definition;
    if (!definition) return undefined;
    const installation = this.deps.host.installationOf(pluginId, tenantId);
    if (installation?.spec.source === 'config' && installation.state === 'active') {
      return { plugin: await this.listing(definition, tenantId), fields: formFields(definition, installation.spec.rawConfig, new Set(Object.keys(installation.spec.secrets))) };
    }
    const { config, secrets } = await this.stored(definition, tenantId);
    return { plugin: await this.listing(definition, tenantId), fields: formFields(definition, config, new Set(Object.keys(secrets))) };
  }

  private get changes(): InstallationChanges {
    return this.deps.changes ?? SINGLE_INSTANCE_CHANGES;
  }

  async install(request: PluginInstallRequest): Promise<PluginListing> {
    const listing = await this.changes.exclusive(() => this.installHere(request));
    await this.changes.announce(request.pluginId, request.tenantId);
    return listing;
  }

  async uninstall(tenantId: string, pluginId: string, by: PersonRef): Promise<PluginListing> {
    const listing = await this.changes.exclusive(() => this.uninstallHere(tenantId, pluginId, by));
    await this.changes.announce(pluginId, tenantId);
    return listing;
  }

  private async installHere(request: PluginInstallRequest): Promise<PluginListing> {
    const { tenantId, pluginId } = request;
    const definition = this.known(pluginId);
    this.refuseConfigured(definition, tenantId);
    const { row, config, secrets: stored } = await this.stored(definition, tenantId);
    const fields = formFields(definition, config, new Set(Object.keys(stored)));
    const submission = readSubmission(definition, fields, request.values, stored);
    if (Object.keys(submission.errors).length) {
      throw new MusterError('validation_failed', `Some settings of the ${pluginId} plugin need fixing; nothing was stored.`, { fields: submission.errors });
    }
    const drafted: InstallationSpec = {
      definition, source: 'chat', installationId: row?.installationId ?? this.deps.ids.newId(), tenantId,
      roomsAt: { platform: request.platform, workspaceId: request.workspaceId },
      rawConfig: submission.config, config: submission.parsed, secrets: submission.secrets,
    };
    // Sealed before anything runs, so a server without MUSTER_SECRET_KEY refuses before the plugin starts.
    const sealedSecrets = this.deps.sealer.seal(pluginId, tenantId, drafted.secrets);
    const revision = installationRevision({ installationId: drafted.installationId, installedFrom: drafted.roomsAt!, enabled: true, config: submission.config, sealedSecrets });
    const spec: InstallationSpec = { ...drafted, revision };
    const activated = await this.deps.host.activate(spec);
    if (!activated.ok) throw activationRefusal(definition, activated.reason, activated.error);
    const now = this.deps.clock.now();
    try {
      await this.deps.store.pluginInstallations.save({
        pluginId, tenantId, installationId: spec.installationId, installedFrom: spec.roomsAt!, installedBy: personOf(request.by), enabled: true,
        config: submission.config, ...(sealedSecrets && { sealedSecrets }), installedAt: now, updatedAt: now,
      });
    } catch (error) {
      await this.deps.host.deactivate(activated.installation);
      throw error;
    }
    await this.deps.host.publish(activated.installation);
    this.deps.logger.info('Plugin installed', { plugin: pluginId, tenant: tenantId, installation: spec.installationId, reconfigured: !!row });
    return this.listing(definition, tenantId);
  }

  private async uninstallHere(tenantId: string, pluginId: string, _by: PersonRef): Promise<PluginListing> {
    const definition = this.deps.host.catalog.get(pluginId)?.definition;
    if (definition) this.refuseConfigured(definition, tenantId);
    const row = await this.deps.store.pluginInstallations.find(pluginId, tenantId);
    if (!row) throw new MusterError('not_found', `The ${pluginId} plugin is not installed here.`);
    await this.deps.store.pluginInstallations.remove(pluginId, tenantId);
    await this.deps.host.unpublish(pluginId, tenantId);
    await this.deps.store.pluginStorage.clear(pluginId, row.installationId);
    await this.deps.health.forget(pluginId, row.installationId);
    this.deps.logger.info('Plugin uninstalled', { plugin: pluginId, tenant: tenantId, installation: row.installationId });
    return definition ? this.listing(definition, tenantId) : this.listings.removedOrphan(pluginId);
  }

  /** The listing, naming who installed it from chat (so `plugins list` can say). */
  private async listing(definition: AnyPluginDefinition, tenantId: string): Promise<PluginListing> {
    const listing = await this.listings.of(definition, tenantId);
    if (listing.installedBy !== 'chat') return listing;
    const installer = (await this.deps.store.pluginInstallations.find(definition.id, tenantId))?.installedBy;
    return installer ? { ...listing, installer } : listing;
  }

  private known(pluginId: string): AnyPluginDefinition {
    const definition = this.deps.host.catalog.get(pluginId)?.definition;
    if (!definition) throw new MusterError('not_found', `There is no plugin "${pluginId.slice(0, 60)}" on this server.`);
    return definition;
  }

  private refuseConfigured(definition: AnyPluginDefinition, tenantId: string): void {
    if (this.deps.host.installationOf(definition.id, tenantId)?.spec.source !== 'config') return;
    throw new MusterError('invalid_state', `The ${definition.id} plugin is configured in muster.yaml (plugins.${definition.id}) for this workspace, so it cannot be changed from chat: change the file and restart Muster.`);
  }

  /** The tenant's stored chat installation, its secrets opened (none when they no longer open: they must be typed again). */
  private async stored(definition: AnyPluginDefinition, tenantId: string) {
    const row = await this.deps.store.pluginInstallations.find(definition.id, tenantId);
    let secrets: Record<string, string> = {};
    if (row) {
      try {
        secrets = this.deps.sealer.open(definition.id, tenantId, row.sealedSecrets);
      } catch (error) {
        this.deps.logger.warn('The stored secrets of a plugin cannot be opened; they must be set again', { plugin: definition.id, tenant: tenantId, error: error instanceof Error ? error.message : String(error) });
      }
    }
    return { row, config: row?.config, secrets };
  }
}

const personOf = (p: PersonRef): PersonRef => ({ platform: p.platform, id: p.id, ...(p.name && { name: p.name }) });
