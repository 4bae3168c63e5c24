import { expect } from 'chai';
import { SDK_VERSION } from '@muster/plugin-sdk';
import { ConfigError, loadConfig, startServer } from '@muster/server';
import { createLogger } from '@muster/server';
import { join } from 'node:path';
import { fixturePackage, writeMusterYaml, type PluginEntry } from './plugin-support';
import { removeDir, runCli, tempDir } from './server-support';

/**
 * muster.yaml plugins that cannot run are start errors, all of them at once, each naming the key or
 * the variable to fix; nothing of the server is left running. Real server start on SQLite, the
 * fixture plugins loaded by path like any third-party package.
 */
describe('plugin host: muster.yaml plugins that cannot run stop the start', () => {
  let dir: string;

  beforeEach(() => { dir = tempDir('plugin-start'); });
  afterEach(() => removeDir(dir));

  async function startError(plugins: Record<string, PluginEntry>, env: Record<string, string> = {}): Promise<ConfigError> {
    writeMusterYaml(dir, plugins);
    const config = loadConfig({ env: { MUSTER_PORT: '0', MUSTER_CONSOLE: 'off', ...env }, cwd: dir, interactive: false });
    try {
      const running = await startServer(config, { logger: createLogger({ level: 'silent' }) });
      await running.stop();
    } catch (error) {
      expect(error).to.be.instanceOf(ConfigError);
      return error as ConfigError;
    }
    throw new Error('the server started');
  }

  const source = (config: Record<string, unknown> = { team: 'payments' }): PluginEntry => ({ enabled: true, package: fixturePackage(dir, 'fixture-source'), config });

  it('names a config key the plugin schema refuses, and what it expected', async () => {
    const error = await startError({ 'fixture-source': source({ team: 'payments', threshold: 'many', mode: 'sloppy' }) }, { MUSTER_PLUGIN_FIXTURE_SOURCE_TOKEN: 'tok-1' });
    expect(error.problems).to.have.length(2);
    expect(error.problems[0]).to.match(/^muster\.yaml: plugins\.fixture-source\.config\.threshold .*number.*\(got "many"\)$/);
    expect(error.problems[1]).to.match(/^muster\.yaml: plugins\.fixture-source\.config\.mode .*"strict".*"lenient".*\(got "sloppy"\)$/);
  });

  it('names the variable of a missing required secret, and not the optional one', async () => {
    const error = await startError({ 'fixture-source': source() });
    expect(error.problems).to.deep.equal(['MUSTER_PLUGIN_FIXTURE_SOURCE_TOKEN is not set: the fixture-source plugin (plugins.fixture-source in muster.yaml) needs it: The bearer token the monitor sends']);
  });

  it('refuses a plugin written for another SDK major, saying which it needs', async () => {
    const error = await startError({ 'fixture-future': { enabled: true, package: fixturePackage(dir, 'fixture-future') } });
    expect(error.problems[0]).to.match(/^muster\.yaml: plugins\.fixture-future\.package ".*fixture-future\.js" 9\.0\.0 was written for plugin SDK \^9\.0\.0, and this Muster provides SDK /);
    expect(error.problems[0]).to.include(`provides SDK ${SDK_VERSION}`);
  });

  it('says how to install an unknown package, and that a path does not exist', async () => {
    const error = await startError({
      'acme-pager': { enabled: true },
      'local-thing': { enabled: true, package: './plugins/local-thing.js' },
    });
    expect(error.problems).to.have.length(2);
    expect(error.problems[0]).to.contain('plugins.acme-pager.package "@muster/plugin-acme-pager" is not installed: run `npm install @muster/plugin-acme-pager` where Muster runs');
    expect(error.problems[1]).to.contain(`plugins.local-thing.package "./plugins/local-thing.js" does not exist (looked for ${join(dir, 'plugins/local-thing.js')})`);
  });

  it('refuses a package listed under another id', async () => {
    const error = await startError({ 'other-name': { enabled: true, package: fixturePackage(dir, 'fixture-future') } });
    expect(error.problems[0]).to.contain('is the plugin "fixture-future", not "other-name": list it under plugins.fixture-future');
  });

  it('reports every plugin problem of the file in one start', async () => {
    const error = await startError({
      'fixture-source': source({}),
      'fixture-future': { enabled: true, package: fixturePackage(dir, 'fixture-future') },
      'fixture-typeerror': { enabled: true, package: fixturePackage(dir, 'fixture-typeerror') },
    });
    expect(error.problems.join('\n')).to.contain('MUSTER_PLUGIN_FIXTURE_TYPEERROR_TOKEN is not set');
    expect(error.problems.join('\n')).to.contain('plugins.fixture-source.config.team');
    expect(error.problems.join('\n')).to.contain('plugins.fixture-future.package');
  });

  it('leaves a plugin that is not enabled alone, even when it would not start', async () => {
    writeMusterYaml(dir, { 'fixture-source': { ...source({}), enabled: false } });
    const config = loadConfig({ env: { MUSTER_PORT: '0', MUSTER_CONSOLE: 'off' }, cwd: dir, interactive: false });
    const running = await startServer(config, { logger: createLogger({ level: 'silent' }) });
    await running.stop();
  });

  it('fails `muster start` with one line naming the problem and never the secret given', async () => {
    writeMusterYaml(dir, { 'fixture-source': source({ team: 'x' }) });
    const result = await runCli(['start'], { cwd: dir, env: { MUSTER_CONSOLE: 'off', MUSTER_PORT: '0', MUSTER_PLUGIN_FIXTURE_SOURCE_TOKEN: 'very-secret-token-1' } });
    expect(result.code, result.stderr).to.equal(1);
    const lines = result.stderr.trim().split('\n');
    expect(lines).to.have.length(1);
    expect(lines[0]).to.match(/^muster: muster\.yaml: plugins\.fixture-source\.config\.team /);
    expect(result.stderr + result.stdout).not.to.contain('very-secret-token-1');
  });
});
