import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'chai';
import { TOKENS, type PluginAdministration } from '@muster/core';
import { SDK_VERSION } from '@muster/plugin-sdk';
import wazuh from '@muster/plugin-wazuh';
import { fixturePackage, firing, postWebhook, writeMusterYaml, type PluginEntry } from './plugin-support';
import { removeDir, runCli, startInProcess, tempDir, type CliResult, type InProcessServer } from './server-support';

/**
 * `muster plugins list | check` as an operator runs them: the real CLI in a child process, in a temp
 * directory with its own muster.yaml and SQLite file; installations made through the server's own
 * administration code on a real server first. Secrets are given as values no output may contain.
 */
const BUNDLED = ['alertmanager', 'datadog', 'google-meet', 'grafana', 'jira', 'opsgenie', 'outgoing-webhook', 'pagerduty', 'runbooks', 'statuspage', 'teams-meeting', 'wazuh', 'zoom'];
/** Bundled plugins that are not alert sources take no alert webhooks. */
/** Plugin versions that moved past 1.0.0 (paging and on-call added to the alert sources). */
const VERSION: Record<string, string> = { opsgenie: '1.1.0', pagerduty: '1.1.0' };
const NO_WEBHOOK = new Set(['google-meet', 'jira', 'outgoing-webhook', 'runbooks', 'statuspage', 'teams-meeting', 'zoom']);
const YAML_TOKEN = 'yaml-token-c0ffee-5e4c';
const WAZUH_TOKEN = 'wazuh-token-77b2-aa91';
const ACME_TOKEN = 'acme-chat-token-19d3';
const GLOBEX_TOKEN = 'globex-chat-token-4b0e';
const SECRET_KEY = 'cli-plugins-spec-secret-key-0123456789abcdef';
const PUBLIC_URL = 'https://muster.example.com';
const SECRETS = [YAML_TOKEN, WAZUH_TOKEN, ACME_TOKEN, GLOBEX_TOKEN, SECRET_KEY];

const cells = (line: string) => line.split(/\s{2,}/);
/** The rows of one plugin in the first table (the secrets table follows a blank line). */
const rowsOf = (stdout: string, plugin: string) => stdout.split('\n\n')[0]!.split('\n').filter((line) => line.startsWith(`${plugin} `)).map(cells);

function expectNoSecret(result: CliResult): void {
  for (const secret of SECRETS) expect(result.stdout + result.stderr, 'a secret was printed').not.to.contain(secret);
  expect(result.stderr, 'a stack trace was printed').not.to.match(/\n\s+at /);
}

