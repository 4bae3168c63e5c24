import { expect } from 'chai';
import { z } from 'zod';
import { definePlugin } from './define-plugin';
import type { PluginContext } from './plugin-context';
import type { AnyPluginDefinition } from './plugin-definition';
import { activateForTest } from './testing';

const stopped: { tenantId: string; team: string }[] = [];

const source = definePlugin({
  id: 'typed-source', name: 'Typed Source', description: 'x', version: '1.0.0', sdk: '^1.0.0', capabilities: ['alert-source'],
  configSchema: z.object({ team: z.string() }), secrets: [],
  activate: () => ({ 'alert-source': { verify: () => ({ ok: true as const }), parse: () => [] } }),
  // The config is typed from the schema here too: the context is this installation's.
  deactivate: (ctx) => { stopped.push({ tenantId: ctx.installation.tenantId, team: ctx.config.team }); },
});

const pager = definePlugin({
  id: 'typed-pager', name: 'Typed Pager', description: 'x', version: '1.0.0', sdk: '^1.0.0', capabilities: ['paging', 'oncall'],
  configSchema: z.object({}), secrets: [],
  activate: () => ({
    paging: { page: async () => ({ paged: [] }), resolve: async () => undefined },
    oncall: { whoIsOnCall: async () => [] },
  }),
});

describe('plugin definitions as a host holds them', () => {
  it('are AnyPluginDefinition as they are, whatever capabilities and config they have', async () => {
    // Compiling is the point: no cast from a concrete plugin to what a host keeps.
    const held: AnyPluginDefinition[] = [source, pager];
    expect(held.map((p) => p.capabilities)).to.deep.equal([['alert-source'], ['paging', 'oncall']]);
    const ports = await held[1]!.activate({} as PluginContext);
    expect(Object.keys(ports)).to.deep.equal(['paging', 'oncall']);
  });

  it('hand deactivate the installation\'s own context, so a plugin knows which installation stops', async () => {
    stopped.length = 0;
    const acme = await activateForTest(source, { config: { team: 'payments' }, tenantId: 'acme' });
    const globex = await activateForTest(source, { config: { team: 'search' }, tenantId: 'globex' });
    await globex.deactivate();
    await acme.deactivate();
    expect(stopped).to.deep.equal([{ tenantId: 'globex', team: 'search' }, { tenantId: 'acme', team: 'payments' }]);
  });

  it('refuse a webhookAuth that is not one line of text, or on a plugin that takes no webhooks', () => {
    const base = { id: 'auth-test', name: 'Auth', description: 'x', version: '1.0.0', sdk: '^1.0.0', configSchema: z.object({}), secrets: [] };
    const source = { ...base, capabilities: ['alert-source' as const], activate: () => ({ 'alert-source': { verify: () => ({ ok: true as const }), parse: () => [] } }) };
    expect(definePlugin({ ...source, webhookAuth: 'Authorization: Bearer <TOKEN>' }).webhookAuth).to.equal('Authorization: Bearer <TOKEN>');
    expect(() => definePlugin({ ...source, webhookAuth: '  ' })).to.throw(/webhookAuth must be text/);
    expect(() => definePlugin({ ...source, webhookAuth: 'Authorization: Bearer <TOKEN>\r\nX-Injected: 1' })).to.throw(/webhookAuth must be one line/);
    expect(() => definePlugin({ ...source, webhookAuth: 'x'.repeat(201) })).to.throw(/at most 200/);
    const notifier = { ...base, capabilities: ['notifier' as const], activate: () => ({ notifier: { notify: async () => undefined } }) };
    expect(() => definePlugin({ ...notifier, webhookAuth: 'Authorization: Bearer <TOKEN>' })).to.throw(/declares no alert-source/);
  });
});
