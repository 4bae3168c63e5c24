import { expect } from 'chai';
import { isMusterError, TOKENS, type InboundPort, type PluginAdministration, type PluginInstallRequest, type RequestContext } from '@muster/core';
import { fixturePackage, firing, postWebhook, serverLog, writeMusterYaml } from './plugin-support';
import { removeDir, startInProcess, tempDir, type InProcessServer } from './server-support';

const SECRET_KEY = 'plugin-chat-install-secret-key-0123456789';
const ACME = 'T0ACME';
const GLOBEX = 'T0GLOBEX';
const ACME_TOKEN = 'acme-monitor-token-5d1f';
const GLOBEX_TOKEN = 'globex-monitor-token-88e0';

const admin = (workspaceId: string) => ({ platform: 'slack' as const, id: `U0ADMIN${workspaceId}`, name: 'Ada' });
/** The alert sources Muster ships, installed with the server and offered from chat. */
const BUNDLED_SOURCES = ['alertmanager', 'grafana', 'datadog', 'wazuh', 'pagerduty', 'opsgenie'];
/** Every bundled plugin: the alert sources and those that only call out (no webhook, no webhookAuth). */
const BUNDLED = [...BUNDLED_SOURCES, 'jira', 'zoom', 'google-meet', 'teams-meeting', 'statuspage', 'runbooks', 'outgoing-webhook'];
const tenantOf = (workspaceId: string) => (workspaceId === ACME ? 'acme' : 'globex');

/**
 * Installing from chat (the PluginAdministration chat calls), on a real server with two tenants on
 * SQLite: values checked whole before anything is stored, secrets sealed, the webhook accepted for the
 * installing tenant only, a restart bringing installations back, and a changed key failing them safely.
 */
