import { inject, injectable, optional } from 'inversify';
import type { RequestContext } from '../incidents/request-context';
import type { ParsedCommand } from '../commands/command';
import { ephemeral, type CommandReply } from '../commands/command-reply';
import { nearest } from '../commands/suggest';
import { AccessPolicy } from '../access/access-policy';
import type { PluginAdministration, PluginListing } from '../ports/plugins.port';
import { TOKENS } from '../container/tokens';
import { pluginFormView } from '../views/plugin-form.view';
import {
  configuredInFileView, notInstalledView, pluginListView, pluginsRefusedView, pluginsUnavailableView, pluginWithoutFormView, uninstallConfirmView, unknownPluginView,
} from '../views/plugins.view';
import { PluginAdmins } from './plugin-admins';

export type PluginsCommandInput = Extract<ParsedCommand, { name: 'plugins' }>;

/**
 * `plugins list | install <name> | configure <name> | uninstall <name>`: administering plugins from
 * chat. Only admins get past the first line: anyone else learns who may, and nothing of the plugins.
 * Every answer is for the requester alone.
 */
@injectable()
export class PluginsCommand {
  constructor(
    @inject(PluginAdmins) private readonly admins: PluginAdmins,
    @inject(AccessPolicy) private readonly access: AccessPolicy,
    @inject(TOKENS.PluginAdministration) @optional() private readonly administration?: PluginAdministration,
  ) {}

  async run(ctx: RequestContext, command: PluginsCommandInput, prefix: string): Promise<CommandReply> {
    if (!this.administration) return ephemeral(pluginsUnavailableView());
    const check = await this.admins.check(ctx);
    if (!check.admin) return ephemeral(pluginsRefusedView(this.admins.configuredOn(ctx), check.platformKnows, check.unanswered, prefix));
    const tenantId = this.access.tenantOf(ctx);
    const plugins = await this.administration.list(tenantId);
    if (command.action === 'list' || !command.plugin) return ephemeral(pluginListView(plugins, prefix));

    const plugin = findPlugin(plugins, command.plugin);
    if (!plugin) return ephemeral(unknownPluginView(command.plugin, nearest(command.plugin, plugins.map((p) => [p.id, p.id] as const)), plugins, prefix));
    if (plugin.installedBy === 'config') return ephemeral(configuredInFileView(plugin));
    switch (command.action) {
      case 'uninstall':
        return ephemeral(plugin.installedBy ? uninstallConfirmView(plugin) : notInstalledView(plugin, 'uninstall', prefix));
      case 'configure':
        if (!plugin.installedBy) return ephemeral(notInstalledView(plugin, 'configure', prefix));
        return this.openForm(tenantId, plugin, 'configure', prefix);
      case 'install':
        return this.openForm(tenantId, plugin, 'install', prefix);
    }
  }

  private async openForm(tenantId: string, plugin: PluginListing, mode: 'install' | 'configure', prefix: string): Promise<CommandReply> {
    const form = await this.administration!.form(tenantId, plugin.id);
    // Listed, but without a form: its package no longer loads here (an installation left behind), or it went away meanwhile.
    if (!form) return ephemeral(pluginWithoutFormView(plugin, prefix));
    return { visibility: 'ephemeral', form: pluginFormView(form, mode, tenantId) };
  }
}

/** By id, ignoring case, or by its package name (`@muster/plugin-grafana`), as people paste it. */
export function findPlugin(plugins: readonly PluginListing[], typed: string): PluginListing | undefined {
  const name = typed.toLowerCase().replace(/^@muster\/plugin-/, '');
  return plugins.find((p) => p.id.toLowerCase() === name);
}
