import { expect } from 'chai';
import { TrustedServiceHosts } from './trusted-hosts';

describe('TrustedServiceHosts: which serviceUrls may receive the bot token', () => {
  const hosts = new TrustedServiceHosts(['127.0.0.1:4010', 'bots.contoso.example']);

  it('trusts the Bot Connector hosts Microsoft documents, over https', () => {
    for (const url of [
      'https://smba.trafficmanager.net/amer/',
      'https://smba.trafficmanager.net/teams/',
      'https://SMBA.trafficmanager.net/emea/',
      'https://smba.infra.gcc.teams.microsoft.com/teams',
      'https://smba.infra.gov.teams.microsoft.us/teams',
      'https://smba.infra.dod.teams.microsoft.us/teams',
      'https://europe.api.botframework.com/',
      'https://token.botframework.azure.cn/',
      'https://api.botframework.azure.us/',
    ]) expect(hosts.isTrusted(url), url).to.equal(true);
  });

  it('refuses lookalikes, userinfo tricks, other schemes, ports and paths that hide a host', () => {
    for (const url of [
      'https://smba.trafficmanager.net.evil.com/amer/',
      'https://evil-smba.trafficmanager.net/',
      'https://smba.trafficmanager.net@evil.com/',
      'https://user:pass@smba.trafficmanager.net/',
      'https://evilbotframework.com/',
      'https://botframework.com.evil.com/',
      'http://smba.trafficmanager.net/amer/',
      'https://smba.trafficmanager.net:8443/amer/',
      'https://smba.trafficmanager.net./amer/',
      'https://smba.trafficmanager.net/amer/?next=https://evil.com',
      'https://smba.trafficmanager.net/amer/#x',
      'ftp://smba.trafficmanager.net/',
      'javascript:alert(1)',
      'not a url',
      '',
      'https://127.0.0.1:4011/',
      'http://127.0.0.1/',
    ]) expect(hosts.isTrusted(url), url).to.equal(false);
  });

  it('trusts configured extra hosts exactly, on http or https, with their port', () => {
    expect(hosts.isTrusted('http://127.0.0.1:4010/')).to.equal(true);
    expect(hosts.isTrusted('https://bots.contoso.example/teams/')).to.equal(true);
    expect(hosts.isTrusted('http://bots.contoso.example.evil.com/')).to.equal(false);
    expect(new TrustedServiceHosts().isTrusted('http://127.0.0.1:4010/'), 'nothing extra by default').to.equal(false);
  });

  it('reads TEAMS_TRUSTED_HOSTS as a comma list and refuses entries that are not hosts', () => {
    expect(TrustedServiceHosts.fromList(' 127.0.0.1:4010 , ,bots.contoso.example').isTrusted('http://127.0.0.1:4010/')).to.equal(true);
    expect(TrustedServiceHosts.fromList(undefined).isTrusted('https://smba.trafficmanager.net/amer/')).to.equal(true);
    for (const bad of ['https://x.example/path', 'user@x.example', 'a b']) {
      expect(() => TrustedServiceHosts.fromList(bad), bad).to.throw(/TEAMS_TRUSTED_HOSTS/);
    }
  });

  it('names only the host when refusing, never the whole URL', () => {
    let message = '';
    try {
      hosts.require('https://evil.com/steal?token=abc');
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).to.include('evil.com');
    expect(message).not.to.include('token=abc');
  });
});
