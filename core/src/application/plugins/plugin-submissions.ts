import { inject, injectable, optional } from 'inversify';
import { isMusterError, MusterError } from '../../errors';
import type { ChatPlatform } from '../../domain/person';
import { AccessPolicy } from '../access/access-policy';
import { commandCode } from '../commands/command-usage';
import { ephemeral, type CommandReply, type FormReply, type FormValues } from '../commands/command-reply';
import type { RequestContext } from '../incidents/request-context';
import type { PluginAdministration, PluginForm } from '../ports/plugins.port';
import type { Logger } from '../ports/system.port';
import { TOKENS } from '../container/tokens';
import { errorView } from '../views/error.view';
import { parsePluginFormMetadata, pluginInstalledView } from '../views/plugin-form.view';
import { configuredInFileView, notInstalledView, pluginsRefusedView, pluginsUnavailableView, uninstalledView } from '../views/plugins.view';
import { fieldErrors, secretsOf, typedValues, withoutSecrets } from './plugin-form-fields';
import { PluginAdmins } from './plugin-admins';
import { findPlugin } from './plugins-command';

const done = (reply: CommandReply): FormReply => ({ kind: 'done', reply });

/**
 * The install form's submission and the uninstall button. Both are decided again from the request
 * alone: the requester must be an admin where they submit, the tenant is the one they submit from,
 * and what the form's metadata says is only compared with it. Nothing typed into a secret field is
 * shown, logged or put in an error, whatever the host answers.
 */
@injectable()
export class PluginSubmissions {
  constructor(
    @inject(PluginAdmins) private readonly admins: PluginAdmins,
    @inject(AccessPolicy) private readonly access: AccessPolicy,
    @inject(TOKENS.Logger) private readonly logger: Logger,
    @inject(TOKENS.PluginAdministration) @optional() private readonly administration?: PluginAdministration,
  ) {}

  async submit(ctx: RequestContext, values: FormValues, metadata: string): Promise<FormReply> {
    const refused = await this.refusal(ctx);
    if (refused) return done(refused);
    const administration = this.administration!;
    const ref = parsePluginFormMetadata(metadata);
    const tenantId = this.access.tenantOf(ctx);
    if (!ref) throw new MusterError('invalid_argument', `That form is from an older version of Muster; open it again with ${commandCode('plugins install <name>')}.`);
    if (ref.tenantId !== tenantId) {
      this.logger.warn('Refused a plugin form opened for another tenant', { plugin: ref.pluginId, platform: ctx.platform, workspaceId: ctx.workspaceId });
      throw new MusterError('not_permitted', `That form was opened for another workspace, so nothing was installed here. Open it here with ${commandCode(`plugins install ${ref.pluginId}`)}.`);
    }
    // The server's own idea of the fields decides which values are secrets, never the submission.
    const form = await administration.form(tenantId, ref.pluginId);
    if (!form) throw new MusterError('not_found', `There is no plugin ${ref.pluginId} in this server any more. ${commandCode('plugins list')} shows the ones there are.`);
    if (form.plugin.installedBy === 'config') return done(ephemeral(configuredInFileView(form.plugin)));
    const typed = typedValues(form.fields, values);
    const secrets = secretsOf(form.fields, typed);
    try {
      const installed = await administration.install({ tenantId, pluginId: form.plugin.id, values: typed, by: ctx.actor, platform: ctx.platform as ChatPlatform, workspaceId: ctx.workspaceId });
      this.logger.info('Plugin installed from chat', { plugin: installed.id, tenantId, by: `${ctx.actor.platform}:${ctx.actor.id}`, reconfigured: form.plugin.installedBy === 'chat' });
      // In place of the form where the form is a message (a Teams card), so it cannot be sent twice.
      return done({ ...ephemeral(pluginInstalledView(installed, form, ctx.actor, form.plugin.installedBy === 'chat', ctx.prefix)), replaceOriginal: true });
    } catch (error) {
      return this.refusedValues(error, form, secrets, ctx.prefix);
    }
  }

  async uninstall(ctx: RequestContext, pluginId: string): Promise<CommandReply> {
    const refused = await this.refusal(ctx);
    if (refused) return refused;
    const tenantId = this.access.tenantOf(ctx);
    const plugin = findPlugin(await this.administration!.list(tenantId), pluginId);
    if (!plugin) throw new MusterError('not_found', `There is no plugin ${pluginId.slice(0, 60)} in this server. ${commandCode('plugins list')} shows the ones there are.`);
    if (plugin.installedBy === 'config') return ephemeral(configuredInFileView(plugin));
    // Pressed twice, or uninstalled meanwhile from elsewhere: the answer is the same, nothing is removed twice.
    if (!plugin.installedBy) return { ...ephemeral(notInstalledView(plugin, 'uninstall', ctx.prefix)), replaceOriginal: true };
    const removed = await this.administration!.uninstall(tenantId, plugin.id, ctx.actor);
    this.logger.info('Plugin uninstalled from chat', { plugin: removed.id, tenantId, by: `${ctx.actor.platform}:${ctx.actor.id}` });
    return { ...ephemeral(uninstalledView(removed, ctx.actor, ctx.prefix)), replaceOriginal: true };
  }

  /** The answer for a requester who may not administer plugins here, or for a server without plugins. */
  private async refusal(ctx: RequestContext): Promise<CommandReply | undefined> {
    if (!this.administration) return ephemeral(pluginsUnavailableView());
    const check = await this.admins.check(ctx);
    if (check.admin) return undefined;
    this.logger.warn('Refused a plugin change from someone who is not an admin', { platform: ctx.platform, workspaceId: ctx.workspaceId, actor: `${ctx.actor.platform}:${ctx.actor.id}` });
    return ephemeral(pluginsRefusedView(this.admins.configuredOn(ctx), check.platformKnows, check.unanswered, ctx.prefix));
  }

  /** Field problems go under their fields (the form stays open); anything else is said with every secret masked. */
  private refusedValues(error: unknown, form: PluginForm, secrets: readonly string[], prefix: string | undefined): FormReply {
    if (isMusterError(error, 'validation_failed')) {
      const problems = error.details.fields;
      const named = problems && typeof problems === 'object' && Object.keys(problems).length ? problems as Record<string, unknown> : { '': error.message };
      // Under the fields, so the form stays open with what was typed (a reason that names no field goes under the first).
      const errors = fieldErrors(form.fields, named, secrets);
      if (Object.keys(errors).length) return { kind: 'errors', errors };
    }
    if (isMusterError(error) && error.code !== 'internal') {
      return done(ephemeral(errorView(new MusterError(error.code, withoutSecrets(error.message, secrets)), prefix)));
    }
    // Not ours: the message may hold anything, a secret included, so the log gets it masked and the person the generic line.
    this.logger.error('Installing a plugin from chat failed', { plugin: form.plugin.id, error: withoutSecrets(error instanceof Error ? `${error.name}: ${error.message}` : String(error), secrets) });
    return done(ephemeral(errorView(error, prefix)));
  }
}
