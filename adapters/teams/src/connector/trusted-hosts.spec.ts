import { expect } from 'chai';
import { TrustedHosts } from './trusted-hosts';

describe('TrustedHosts', () => {
  const hosts = new TrustedHosts(['127.0.0.1:4010', 'proxy.contoso.example']);

  it('trusts the Bot Connector hosts Microsoft documents, in every cloud, over HTTPS', () => {
    for (const url of [
      'https://smba.trafficmanager.net/amer/', 'https://smba.trafficmanager.net/emea/', 'https://smba.trafficmanager.net/teams/',
      'https://smba.infra.gcc.teams.microsoft.com/teams', 'https://smba.infra.gov.teams.microsoft.us/teams', 'https://smba.infra.dod.teams.microsoft.us/teams',
      'https://webchat.botframework.com/', 'https://europe.webchat.botframework.com/', 'https://SMBA.TrafficManager.net./apac/',
    ]) expect(hosts.allows(url), url).to.equal(true);
  });

  it('refuses look-alikes, plain HTTP to Microsoft hosts, credentials in the URL and nonsense', () => {
    for (const url of [
      'http://smba.trafficmanager.net/amer/', 'https://smba.trafficmanager.net.evil.example/', 'https://evilbotframework.com/',
      'https://botframework.com.evil.example/', 'https://user:pw@smba.trafficmanager.net/amer/', 'https://127.0.0.1:4011/',
      'ftp://smba.trafficmanager.net/', 'not a url', '', undefined,
    ]) expect(hosts.allows(url), String(url)).to.equal(false);
  });

  it('trusts configured hosts over HTTP too; one with a port only on that port', () => {
    expect(hosts.allows('http://127.0.0.1:4010/')).to.equal(true);
    expect(hosts.allows('http://127.0.0.1:80/')).to.equal(false);
    expect(hosts.allows('https://proxy.contoso.example:8443/teams/')).to.equal(true);
    expect(new TrustedHosts().allows('http://127.0.0.1:4010/')).to.equal(false);
  });
});
