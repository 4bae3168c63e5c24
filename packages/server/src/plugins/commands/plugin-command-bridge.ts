import {
  ephemeral, inChannel, isMusterError, noticeView, type CommandExtensions, type CommandReply, type Incident, type Logger, type MusterSettings,
  type RequestContext, type RuntimeCommand,
} from '@muster/core';
import type { PluginCommand } from '@muster/plugin-sdk';
import { pluginIncidentOf, pluginPersonOf } from '../events/plugin-incident';
import type { PluginGuard } from '../guard/plugin-guard';
import type { PluginHost } from '../runtime/plugin-host';

/**
 * Puts the commands plugins register into the command registry. A command belongs to a plugin, not to
 * one installation: it is registered once (owner: the plugin id) and each call runs the command of the
 * caller's tenant's installation, under the plugin guard. A tenant without an installation is told how
 * to install the plugin. Re-registered whenever the plugin's installations change.
 */
export class PluginCommandBridge {
  constructor(private readonly deps: {
    readonly host: PluginHost;
    readonly guard: PluginGuard;
    readonly settings: MusterSettings;
    readonly logger: Logger;
    readonly extensions?: CommandExtensions;
  }) {
    deps.host.onChange((pluginId) => this.refresh(pluginId));
  }

  refresh(pluginId: string): void {
    const { extensions, host, logger } = this.deps;
    const commands = new Map<string, PluginCommand>();
    for (const installation of host.installationsOf(pluginId)) {
      if (installation.state === 'active') for (const command of installation.commands) if (!commands.has(command.name)) commands.set(command.name, command);
    }
    if (!extensions) {
      if (commands.size) logger.warn('This server has no command registry: plugin commands are not available', { plugin: pluginId });
      return;
    }
    extensions.unregisterAll(pluginId);
    for (const command of commands.values()) {
      try {
        extensions.register(pluginId, this.runtimeCommand(pluginId, command));
      } catch (error) {
        logger.warn('A plugin command could not be added', { plugin: pluginId, command: command.name, error: error instanceof Error ? error.message : String(error) });
      }
    }
  }

  private runtimeCommand(pluginId: string, template: PluginCommand): RuntimeCommand {
    return {
      name: template.name,
      syntax: template.syntax,
      summary: template.summary,
      examples: template.examples ?? [],
      takesIncident: template.takesIncident,
      run: (ctx, args, incident) => this.run(pluginId, template.name, ctx, args, incident),
    };
  }

  private async run(pluginId: string, name: string, ctx: RequestContext, args: string, incident: Incident | undefined): Promise<CommandReply> {
    const tenantId = this.deps.settings.tenants.tenantOf(ctx.platform, ctx.workspaceId);
    const installation = this.deps.host.installationOf(pluginId, tenantId);
    const command = installation?.state === 'active' ? installation.commands.find((c) => c.name === name) : undefined;
    if (!installation || installation.state !== 'active' || !command) {
      const why = installation?.state === 'failed' ? `is installed here but not running (${installation.reason})` : 'is not installed in this workspace';
      return ephemeral(noticeView([`The ${pluginId} plugin ${why}. An administrator can install it with `, { command: `plugins install ${pluginId}` }, '.'], 'warning', ctx.prefix));
    }
    const { definition, installationId } = installation.spec;
    const outcome = await this.deps.guard.run(
      {
        pluginId, pluginName: definition.name, installationId, operation: 'command', what: `the ${name} command`, redactor: installation.redactor,
        ...(incident && { incident: { id: incident.id, deliveryKey: ctx.idempotencyKey } }),
      },
      () => command.run({ args, actor: pluginPersonOf(ctx.actor), ...(incident && { incident: pluginIncidentOf(incident) }) }),
    );
    if (!outcome.ok) {
      // Our own coded errors (a storage limit) carry a message written for people.
      const detail = isMusterError(outcome.error) ? outcome.error.message : outcome.reason;
      return ephemeral(noticeView([`The ${definition.name} plugin could not answer ${name}: ${installation.redactor.text(detail)}. The failure was recorded; try again in a moment.`], 'warning', ctx.prefix));
    }
    const answer = outcome.value;
    const text = installation.redactor.text(typeof answer?.text === 'string' ? answer.text : '').slice(0, 3000) || `${name} done.`;
    return answer?.visibility === 'in_channel' ? inChannel(noticeView([text], 'normal', ctx.prefix)) : ephemeral(noticeView([text], 'normal', ctx.prefix));
  }
}
