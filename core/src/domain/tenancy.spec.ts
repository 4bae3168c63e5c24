import { expect } from 'chai';
import { DEFAULT_TENANT, TenantMap } from './tenancy';

describe('TenantMap', () => {
  const acme = { id: 'acme', workspaces: [{ platform: 'slack' as const, workspaceId: 'T0ACME' }, { platform: 'teams' as const, workspaceId: 'tid-acme' }] };

  it('puts the listed workspaces of one organization, on Slack and Teams, in one tenant', () => {
    const map = new TenantMap([acme]);
    expect(map.tenantOf('slack', 'T0ACME')).to.equal('acme');
    expect(map.tenantOf('teams', 'tid-acme')).to.equal('acme');
    expect(map.tenantOf('teams', 'T0ACME'), 'a Slack team id is not a Teams tenant id').to.equal(DEFAULT_TENANT);
  });

  it('keeps unlisted workspaces apart from each other when isolating (OAuth installs), but never the console', () => {
    const map = new TenantMap([acme], true);
    expect(map.tenantOf('slack', 'T0ONE')).to.not.equal(map.tenantOf('slack', 'T0TWO'));
    expect(map.tenantOf('slack', 'T0ONE')).to.not.equal(DEFAULT_TENANT);
    expect(map.tenantOf('console', 'local')).to.equal(DEFAULT_TENANT);
    expect(new TenantMap().tenantOf('slack', 'T0ONE'), 'one workspace, one organization').to.equal(DEFAULT_TENANT);
  });

  it('takes the tenant of API and webhook callers from their credential', () => {
    const map = new TenantMap([acme], true);
    expect(map.tenantOf('api', 'acme')).to.equal('acme');
    expect(map.tenantOf('api', '')).to.equal(DEFAULT_TENANT);
  });
});