describe('muster plugins list (the CLI as a child process, SQLite)', function () {
  this.timeout(120_000);
  let dir: string;
  let server: InProcessServer | undefined;
  const env = { MUSTER_PUBLIC_URL: PUBLIC_URL, MUSTER_SECRET_KEY: SECRET_KEY, MUSTER_PLUGIN_FIXTURE_SOURCE_TOKEN: YAML_TOKEN };
  const plugins = (): Record<string, PluginEntry> => ({
    'fixture-source': { enabled: true, package: fixturePackage(dir, 'fixture-source'), config: { team: 'payments' } },
    'fixture-typeerror': { enabled: false, package: fixturePackage(dir, 'fixture-typeerror') },
  });
  const tenants = { tenants: { acme: { slack: ['T0ACME'] }, globex: { slack: ['T0GLOBEX'] } } };
  const list = (...args: string[]) => runCli(['plugins', 'list', ...args], { cwd: dir, env });

  beforeEach(() => {
    dir = tempDir('cli-plugins');
    writeMusterYaml(dir, plugins(), tenants);
  });
  afterEach(async () => {
    await server?.stop();
    server = undefined;
    removeDir(dir);
  });

  async function installFromChat(): Promise<void> {
    server = await startInProcess(dir, env);
    const admin = server.running.container.get<PluginAdministration>(TOKENS.PluginAdministration);
    const by = (workspaceId: string) => ({ platform: 'slack' as const, id: `U0ADMIN${workspaceId}`, name: 'Ada' });
    await admin.install({ tenantId: 'acme', pluginId: 'fixture-source', values: { team: 'checkout', 'secret:TOKEN': ACME_TOKEN }, by: by('T0ACME'), platform: 'slack', workspaceId: 'T0ACME' });
    await admin.install({ tenantId: 'globex', pluginId: 'fixture-typeerror', values: { 'secret:TOKEN': GLOBEX_TOKEN }, by: by('T0GLOBEX'), platform: 'slack', workspaceId: 'T0GLOBEX' });
    // One call that works and one the plugin fails, so both kinds of health are on record.
    expect((await postWebhook(server.url, 'fixture-source', { token: ACME_TOKEN, body: firing('a-1') })).status).to.equal(200);
    expect((await postWebhook(server.url, 'fixture-typeerror', { token: GLOBEX_TOKEN, body: firing('g-1') })).status).to.equal(400);
  }

  it('lists every plugin the server can run, available until installed, with its webhook URL and secrets set or not', async () => {
    const result = await list();
    expect(result.code, result.stderr).to.equal(0);
    expectNoSecret(result);
    const [header] = result.stdout.split('\n');
    expect(cells(header!)).to.deep.equal(['PLUGIN', 'VERSION', 'MUSTER.YAML', 'INSTALLED', 'TENANT', 'BY', 'SINCE', 'WEBHOOK', 'HEALTH']);
    for (const id of BUNDLED) expect(rowsOf(result.stdout, id)[0], id).to.deep.equal([id, VERSION[id] ?? '1.0.0', '-', 'available', '-', '-', '-', NO_WEBHOOK.has(id) ? '-' : `${PUBLIC_URL}/webhooks/${id}`, '-']);
    // The muster.yaml installation belongs to the default tenant (no home workspace is set); it has never been called.
    expect(rowsOf(result.stdout, 'fixture-source')).to.deep.equal([
      ['fixture-source', '1.2.3', 'enabled', 'muster.yaml', 'default', '-', '-', `${PUBLIC_URL}/webhooks/fixture-source`, 'no calls yet'],
    ]);
    expect(rowsOf(result.stdout, 'fixture-typeerror')).to.deep.equal([
      ['fixture-typeerror', '0.0.1', 'disabled', 'available', '-', '-', '-', `${PUBLIC_URL}/webhooks/fixture-typeerror`, '-'],
    ]);
    expect(result.stdout).to.match(/^fixture-source\s+MUSTER_PLUGIN_FIXTURE_SOURCE_TOKEN\s+yes\s+yes$/m);
    expect(result.stdout).to.match(/^fixture-source\s+MUSTER_PLUGIN_FIXTURE_SOURCE_EXTRA\s+no\s+no$/m);
    expect(result.stdout).to.match(/^fixture-typeerror\s+MUSTER_PLUGIN_FIXTURE_TYPEERROR_TOKEN\s+yes\s+no$/m);
    expect(result.stdout).not.to.contain('Problems');
  });

  it('shows each tenant\'s installation from chat: who, when, its health with the reason of a failure, never a secret', async () => {
    await installFromChat();
    // Read while the server runs, as an operator would after a deploy.
    const result = await list();
    expect(result.code, result.stderr).to.equal(0);
    expectNoSecret(result);
    const source = rowsOf(result.stdout, 'fixture-source');
    expect(source.map((r) => r.slice(0, 6))).to.deep.equal([
      ['fixture-source', '1.2.3', 'enabled', 'muster.yaml', 'default', '-'],
      ['fixture-source', '1.2.3', 'enabled', 'chat', 'acme', 'Ada (slack:U0ADMINT0ACME)'],
    ]);
    expect(source[1]![6]).to.match(/^\d{4}-\d\d-\d\d \d\d:\d\dZ$/);
    expect(source[1]![8]).to.match(/^last success \d{4}-\d\d-\d\d \d\d:\d\dZ$/);
    const [failing] = rowsOf(result.stdout, 'fixture-typeerror');
    expect(failing!.slice(0, 6)).to.deep.equal(['fixture-typeerror', '0.0.1', 'disabled', 'chat', 'globex', 'Ada (slack:U0ADMINT0GLOBEX)']);
    expect(failing![8]).to.match(/last failure \d{4}-\d\d-\d\d \d\d:\d\dZ: parse: .*TypeError/);
  });

  it('gives scripts the same in --json: every key present, dates in ISO 8601, secrets as variable and set', async () => {
    await installFromChat();
    const result = await list('--json');
    expect(result.code, result.stderr).to.equal(0);
    expectNoSecret(result);
    const body = JSON.parse(result.stdout);
    expect(body).to.have.keys(['configFile', 'publicUrl', 'plugins']);
    expect(body.configFile).to.equal(join(dir, 'muster.yaml'));
    // The outgoing-capability plugins (tickets, bridges, status page...) are bundled too: listed by id among the sources.
    expect(body.plugins.map((p: { id: string }) => p.id)).to.deep.equal([...BUNDLED, 'fixture-source', 'fixture-typeerror'].sort());
    const source = body.plugins.find((p: { id: string }) => p.id === 'fixture-source');
    expect(source).to.deep.include({
      name: 'Fixture Monitor', version: '1.2.3', sdk: '^1.0.0', capabilities: ['alert-source'], musterYaml: { enabled: true },
      webhookPath: '/webhooks/fixture-source', webhookUrl: `${PUBLIC_URL}/webhooks/fixture-source`, problems: [],
    });
    expect(source.package).to.equal(fixturePackage(dir, 'fixture-source'));
    expect(source.secrets).to.deep.equal([
      { name: 'TOKEN', variable: 'MUSTER_PLUGIN_FIXTURE_SOURCE_TOKEN', required: true, set: true, description: 'The bearer token the monitor sends' },
      { name: 'EXTRA', variable: 'MUSTER_PLUGIN_FIXTURE_SOURCE_EXTRA', required: false, set: false, description: 'An optional second credential' },
    ]);
    const [fromFile, fromChat] = source.installations;
    expect(fromFile).to.deep.include({ source: 'config', installationId: 'config', tenant: 'default', roomsAt: null, installedBy: null, installedAt: null });
    expect(fromChat).to.have.keys(['source', 'installationId', 'tenant', 'roomsAt', 'installedBy', 'installedAt', 'updatedAt', 'health']);
    expect(fromChat).to.deep.include({ source: 'chat', tenant: 'acme', roomsAt: { platform: 'slack', workspaceId: 'T0ACME' }, installedBy: { platform: 'slack', id: 'U0ADMINT0ACME', name: 'Ada' } });
    expect(new Date(fromChat.installedAt).toISOString()).to.equal(fromChat.installedAt);
    expect(fromChat.health).to.have.keys(['lastSuccessAt', 'lastFailureAt', 'lastFailure']);
    expect(fromChat.health.lastFailure).to.equal(null);
    expect(new Date(fromChat.health.lastSuccessAt).toISOString()).to.equal(fromChat.health.lastSuccessAt);
    const failing = body.plugins.find((p: { id: string }) => p.id === 'fixture-typeerror').installations[0];
    expect(failing.health.lastFailure).to.match(/^parse: .*TypeError/);
  });

  it('still lists a chat installation whose plugin is gone from muster.yaml, saying why it cannot run', async () => {
    await installFromChat();
    await server!.stop();
    server = undefined;
    writeMusterYaml(dir, { 'fixture-source': plugins()['fixture-source']! }, tenants);
    const result = await list();
    expect(result.code, result.stderr).to.equal(0);
    expectNoSecret(result);
    expect(rowsOf(result.stdout, 'fixture-typeerror').map((r) => r.slice(0, 5))).to.deep.equal([['fixture-typeerror', '-', '-', 'chat', 'globex']]);
    expect(result.stdout).to.match(/^ {2}fixture-typeerror: the plugin no longer loads: "@muster\/plugin-fixture-typeerror" is not installed/m);
  });

  it('names a muster.yaml plugin that would not start among the problems, and lists the rest', async () => {
    writeMusterYaml(dir, { ...plugins(), 'acme-pager': { enabled: true } }, tenants);
    const result = await list();
    expect(result.code, result.stderr).to.equal(0);
    expect(rowsOf(result.stdout, 'acme-pager')).to.deep.equal([['acme-pager', '-', 'enabled', 'muster.yaml', 'default', '-', '-', '-', 'no calls yet']]);
    expect(result.stdout).to.contain('  acme-pager: muster.yaml: plugins.acme-pager.package "@muster/plugin-acme-pager" is not installed: run `npm install @muster/plugin-acme-pager`');
    expect(rowsOf(result.stdout, 'fixture-source')).to.have.length(1);
  });
});

