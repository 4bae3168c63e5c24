import { expect } from 'chai';
import { defaultSettings, type Logger } from '@muster/core';
import { InMemoryDatabase, InMemoryTimelineRepository } from '@muster/core/testing';
import { definePlugin, z, type PluginContext } from '@muster/plugin-sdk';
import type { PluginHealthRepository, PluginStorageRepository } from '@muster/store';
import { ServerMetrics } from '../../metrics/server-metrics';
import { PluginGuard } from '../guard/plugin-guard';
import { PluginHealthBook } from '../guard/plugin-health-book';
import { DEFAULT_PLUGIN_TIMEOUTS } from '../guard/plugin-timeouts';
import { InstallationActivator } from './installation-activator';
import type { ActiveInstallation, InstallationSpec } from './installation';

const silent: Logger = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined };

/** A plugin that notes which context each of its installations started and stopped with. */
function recordingPlugin() {
  const started: PluginContext<{ team: string }>[] = [];
  const stopped: PluginContext<{ team: string }>[] = [];
  const definition = definePlugin({
    id: 'two-tenants', name: 'Two Tenants', description: 'x', version: '1.0.0', sdk: '^1.0.0', capabilities: ['alert-source'],
    configSchema: z.object({ team: z.string() }), secrets: [],
    activate: (ctx) => {
      started.push(ctx);
      return { 'alert-source': { verify: () => ({ ok: true as const }), parse: () => [] } };
    },
    deactivate: (ctx) => { stopped.push(ctx); },
  });
  return { definition, started, stopped };
}

function activator() {
  const health = { recordSuccess: async () => undefined, recordFailure: async () => undefined, find: async () => ({}), remove: async () => undefined };
  const guard = new PluginGuard({
    timeouts: DEFAULT_PLUGIN_TIMEOUTS, health: new PluginHealthBook(health as unknown as PluginHealthRepository, silent), metrics: new ServerMetrics(),
    timeline: new InMemoryTimelineRepository(new InMemoryDatabase()), clock: { now: () => new Date() }, ids: { newId: () => 'id' }, logger: silent,
  });
  return new InstallationActivator({ guard, logger: silent, storage: {} as PluginStorageRepository, clock: { now: () => new Date() }, settings: defaultSettings(), services: { findByName: async () => undefined } });
}

describe('InstallationActivator: deactivate', () => {
  it('hands the plugin the context of the installation that stops, not another tenant\'s', async () => {
    const plugin = recordingPlugin();
    const activate = async (tenantId: string, team: string): Promise<ActiveInstallation> => {
      const spec: InstallationSpec = { definition: plugin.definition, source: 'chat', installationId: `inst-${tenantId}`, tenantId, rawConfig: { team }, config: { team }, secrets: {} };
      const result = await activator().activate(spec);
      if (!result.ok) throw new Error(result.reason);
      return result.installation;
    };
    const acme = await activate('acme', 'payments');
    const globex = await activate('globex', 'search');
    await activator().deactivate(globex);
    expect(plugin.stopped).to.have.length(1);
    expect(plugin.stopped[0], 'the very context its activate got').to.equal(plugin.started[1]);
    expect(plugin.stopped[0]!.installation).to.deep.equal({ tenantId: 'globex', source: 'chat' });
    expect(plugin.stopped[0]!.config).to.deep.equal({ team: 'search' });
    expect(acme.context, 'the other installation keeps its own').to.equal(plugin.started[0]);
  });
});
