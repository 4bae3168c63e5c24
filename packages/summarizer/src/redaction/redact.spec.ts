import { expect } from 'chai';
import { redact, Redactor } from './redact';

describe('redact', () => {
  const cases: readonly [string, string, string][] = [
    ['Slack bot token', 'token is xoxb-1234567890-0987654321-AbCdEfGhIjKl ok', 'token is [secret] ok'],
    ['Slack app token', 'SLACK_APP_TOKEN xapp-1-A0123-4567-abcdef012345', 'SLACK_APP_TOKEN [secret]'],
    ['OpenAI key', 'use sk-proj-abcdefghijklmnopqrstuvwxyz012345 for now', 'use [secret] for now'],
    ['GitHub token', 'ghp_abcdefghijklmnopqrstuvwxyz0123456789 leaked', '[secret] leaked'],
    ['GitHub fine-grained token', 'github_pat_11ABCDEFG0123456789_abcdefghijklmnopqrstuvwxyz', '[secret]'],
    ['AWS access key id', 'key AKIAIOSFODNN7EXAMPLE in the log', 'key [secret] in the log'],
    ['AWS secret in env dump', 'AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY', 'AWS_SECRET_ACCESS_KEY=[secret]'],
    ['JWT', 'cookie eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0In0.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c', 'cookie [secret]'],
    ['Bearer header', 'Authorization: Bearer abc123def456ghi789jkl', 'Authorization: Bearer [secret]'],
    ['password=', 'retry with password=hunter2&user=x', 'retry with password=[secret]&user=x'],
    ['token= in a query string', 'GET /hook?token=abc123&x=1', 'GET /hook?token=[secret]&x=1'],
    ['api_key: in YAML', 'api_key: 9f8e7d6c5b4a', 'api_key: [secret]'],
    ['quoted JSON secret', '{"client_secret": "s3cr3t value"}', '{"client_secret": [secret]}'],
    ['password in a URL', 'mysql://muster:Sup3rS3cret@db.internal:3306/muster', 'mysql://[secret]@db.internal:3306/muster'],
    ['https basic auth', 'curl https://deploy:pa55@ci.example.com/job', 'curl https://[secret]@ci.example.com/job'],
    ['Slack webhook URL', 'posting to https://hooks.slack.com/services/T000/B000/XXXXXXXX', 'posting to https://hooks.slack.com/services/[secret]'],
    ['private key block', '-----BEGIN RSA PRIVATE KEY-----\nMIIEow\n-----END RSA PRIVATE KEY-----', '[secret]'],
    ['email', 'ping alice.martin@example.com please', 'ping [email] please'],
    ['international phone', 'call me on +44 20 7946 0958 now', 'call me on [phone] now'],
    ['US phone', 'bridge: (415) 555-0123', 'bridge: [phone]'],
    ['dashed phone', 'oncall 415-555-0123.', 'oncall [phone].'],
    ['IPv4', 'host 10.20.30.40 is down.', 'host [ip] is down.'],
    ['IPv4 with port', 'connect 192.168.1.10:5432 refused', 'connect [ip]:5432 refused'],
    ['IPv6 compressed', 'from 2001:db8::8a2e:370:7334 only', 'from [ip] only'],
    ['IPv6 loopback', 'bound to ::1, not public', 'bound to [ip], not public'],
    ['IPv6 full', 'src fe80:0:0:0:202:b3ff:fe1e:8329 dropped', 'src [ip] dropped'],
    ['IPv6 in brackets', 'http://[2001:db8::1]:8080/', 'http://[ip]:8080/'],
  ];
  for (const [name, input, expected] of cases) {
    it(`replaces: ${name}`, () => {
      expect(redact(input)).to.equal(expected);
    });
  }

  const ordinary = [
    'INC-42 declared as SEV1 by the on-call',
    'rolled back to v1.2.3 and then v2.14.0.1',
    'p99 500ms, p50 120 ms, error rate 2.5%',
    'latencies 250 300 4000 since 10:32:01',
    'deploy at 2025-03-04 09:55 UTC, build 20250304-1',
    'the token: expired, password reset flow is broken',
    'checkout-api pods 3/12 ready, node.js 20.19.0',
    'std::vector resize in the hot path; ratio 3:1:2',
    'ticket JIRA-1234 and PR #5678',
  ];
  for (const text of ordinary) {
    it(`leaves ordinary incident chat alone: "${text}"`, () => {
      expect(redact(text)).to.equal(text);
    });
  }

  it('applies configured extra patterns after the built-ins', () => {
    const extra = [{ name: 'customer', pattern: 'CUST-\\d{6}', placeholder: '[customer]' }];
    expect(redact('refund CUST-123456 at bob@example.com', extra)).to.equal('refund [customer] at [email]');
  });

  it('counts replacements by pattern without keeping what it found', () => {
    const r = Redactor.withBuiltIns();
    r.redact('a@b.io c@d.io 10.0.0.1');
    expect(r.counts()).to.deep.equal({ email: 2, ipv4: 1 });
  });
});
