import { expect } from 'chai';
import type { CommandReply, FormReply } from '../commands/command-reply';
import type { RequestContext } from '../incidents/request-context';
import { elsewhere, person, pluginsScene } from '../plugins/plugins-scene.spec-helper';
import { ACTIONS, FORMS } from '../views/action-ids';
import { pluginFormMetadata } from '../views/plugin-form.view';
import { replyText, visibilityOf } from './access-scene.spec-helper';

type PluginsScene = ReturnType<typeof pluginsScene>;

/**
 * The plugins part of the matrix: every plugins command, button and form × who asks. Plugins are a
 * tenant's, not an incident's: the configured admin (under any linked identity) and the workspace's
 * own admins may, in their own tenant only; anyone else learns who may, and the host is not asked.
 */
describe('access matrix: plugins × who asks', () => {
  type PluginWho = 'admin' | 'linked_admin' | 'workspace_admin' | 'other_tenant_admin' | 'namesake' | 'member';
  const WHO: readonly PluginWho[] = ['admin', 'linked_admin', 'workspace_admin', 'other_tenant_admin', 'namesake', 'member'];
  const ctxOf = (s: PluginsScene, who: PluginWho): RequestContext => {
    switch (who) {
      case 'admin': return s.as('alice');
      case 'linked_admin': return s.as('x', 'local', { actor: elsewhere('alice-on-teams'), alsoKnownAs: [person('alice')] });
      case 'workspace_admin': return s.as('olga');
      case 'other_tenant_admin': return s.as('gary', 'globex');
      case 'namesake': return s.as('x', 'local', { actor: elsewhere('another-alice') });
      case 'member': return s.as('dave');
    }
  };
  interface PluginCase {
    readonly name: string;
    readonly run: (s: PluginsScene, ctx: RequestContext) => Promise<CommandReply | FormReply>;
    /** What an admin of acme gets: the answer did what was asked. */
    readonly did: (s: PluginsScene, reply: CommandReply | FormReply) => void;
  }
  const formOf = (reply: CommandReply | FormReply) => ('form' in reply ? reply.form : undefined);
  const PLUGIN_CASES: readonly PluginCase[] = [
    { name: 'plugins list', run: (s, ctx) => s.command(ctx, 'plugins list'), did: (_s, r) => expect(replyText(r)).to.match(/Jira jira .* installed from chat by @alice/) },
    { name: 'plugins install grafana', run: (s, ctx) => s.command(ctx, 'plugins install grafana'), did: (_s, r) => expect(formOf(r)?.title).to.equal('Install Grafana') },
    { name: 'plugins configure jira', run: (s, ctx) => s.command(ctx, 'plugins configure jira'), did: (_s, r) => expect(formOf(r)?.title).to.equal('Configure Jira') },
    { name: 'plugins uninstall jira', run: (s, ctx) => s.command(ctx, 'plugins uninstall jira'), did: (s, r) => {
      expect(replyText(r)).to.include('Uninstall Jira from this workspace?');
      expect(s.administration.installed('acme', 'jira'), 'only asked').not.to.equal(undefined);
    } },
    { name: `button ${ACTIONS.uninstallPlugin}`, run: (s, ctx) => s.press(ctx, 'jira'), did: (s) => expect(s.administration.installed('acme', 'jira')).to.equal(undefined) },
    {
      name: `form ${FORMS.installPlugin} (opened in acme)`,
      run: (s, ctx) => s.submit(ctx, { 'plugin:secret:TOKEN': 'glsa_matrix-token', 'plugin:onResolve': 'resolve' }, pluginFormMetadata({ pluginId: 'grafana', tenantId: 'acme' })),
      did: (s) => expect(s.administration.installed('acme', 'grafana')?.values['secret:TOKEN']).to.equal('glsa_matrix-token'),
    },
  ];
  const MAY: ReadonlySet<PluginWho> = new Set(['admin', 'linked_admin', 'workspace_admin']);

  for (const who of WHO) {
    for (const c of PLUGIN_CASES) {
      const allowed = MAY.has(who);
      it(`${who} · ${c.name} → ${allowed ? 'allowed' : who === 'other_tenant_admin' ? 'only in their own tenant' : 'refused, nothing shown'}`, async () => {
        const s = pluginsScene({ workspaceAdmins: { 'local/olga': true, 'globex/gary': true } });
        await s.submit(s.as('alice'), { 'plugin:project': 'OPS' }, pluginFormMetadata({ pluginId: 'jira', tenantId: 'acme' }));
        const acmeBefore = JSON.stringify(s.administration.installed('acme', 'jira'));
        const calls = s.administration.calls.length;
        const reply = await c.run(s, ctxOf(s, who));
        const text = replyText(reply);
        expect(visibilityOf(reply), 'plugin answers are for the requester alone').to.equal('ephemeral');
        if (allowed) {
          expect(text).not.to.match(/Only the/);
          c.did(s, reply);
          return;
        }
        if (who === 'other_tenant_admin') {
          expect(text).not.to.match(/Only the/);
          expect(JSON.stringify(s.administration.installed('acme', 'jira')), 'acme\'s plugins untouched').to.equal(acmeBefore);
          expect(s.administration.installed('acme', 'grafana')).to.equal(undefined);
          expect(s.administration.calls.slice(calls).every((call) => !call.includes('acme')), 'acme never asked about').to.equal(true);
          return;
        }
        expect(text).to.match(/Only the Muster admins \(@alice\) or the admins and owners of this workspace can/);
        expect(text).not.to.match(/Grafana|Jira|jira|PagerDuty/);
        if ('form' in reply) expect(reply.form, 'no form opened').to.equal(undefined);
        expect(s.administration.calls.slice(calls), 'the host was not asked').to.deep.equal([]);
        expect(JSON.stringify(s.administration.installed('acme', 'jira'))).to.equal(acmeBefore);
        expect(s.administration.installed('acme', 'grafana')).to.equal(undefined);
      });
    }
  }
});