describe('muster plugins check (the CLI as a child process)', function () {
  this.timeout(120_000);
  let dir: string;
  const check = (env: Record<string, string> = {}) => runCli(['plugins', 'check'], { cwd: dir, env });
  const source = (config: Record<string, unknown> = { team: 'payments' }): PluginEntry => ({ enabled: true, package: fixturePackage(dir, 'fixture-source'), config });

  beforeEach(() => { dir = tempDir('cli-plugins-check'); });
  afterEach(() => removeDir(dir));

  /** Nothing may be written: no data/ folder, no SQLite file, no generated secret key, wherever MUSTER_DATABASE_URL points. */
  function expectNothingWritten(): void {
    expect(readdirSync(dir).sort()).to.deep.equal(['muster.yaml']);
  }

  it('says OK with one line per enabled plugin, off for those not enabled, and exits 0 without opening the database', async () => {
    writeMusterYaml(dir, { 'fixture-source': source(), wazuh: {}, 'fixture-hang': { enabled: false, package: fixturePackage(dir, 'fixture-hang') } });
    const result = await check({ MUSTER_PLUGIN_FIXTURE_SOURCE_TOKEN: YAML_TOKEN, MUSTER_PLUGIN_WAZUH_TOKEN: WAZUH_TOKEN, MUSTER_DATABASE_URL: 'sqlite:./muster-check.db' });
    expect(result.code, result.stderr).to.equal(0);
    expect(result.stderr).to.equal('');
    expectNoSecret(result);
    expect(result.stdout.trim().split('\n')).to.deep.equal([
      `OK    fixture-source 1.2.3 from ${fixturePackage(dir, 'fixture-source')} (SDK ^1.0.0): config valid; MUSTER_PLUGIN_FIXTURE_SOURCE_TOKEN set, MUSTER_PLUGIN_FIXTURE_SOURCE_EXTRA not set (optional)`,
      `OK    wazuh ${wazuh.version} from @muster/plugin-wazuh (SDK ${wazuh.sdk}): config valid; MUSTER_PLUGIN_WAZUH_TOKEN set`,
      `off   fixture-hang: enabled: false, so not checked (0.0.1 loads from ${fixturePackage(dir, 'fixture-hang')})`,
      `All 2 plugins muster.yaml enables would start (plugin SDK ${SDK_VERSION}).`,
    ]);
    expectNothingWritten();
  });

  it('exits 1 naming every problem: a bad config key, a missing secret, an unknown package, an incompatible SDK', async () => {
    writeMusterYaml(dir, {
      'fixture-source': source({ team: 'payments', threshold: 'many' }),
      'fixture-typeerror': { enabled: true, package: fixturePackage(dir, 'fixture-typeerror') },
      'acme-pager': { enabled: true },
      'fixture-future': { enabled: true, package: fixturePackage(dir, 'fixture-future') },
      wazuh: {},
    });
    const result = await check({ MUSTER_PLUGIN_FIXTURE_SOURCE_TOKEN: YAML_TOKEN, MUSTER_PLUGIN_WAZUH_TOKEN: WAZUH_TOKEN });
    expect(result.code).to.equal(1);
    expectNoSecret(result);
    const problems = result.stderr.trim().split('\n');
    expect(problems).to.have.length(5);
    expect(problems[0]).to.equal('muster: MUSTER_PLUGIN_FIXTURE_TYPEERROR_TOKEN is not set: the fixture-typeerror plugin (plugins.fixture-typeerror in muster.yaml) needs it: A token');
    expect(problems[1]).to.match(/^muster: muster\.yaml: plugins\.fixture-source\.config\.threshold .*number.*\(got "many"\)$/);
    expect(problems[2]).to.contain('muster: muster.yaml: plugins.acme-pager.package "@muster/plugin-acme-pager" is not installed: run `npm install @muster/plugin-acme-pager` where Muster runs');
    expect(problems[3]).to.match(new RegExp(`^muster: muster\\.yaml: plugins\\.fixture-future\\.package ".*fixture-future\\.js" 9\\.0\\.0 was written for plugin SDK \\^9\\.0\\.0, and this Muster provides SDK ${escaped(SDK_VERSION)}`));
    expect(problems[4]).to.equal('muster: plugins check found 4 problems: `muster start` would refuse to start with this configuration.');
    const lines = result.stdout.trim().split('\n');
    expect(lines.map((l) => l.split(':')[0])).to.deep.equal(['FAIL  fixture-source', 'FAIL  fixture-typeerror', 'FAIL  acme-pager', 'FAIL  fixture-future', `OK    wazuh ${wazuh.version} from @muster/plugin-wazuh (SDK ${wazuh.sdk})`]);
    expectNothingWritten();
  });

  it('agrees with muster start: what check refuses, start refuses with the same first problem', async () => {
    writeMusterYaml(dir, { 'fixture-source': source() });
    const checked = await check();
    const started = await runCli(['start'], { cwd: dir, env: { MUSTER_CONSOLE: 'off', MUSTER_PORT: '0' } });
    expect([checked.code, started.code]).to.deep.equal([1, 1]);
    expect(started.stderr.trim()).to.equal(checked.stderr.split('\n')[0]);
  });

  it('refuses a secret written in muster.yaml with the variable to use, never repeating it, before loading any plugin', async () => {
    writeMusterYaml(dir, { 'fixture-source': source({ team: 'payments', token: YAML_TOKEN }) });
    const result = await check();
    expect(result.code).to.equal(1);
    expectNoSecret(result);
    expect(result.stdout).to.equal('');
    expect(result.stderr).to.contain('muster: muster.yaml: plugins.fixture-source.config.token is a secret, and secrets never go in the file: set MUSTER_PLUGIN_FIXTURE_SOURCE_TOKEN in the environment instead');
    expectNothingWritten();
  });

  it('notes a MUSTER_PLUGIN_ variable no enabled plugin declares (a misspelt secret), without its value', async () => {
    writeMusterYaml(dir, { wazuh: {} });
    const result = await check({ MUSTER_PLUGIN_WAZUH_TOKEN: WAZUH_TOKEN, MUSTER_PLUGIN_WAZHU_TOKEN: YAML_TOKEN });
    expect(result.code, result.stderr).to.equal(0);
    expectNoSecret(result);
    expect(result.stdout).to.contain('note  MUSTER_PLUGIN_WAZHU_TOKEN is set, but no plugin enabled in muster.yaml declares it (a misspelt name?)');
  });

  it('has nothing to check without muster.yaml, or when it enables no plugin', async () => {
    const none = await runCli(['plugins', 'check'], { cwd: dir });
    expect([none.code, none.stdout]).to.deep.equal([0, 'There is no muster.yaml here (nor a MUSTER_CONFIG naming one), so no plugin is enabled: nothing to check.\n']);
    writeMusterYaml(dir, { wazuh: { enabled: false } });
    const off = await check();
    expect([off.code, off.stdout]).to.deep.equal([0, 'muster.yaml enables no plugin: nothing to check.\n']);
    expectNothingWritten();
  });

  it('shows the usage for `plugins` and `plugins help`, and refuses a malformed command line with exit code 2, writing nothing', async () => {
    writeMusterYaml(dir, {});
    for (const args of [[], ['help'], ['--help']]) {
      const usage = await runCli(['plugins', ...args], { cwd: dir });
      expect([usage.code, usage.stderr], args.join(' ')).to.deep.equal([0, '']);
      expect(usage.stdout).to.contain('muster plugins list [--json]').and.contain('muster plugins check');
    }
    for (const args of [['lst'], ['list', '--jsn'], ['list', 'extra'], ['check', '--json'], ['constructor'], ['\u001b[2J']]) {
      const result = await runCli(['plugins', ...args], { cwd: dir });
      expect([result.code, result.stdout], args.join(' ')).to.deep.equal([2, '']);
      expect(result.stderr, args.join(' ')).to.match(/^muster: .*Usage: muster plugins list/);
      expect(result.stderr).not.to.contain('\u001b');
    }
    expect(existsSync(join(dir, 'data'))).to.equal(false);
  });
});

/** A literal text as a regular expression. */
function escaped(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
