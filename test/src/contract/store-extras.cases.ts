import { expect } from 'chai';
import { API_TOKEN_PREFIX, PLUGIN_STORAGE_LIMITS, type Store } from '@muster/store';
import { expectMusterError, minutesAfter, T0 } from './fixtures';

/** API tokens, chat installations and plugin installations: the store's own repositories for the server and adapters. */
export function storeExtrasCases(store: () => Store): void {
  describe('API tokens', () => {
    it('shows a new token once and keeps only its hash', async () => {
      const { token, record } = await store().apiTokens.create('  CI pipeline  ');
      expect(token).to.match(new RegExp(`^${API_TOKEN_PREFIX}[A-Za-z0-9_-]{43}$`));
      expect(record.name).to.equal('CI pipeline');
      const rows = await store().dataSource.query('SELECT * FROM api_tokens');
      expect(JSON.stringify(rows)).to.not.contain(token.slice(API_TOKEN_PREFIX.length));
      expect(rows[0].token_hash).to.match(/^[0-9a-f]{64}$/);
    });

    it('verifies a live token, refuses wrong and revoked ones', async () => {
      const { apiTokens } = store();
      const { token, record } = await apiTokens.create('dashboard');
      const verified = await apiTokens.verify(token);
      expect(verified).to.include({ id: record.id, name: 'dashboard' });
      expect(verified!.lastUsedAt).to.be.instanceOf(Date);
      expect(await apiTokens.verify(`${token.slice(0, -1)}${token.endsWith('A') ? 'B' : 'A'}`)).to.equal(undefined);
      expect(await apiTokens.verify('not-a-token')).to.equal(undefined);
      await apiTokens.revoke(record.id);
      await apiTokens.revoke(record.id);
      expect(await apiTokens.verify(token)).to.equal(undefined);
      expect((await apiTokens.list()).find((t) => t.id === record.id)!.revokedAt).to.be.instanceOf(Date);
      await expectMusterError(apiTokens.revoke('no-such-token'), 'not_found');
    });
  });

  describe('chat installations', () => {
    it('saves, finds, forgets on uninstall, comes back on reinstall, and deletes', async () => {
      const { installations } = store();
      const slack = { platform: 'slack' as const, workspaceId: 'T0INSTALL', payload: 'sealed:v1:abc', installedAt: T0 };
      await installations.save(slack);
      await installations.save({ ...slack, platform: 'teams', workspaceId: 'T0INSTALL', payload: 'sealed:teams' });
      expect(await installations.find('slack', 'T0INSTALL')).to.deep.equal(slack);
      await installations.markUninstalled('slack', 'T0INSTALL', minutesAfter(T0, 5));
      expect(await installations.find('slack', 'T0INSTALL')).to.equal(undefined);
      expect((await installations.find('teams', 'T0INSTALL'))!.payload).to.equal('sealed:teams');
      const again = { ...slack, payload: 'sealed:v2:def', installedAt: minutesAfter(T0, 10) };
      await installations.save(again);
      expect(await installations.find('slack', 'T0INSTALL')).to.deep.equal(again);
      await installations.delete('slack', 'T0INSTALL');
      expect(await installations.find('slack', 'T0INSTALL')).to.equal(undefined);
    });
  });

  describe('plugin installations', () => {
    const jira = {
      pluginId: 'jira', tenantId: 'acme', installationId: 'inst-jira-acme', installedFrom: { platform: 'slack' as const, workspaceId: 'T0PLUG' },
      installedBy: { platform: 'slack' as const, id: 'U0ADMIN', name: 'Ada' }, enabled: true,
      config: { baseUrl: 'https://jira.example.com', project: 'OPS', labels: ['incident'] }, sealedSecrets: 'sealed:jira-token', installedAt: T0, updatedAt: T0,
    };

    it('saves one per plugin and tenant, keeps the first install time and the installation id, lists and removes', async () => {
      const { pluginInstallations: plugins } = store();
      await plugins.save(jira);
      await plugins.save({ ...jira, pluginId: 'pagerduty', installationId: 'inst-pd', sealedSecrets: undefined, installedBy: undefined, config: {} });
      await plugins.save({ ...jira, tenantId: 'globex', installationId: 'inst-jira-globex', installedAt: minutesAfter(T0, 1) });
      expect(await plugins.find('jira', 'acme')).to.deep.equal(jira);
      const moved = { platform: 'teams' as const, workspaceId: 'tid-1' };
      await plugins.save({ ...jira, installationId: 'ignored', installedFrom: moved, enabled: false, config: { project: 'SRE' }, installedAt: minutesAfter(T0, 60), updatedAt: minutesAfter(T0, 60) });
      const updated = (await plugins.find('jira', 'acme'))!;
      expect(updated).to.deep.include({ installationId: 'inst-jira-acme', installedFrom: moved, enabled: false, config: { project: 'SRE' }, installedAt: T0, updatedAt: minutesAfter(T0, 60) });
      expect((await plugins.list('acme')).map((p) => p.pluginId)).to.deep.equal(['jira', 'pagerduty']);
      const pagerduty = (await plugins.list('acme'))[1]!;
      expect(pagerduty.sealedSecrets).to.equal(undefined);
      expect(pagerduty.installedBy).to.equal(undefined);
      expect(await plugins.remove('jira', 'acme')).to.equal(true);
      expect(await plugins.remove('jira', 'acme')).to.equal(false);
      expect(await plugins.find('jira', 'acme')).to.equal(undefined);
      expect((await plugins.list()).map((p) => `${p.pluginId}@${p.tenantId}`)).to.deep.equal(['jira@globex', 'pagerduty@acme']);
    });
  });

  describe('plugin storage', () => {
    it('keeps values per installation, replaces, deletes and clears', async () => {
      const { pluginStorage } = store();
      await pluginStorage.set('jira', 'inst-a', 'cursor', '{"page":2}', T0);
      await pluginStorage.set('jira', 'inst-b', 'cursor', '{"page":9}', T0);
      await pluginStorage.set('jira', 'inst-a', 'cursor', '{"page":3}', minutesAfter(T0, 1));
      await pluginStorage.set('jira', 'inst-a', 'émoji 🔥', '"ok"', T0);
      expect(await pluginStorage.get('jira', 'inst-a', 'cursor')).to.equal('{"page":3}');
      expect(await pluginStorage.get('jira', 'inst-b', 'cursor')).to.equal('{"page":9}');
      expect(await pluginStorage.get('grafana', 'inst-a', 'cursor')).to.equal(undefined);
      expect(await pluginStorage.get('jira', 'inst-a', 'émoji 🔥')).to.equal('"ok"');
      await pluginStorage.delete('jira', 'inst-a', 'cursor');
      expect(await pluginStorage.get('jira', 'inst-a', 'cursor')).to.equal(undefined);
      await pluginStorage.clear('jira', 'inst-a');
      expect(await pluginStorage.get('jira', 'inst-a', 'émoji 🔥')).to.equal(undefined);
      expect(await pluginStorage.get('jira', 'inst-b', 'cursor')).to.equal('{"page":9}');
    });

    it('refuses a value or key over the limits and stores nothing', async () => {
      const { pluginStorage } = store();
      await expectMusterError(pluginStorage.set('jira', 'inst-a', 'big', JSON.stringify('x'.repeat(PLUGIN_STORAGE_LIMITS.valueBytes)), T0), 'invalid_argument');
      await expectMusterError(pluginStorage.set('jira', 'inst-a', 'k'.repeat(PLUGIN_STORAGE_LIMITS.keyLength + 1), '1', T0), 'invalid_argument');
      await expectMusterError(pluginStorage.set('jira', 'inst-a', '', '1', T0), 'invalid_argument');
      expect(await pluginStorage.get('jira', 'inst-a', 'big')).to.equal(undefined);
    });
  });

  describe('plugin health', () => {
    it('keeps the last success and the last failure apart, per installation', async () => {
      const { pluginHealth } = store();
      expect(await pluginHealth.find('grafana', 'config')).to.deep.equal({});
      await pluginHealth.recordSuccess('grafana', 'config', T0);
      await pluginHealth.recordFailure('grafana', 'config', minutesAfter(T0, 1), 'timed out after 10 s');
      await pluginHealth.recordSuccess('grafana', 'config', minutesAfter(T0, 2));
      await pluginHealth.recordFailure('grafana', 'other', T0, 'x'.repeat(400));
      expect(await pluginHealth.find('grafana', 'config')).to.deep.equal({ lastSuccessAt: minutesAfter(T0, 2), lastFailureAt: minutesAfter(T0, 1), lastFailure: 'timed out after 10 s' });
      expect((await pluginHealth.find('grafana', 'other')).lastFailure).to.have.length(255);
      await pluginHealth.remove('grafana', 'config');
      expect(await pluginHealth.find('grafana', 'config')).to.deep.equal({});
    });
  });
}
