import { expect } from 'chai';
import { configSummary } from './config-summary';
import { envProblemsOf, loadFromEnv } from './env-config.spec-helper';
import { teamsAuthOf } from '../platforms/teams/teams-auth-mode';

const load = loadFromEnv;
const problemsOf = envProblemsOf;
const APP = { MICROSOFT_APP_ID: 'app-1', MICROSOFT_APP_PASSWORD: 's3cr3t-app-password', MICROSOFT_APP_TENANT_ID: 'tenant-1' };

describe('Teams configuration', () => {
  it('is off without an app id or TEAMS_ANONYMOUS, and counts empty variables as unset', () => {
    expect(teamsAuthOf(load({}))).to.equal(undefined);
    expect(teamsAuthOf(load({ MICROSOFT_APP_ID: ' ', TEAMS_ANONYMOUS: '' }))).to.equal(undefined);
    expect(configSummary(load({})).teams).to.equal(false);
  });

  it('authenticates with the app id, against the public login URL unless told otherwise', () => {
    expect(teamsAuthOf(load(APP))).to.deep.equal({ kind: 'entra', appId: 'app-1', appPassword: 's3cr3t-app-password', tenantId: 'tenant-1', loginUrl: 'https://login.microsoftonline.com' });
    expect(teamsAuthOf(load({ ...APP, MICROSOFT_LOGIN_URL: 'https://login.microsoftonline.us' }))).to.deep.include({ loginUrl: 'https://login.microsoftonline.us' });
  });

  it('refuses TEAMS_ANONYMOUS with NODE_ENV=production, naming what to set instead', () => {
    const [problem] = problemsOf({ TEAMS_ANONYMOUS: 'true', NODE_ENV: 'production' });
    expect(problem).to.match(/TEAMS_ANONYMOUS=true is refused with NODE_ENV=production/).and.match(/set MICROSOFT_APP_ID, MICROSOFT_APP_PASSWORD and MICROSOFT_APP_TENANT_ID/);
  });

  it('allows TEAMS_ANONYMOUS on a laptop, and says so in the summary', () => {
    const config = load({ TEAMS_ANONYMOUS: 'true', NODE_ENV: 'development' });
    expect(teamsAuthOf(config)).to.deep.equal({ kind: 'anonymous' });
    expect(configSummary(config).teams).to.deep.include({ anonymous: true });
  });

  it('refuses an app id together with TEAMS_ANONYMOUS, an app id without its password, and a password alone', () => {
    expect(problemsOf({ ...APP, TEAMS_ANONYMOUS: 'true' }).join()).to.match(/TEAMS_ANONYMOUS=true and MICROSOFT_APP_ID are both set/);
    expect(problemsOf({ MICROSOFT_APP_ID: 'app-1' }).join()).to.match(/MICROSOFT_APP_PASSWORD is missing/);
    expect(problemsOf({ MICROSOFT_APP_PASSWORD: 'x' }).join()).to.match(/MICROSOFT_APP_ID is missing/);
  });

  it('reads the extra trusted hosts and refuses what is not a host', () => {
    expect(load({ ...APP, TEAMS_TRUSTED_HOSTS: '127.0.0.1:4010, proxy.example.com' }).teams.trustedHosts).to.deep.equal(['127.0.0.1:4010', 'proxy.example.com']);
    expect(problemsOf({ ...APP, TEAMS_TRUSTED_HOSTS: 'https://evil.example/path' }).join()).to.match(/TEAMS_TRUSTED_HOSTS must be a comma-separated list of hosts/);
  });

  it('never shows the app password in the start summary or a problem', () => {
    expect(JSON.stringify(configSummary(load(APP)))).not.to.include('s3cr3t-app-password');
    expect(problemsOf({ ...APP, TEAMS_ANONYMOUS: 'true' }).join()).not.to.include('s3cr3t-app-password');
  });
});