describe('plugin host: installations from chat, one per tenant (real server, SQLite)', function () {
  this.timeout(60_000);
  let dir: string;
  let server: InProcessServer | undefined;

  const env = (key = SECRET_KEY) => ({ MUSTER_SECRET_KEY: key, MUSTER_PUBLIC_URL: 'https://muster.example.com' });
  const admin$ = () => server!.running.container.get<PluginAdministration>(TOKENS.PluginAdministration);
  const request = (workspaceId: string, values: Record<string, string>, pluginId = 'fixture-source'): PluginInstallRequest => ({
    tenantId: tenantOf(workspaceId), pluginId, values, by: admin(workspaceId), platform: 'slack', workspaceId,
  });
  const install = (workspaceId: string, values: Record<string, string>, pluginId?: string) => admin$().install(request(workspaceId, values, pluginId));
  const rows = async () => server!.store.dataSource.query('SELECT * FROM plugin_installations ORDER BY tenant_id');
  const incidentTenants = async () => (await server!.store.dataSource.query('SELECT tenant_id FROM incidents ORDER BY number, tenant_id')).map((r: { tenant_id: string }) => r.tenant_id);

  async function refusal(work: Promise<unknown>): Promise<{ message: string; fields: Record<string, string> }> {
    try {
      await work;
    } catch (error) {
      if (!isMusterError(error, 'validation_failed')) throw error;
      return { message: error.message, fields: (error.details as { fields: Record<string, string> }).fields };
    }
    throw new Error('the install was accepted');
  }

  before(async () => {
    dir = tempDir('plugin-chat');
    writeMusterYaml(dir, {
      'fixture-source': { enabled: false, package: fixturePackage(dir, 'fixture-source') },
      'fixture-broken': { enabled: false, package: fixturePackage(dir, 'fixture-broken') },
    }, {
      tenants: { acme: { slack: [ACME] }, globex: { slack: [GLOBEX] } },
    });
    server = await startInProcess(dir, env());
  });

  after(async () => {
    await server?.stop();
    removeDir(dir);
  });

  it('lists the plugins muster.yaml names as available, with their webhook URL', async () => {
    const listing = await admin$().list('acme');
    // The bundled alert sources are offered too, though muster.yaml names none of them.
    expect(listing.map((p) => [p.id, p.installedBy])).to.deep.equal([...BUNDLED, 'fixture-broken', 'fixture-source'].sort().map((id) => [id, undefined]));
    expect(listing.find((p) => p.id === 'fixture-source')).to.deep.include({ name: 'Fixture Monitor', version: '1.2.3', capabilities: ['alert-source'], webhookUrl: 'https://muster.example.com/webhooks/fixture-source', health: {} });
    expect((await postWebhook(server!.url, 'fixture-source', { token: ACME_TOKEN, body: firing('a') })).status).to.equal(404);
  });

  it('says for each bundled alert source what to set at the source, naming its secrets without holding one', async () => {
    const listing = await admin$().list('acme');
    const auth = Object.fromEntries(listing.filter((p) => BUNDLED_SOURCES.includes(p.id)).map((p) => [p.id, p.webhookAuth]));
    expect(auth).to.deep.include({ grafana: 'Authorization: Bearer <TOKEN>, or basic auth <USERNAME>:<PASSWORD>', pagerduty: 'X-PagerDuty-Signature, signed by PagerDuty with <WEBHOOK_SECRET>' });
    for (const id of BUNDLED_SOURCES) expect(auth[id], id).to.match(/<(TOKEN|WEBHOOK_SECRET)>/);
    expect(listing.find((p) => p.id === 'fixture-source'), 'a plugin that says nothing gets its secrets described instead').not.to.have.property('webhookAuth');
  });

  it('offers a form from the plugin schema: kinds, defaults, descriptions, required, secrets unset', async () => {
    const form = (await admin$().form('acme', 'fixture-source'))!;
    expect(form.fields.map((f) => [f.key, f.kind, f.required, f.value ?? null])).to.deep.equal([
      ['onResolve', 'choice', false, 'resolve'], ['private', 'boolean', false, 'false'], ['team', 'text', true, null], ['threshold', 'number', false, '3'],
      ['mode', 'choice', false, 'strict'], ['routes', 'json', false, '{}'], ['secret:TOKEN', 'secret', true, null], ['secret:EXTRA', 'secret', false, null],
    ]);
    expect(form.fields.find((f) => f.key === 'team')).to.deep.include({ label: 'Team', description: 'The team whose alerts these are' });
    expect(form.fields.find((f) => f.key === 'mode')!.choices).to.deep.equal(['strict', 'lenient']);
    expect(form.fields.find((f) => f.key === 'secret:TOKEN')).to.deep.include({ isSet: false, description: 'The bearer token the monitor sends' });
    expect(await admin$().form('acme', 'no-such-plugin')).to.equal(undefined);
  });

  it('refuses wrong values field by field and stores nothing', async () => {
    const refused = await refusal(install(ACME, { threshold: 'lots', mode: 'sloppy', routes: '{bad', private: 'maybe', 'secret:TOKEN': '', color: 'red' }));
    expect(refused.fields).to.deep.equal({
      color: 'is not a setting of this plugin', threshold: 'must be a number', mode: 'must be one of strict, lenient', routes: refused.fields.routes,
      private: 'must be true or false', 'secret:TOKEN': 'is required',
    });
    expect(refused.fields.routes).to.match(/^is not valid JSON/);
    const bySchema = await refusal(install(ACME, { team: 'x', threshold: '0', routes: '{"a": 1}', 'secret:TOKEN': ACME_TOKEN }));
    expect(Object.keys(bySchema.fields).sort()).to.deep.equal(['routes', 'team', 'threshold']);
    expect(bySchema.fields.routes).to.match(/^a: /);
    expect(JSON.stringify(bySchema)).not.to.contain(ACME_TOKEN);
    expect(await rows()).to.deep.equal([]);
  });

  it('stores nothing when the plugin fails to start with the settings, and never shows the secret it quoted', async () => {
    const refused = await refusal(install(ACME, { 'secret:TOKEN': ACME_TOKEN }, 'fixture-broken'));
    expect(refused.message).to.equal('The fixture-broken plugin did not start with these settings (Error: cannot reach the monitor with [redacted]); nothing was stored.');
    expect(await rows()).to.deep.equal([]);
  });

  it('installs for the tenant, seals the secret, and then takes that tenant\'s webhooks only', async () => {
    const listing = await install(ACME, { team: 'payments', threshold: '5', 'secret:TOKEN': ACME_TOKEN });
    expect(listing).to.deep.include({ id: 'fixture-source', installedBy: 'chat' });
    expect(JSON.stringify(listing)).not.to.contain(ACME_TOKEN);
    const [row] = await rows();
    expect(row).to.deep.include({ plugin_id: 'fixture-source', tenant_id: 'acme', installed_platform: 'slack', installed_workspace_id: ACME });
    expect(JSON.parse(row.config)).to.deep.equal({ team: 'payments', threshold: 5 });
    expect(row.sealed_secrets).to.match(/^v1\./);
    expect(JSON.stringify(row)).not.to.contain(ACME_TOKEN);
    expect(JSON.stringify(row)).not.to.contain(Buffer.from(ACME_TOKEN).toString('base64'));

    const accepted = await postWebhook(server!.url, 'fixture-source', { token: ACME_TOKEN, body: firing('acme-1') });
    expect(accepted.body).to.deep.equal({ results: [{ action: 'declared', incident: 'INC-1' }] });
    expect((await postWebhook(server!.url, 'fixture-source', { token: GLOBEX_TOKEN, body: firing('globex-1') })).status).to.equal(401);
    expect(await incidentTenants()).to.deep.equal(['acme']);
  });

  it('keeps tenants apart: each token declares in its own tenant, one tenant\'s token never another\'s', async () => {
    await install(GLOBEX, { team: 'warehouse', 'secret:TOKEN': GLOBEX_TOKEN });
    const globex = await postWebhook(server!.url, 'fixture-source', { token: GLOBEX_TOKEN, body: firing('shared-group') });
    const acme = await postWebhook(server!.url, 'fixture-source', { token: ACME_TOKEN, body: firing('shared-group') });
    expect(globex.body.results[0]).to.deep.equal({ action: 'declared', incident: 'INC-1' });
    expect(acme.body.results[0]).to.deep.equal({ action: 'declared', incident: 'INC-2' });
    expect(await incidentTenants()).to.deep.equal(['acme', 'globex', 'acme']);
    expect((await admin$().list('globex')).find((p) => p.id === 'fixture-source')!.installedBy).to.equal('chat');
    expect((await admin$().list('default')).find((p) => p.id === 'fixture-source')!.installedBy).to.equal(undefined);
  });

  it('answers the plugin\'s command for an installed tenant and says how to install it elsewhere', async () => {
    const inbound = server!.running.container.get<InboundPort>(TOKENS.InboundPort);
    const ctx = (workspaceId: string): RequestContext => ({ actor: admin(workspaceId), platform: 'slack', workspaceId, idempotencyKey: `cmd-${workspaceId}-${Date.now()}`, prefix: '/incident' });
    const acme = await inbound.command(ctx(ACME), 'fixture hello there');
    expect(acme.view!.fallback).to.equal(`Fixture for payments heard "hello there" from U0ADMIN${ACME}`);
    const elsewhere = await inbound.command(ctx('T0OTHER'), 'fixture hello');
    expect(elsewhere.view!.fallback).to.contain('The fixture-source plugin is not installed in this workspace');
    expect(elsewhere.view!.fallback).to.contain('/incident plugins install fixture-source');
  });

  it('re-configures keeping the stored secret and the installation id when the secret is left empty', async () => {
    const before = (await rows())[0];
    const form = (await admin$().form('acme', 'fixture-source'))!;
    expect(form.fields.find((f) => f.key === 'team')!.value).to.equal('payments');
    expect(form.fields.find((f) => f.key === 'secret:TOKEN')!.isSet).to.equal(true);
    expect(JSON.stringify(form)).not.to.contain(ACME_TOKEN);
    await install(ACME, { team: 'checkout', 'secret:TOKEN': '' });
    const after = (await rows())[0];
    expect(after.installation_id).to.equal(before.installation_id);
    expect(JSON.parse(after.config)).to.deep.equal({ team: 'checkout' });
    expect((await postWebhook(server!.url, 'fixture-source', { token: ACME_TOKEN, body: firing('acme-2') })).status).to.equal(200);
  });

  it('brings chat installations back after a restart, secrets opened with the same key', async () => {
    await server!.stop();
    server = await startInProcess(dir, env());
    expect((await postWebhook(server.url, 'fixture-source', { token: GLOBEX_TOKEN, body: firing('after-restart') })).status).to.equal(200);
    expect((await postWebhook(server.url, 'fixture-source', { token: ACME_TOKEN, body: firing('after-restart') })).status).to.equal(200);
  });

  it('starts with a changed MUSTER_SECRET_KEY, marking the installations failed, and answers 503 to their webhooks', async () => {
    await server!.stop();
    server = await startInProcess(dir, env('a-completely-different-secret-key-for-this-test'));
    const listing = (await admin$().list('acme')).find((p) => p.id === 'fixture-source')!;
    expect(listing.installedBy).to.equal('chat');
    expect(listing.health.lastFailure).to.contain('MUSTER_SECRET_KEY differs');
    const answer = await postWebhook(server.url, 'fixture-source', { token: ACME_TOKEN, body: firing('locked-out') });
    expect(answer.status).to.equal(503);
    await server.stop();
    server = await startInProcess(dir, env());
  });

  it('uninstalls: the tenant\'s webhooks are refused again, its storage and health gone, the other tenant untouched', async () => {
    const [acmeRow] = await rows();
    await server!.store.pluginStorage.set('fixture-source', acmeRow.installation_id, 'left-over', '1', new Date());
    const listing = await admin$().uninstall('acme', 'fixture-source', admin(ACME));
    expect(listing.installedBy).to.equal(undefined);
    expect((await rows()).map((r: { tenant_id: string }) => r.tenant_id)).to.deep.equal(['globex']);
    expect(await server!.store.pluginStorage.get('fixture-source', acmeRow.installation_id, 'left-over')).to.equal(undefined);
    expect((await postWebhook(server!.url, 'fixture-source', { token: ACME_TOKEN, body: firing('gone') })).status).to.equal(401);
    expect((await postWebhook(server!.url, 'fixture-source', { token: GLOBEX_TOKEN, body: firing('still-here') })).status).to.equal(200);
    try {
      await admin$().uninstall('acme', 'fixture-source', admin(ACME));
      throw new Error('uninstalled twice');
    } catch (error) {
      expect(isMusterError(error, 'not_found')).to.equal(true);
    }
  });

  it('lists an installation whose plugin no longer loads as failed, answers its webhooks 503, and lets it be uninstalled', async () => {
    await server!.stop();
    writeMusterYaml(dir, {}, { tenants: { acme: { slack: [ACME] }, globex: { slack: [GLOBEX] } } });
    server = await startInProcess(dir, env());
    const orphan = (await admin$().list('globex')).find((p) => p.id === 'fixture-source')!;
    expect(orphan).to.deep.include({ installedBy: 'chat', capabilities: [] });
    expect(orphan.health.lastFailure).to.contain('the plugin no longer loads: "@muster/plugin-fixture-source" is not installed');
    expect((await admin$().list('acme')).map((p) => p.id), 'only the bundled plugins are left to offer').to.deep.equal([...BUNDLED].sort());
    expect((await postWebhook(server.url, 'fixture-source', { token: GLOBEX_TOKEN, body: firing('orphaned') })).status).to.equal(503);
    const removed = await admin$().uninstall('globex', 'fixture-source', admin(GLOBEX));
    expect(removed.installedBy).to.equal(undefined);
    expect(await rows()).to.deep.equal([]);
    expect((await postWebhook(server.url, 'fixture-source', { token: GLOBEX_TOKEN, body: firing('orphaned') })).status).to.equal(404);
  });

  it('never logged a secret typed into the form', () => {
    const log = serverLog(dir);
    for (const secret of [ACME_TOKEN, GLOBEX_TOKEN]) expect(log).not.to.contain(secret);
  });
});
