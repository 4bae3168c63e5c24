import { expect } from 'chai';
import { API_TOKEN_PREFIX, type Store } from '@muster/store';
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
    it('saves per plugin and workspace, keeps the first install time, lists and removes', async () => {
      const { pluginInstallations: plugins } = store();
      const jira = {
        pluginId: 'jira', workspaceId: 'T0PLUG', enabled: true, config: { baseUrl: 'https://jira.example.com', project: 'OPS', labels: ['incident'] },
        sealedSecrets: 'sealed:jira-token', installedAt: T0, updatedAt: T0,
      };
      await plugins.save(jira);
      await plugins.save({ pluginId: 'pagerduty', workspaceId: 'T0PLUG', enabled: false, config: {}, installedAt: T0, updatedAt: T0 });
      await plugins.save({ ...jira, workspaceId: 'T0OTHER' });
      expect(await plugins.find('jira', 'T0PLUG')).to.deep.equal(jira);
      await plugins.save({ ...jira, enabled: false, config: { project: 'SRE' }, installedAt: minutesAfter(T0, 60), updatedAt: minutesAfter(T0, 60) });
      const updated = (await plugins.find('jira', 'T0PLUG'))!;
      expect(updated).to.deep.include({ enabled: false, config: { project: 'SRE' }, installedAt: T0, updatedAt: minutesAfter(T0, 60) });
      expect((await plugins.list('T0PLUG')).map((p) => p.pluginId)).to.deep.equal(['jira', 'pagerduty']);
      expect((await plugins.list('T0PLUG'))[1]!.sealedSecrets).to.equal(undefined);
      await plugins.remove('jira', 'T0PLUG');
      expect(await plugins.find('jira', 'T0PLUG')).to.equal(undefined);
      expect((await plugins.list()).map((p) => `${p.pluginId}@${p.workspaceId}`)).to.deep.equal(['jira@T0OTHER', 'pagerduty@T0PLUG']);
    });
  });
}
