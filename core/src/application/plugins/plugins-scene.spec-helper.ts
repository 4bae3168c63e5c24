import type { PersonRef } from '../../domain/person';
import { TenantMap } from '../../domain/tenancy';
import { buildApp, directory, person } from '../container/app-harness.spec-helper';
import type { CommandReply, FormReply, FormValues } from '../commands/command-reply';
import type { RequestContext } from '../incidents/request-context';
import type { InboundPort } from '../inbound/inbound.port';
import type { DirectoryPort } from '../ports/chat-gateway.port';
import { defaultSettings } from '../container/settings';
import { TOKENS } from '../container/tokens';
import { ACTIONS, FORMS } from '../views/action-ids';
import type { FormView } from '../views/view';
import { FakePluginAdministration } from './fake-plugin-administration.spec-helper';

/** What the directory says about workspace admins: per person id, or a failure, or no answer at all. */
export type WorkspaceAdmins = Readonly<Record<string, boolean>> | 'fails' | 'hangs' | 'unknown';

export interface PluginsSceneOptions {
  /** `null`: a server without the plugin host (nothing bound). */
  readonly administration?: FakePluginAdministration | null;
  /** Left out: the directory has no isWorkspaceAdmin at all. */
  readonly workspaceAdmins?: WorkspaceAdmins;
  /** How the platform invokes Muster (`@Muster` for Teams). */
  readonly prefix?: string;
}

/**
 * Two tenants on the console (acme in workspace `local`, globex in `globex`); alice is the one
 * configured admin. Requests go through the inbound port, as every adapter's do.
 */
export function pluginsScene(options: PluginsSceneOptions = {}) {
  const settings = defaultSettings({
    tenants: new TenantMap([
      { id: 'acme', workspaces: [{ platform: 'console', workspaceId: 'local' }] },
      { id: 'globex', workspaces: [{ platform: 'console', workspaceId: 'globex' }] },
    ]),
    admins: ['console:alice', 'slack:U0NOTHERE', 'teams:aad-0000-admin'],
  });
  const asked: string[] = [];
  const said = options.workspaceAdmins;
  const withAdmins: DirectoryPort = said === undefined ? directory : {
    resolve: directory.resolve,
    isWorkspaceAdmin: async (workspaceId, who) => {
      asked.push(`${workspaceId}/${who.id}`);
      if (said === 'fails') throw new Error('users.info failed: ratelimited');
      if (said === 'hangs') return new Promise<boolean>(() => undefined);
      if (said === 'unknown') return undefined;
      return said[`${workspaceId}/${who.id}`] === true;
    },
  };
  const app = buildApp(settings, { directory: withAdmins, ...(options.prefix ? { prefix: options.prefix } : {}) });
  const administration = options.administration === undefined ? new FakePluginAdministration() : options.administration;
  if (administration) app.container.bind(TOKENS.PluginAdministration).toConstantValue(administration);
  const inbound = app.container.get<InboundPort>(TOKENS.InboundPort);
  const as = (who: string, workspaceId = 'local', more: Partial<RequestContext> = {}): RequestContext =>
    ({ ...app.ctx(who, { ...app.lobby, workspaceId }), workspaceId, ...more });
  const command = (ctx: RequestContext, text: string): Promise<CommandReply> => inbound.command(ctx, text);
  const submit = (ctx: RequestContext, values: FormValues, metadata: string): Promise<FormReply> => inbound.form(ctx, FORMS.installPlugin, values, metadata);
  const press = (ctx: RequestContext, pluginId: string): Promise<CommandReply> => inbound.action(ctx, ACTIONS.uninstallPlugin, pluginId);
  /** The form `plugins install <id>` opens for alice. */
  const openForm = async (pluginId = 'grafana', verb = 'install'): Promise<FormView> => {
    const reply = await command(as('alice'), `plugins ${verb} ${pluginId}`);
    if (!reply.form) throw new Error(`no form for ${pluginId}: ${JSON.stringify(reply.view)}`);
    return reply.form;
  };
  return { app, administration: administration as FakePluginAdministration, asked, as, command, submit, press, openForm, settings };
}

export const elsewhere = (id: string, name = 'alice'): PersonRef => ({ platform: 'console', id, name });
export { person };

/** Everything a reply carries, as one string: to check what must not be in it anywhere. */
export const everything = (reply: unknown): string => JSON.stringify(reply);
