import { expect } from 'chai';
import { safeUrl } from './links';

describe('safeUrl', () => {
  it('links only to plain http(s) without credentials', () => {
    for (const good of ['https://acme.app.opsgenie.com/alert/detail/1/details', 'https://acme.pagerduty.com/incidents/PGR0VU2', 'https://wazuh.example.com/app', 'http://alertmanager.local:9093/#/alerts']) {
      expect(safeUrl(good), good).to.equal(good);
    }
    for (const bad of ['javascript:alert(1)', 'data:text/html,x', 'file:///etc/passwd', 'https://user:pw@example.com/', 'https://user@example.com/', 'not a url', 42, undefined]) {
      expect(safeUrl(bad), String(bad)).to.equal(undefined);
    }
  });

  it('drops a link longer than 2000 characters, also when normalising lengthens it past the limit', () => {
    expect(safeUrl(`https://example.org/${'a'.repeat(2000)}`)).to.equal(undefined);
    expect(safeUrl(`https://example.org/graph?q=${'é'.repeat(400)}`)).to.equal(undefined);
    expect(safeUrl(' https://example.org/x ')).to.equal('https://example.org/x');
  });
});
