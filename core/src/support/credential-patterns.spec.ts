import { expect } from 'chai';
import { CREDENTIAL_PATTERNS, maskCredentials } from './credential-patterns';

const MASK = '[x]';

describe('credential patterns: one definition of what a credential looks like', () => {
  const credentials: readonly (readonly [string, string, string])[] = [
    ['Slack bot token', 'with xoxb-17653672481-19874698323-pdFZKVeTuE8sk7oOcBrzbqgy now', 'with [x] now'],
    ['Slack user token', 'xoxp-4956821360-4956821361-4989342133-1f6f7d6ba3b2c0c1', '[x]'],
    ['Slack workspace token', 'xoxa-2-1234567890-abcdef', '[x]'],
    ['Slack refresh token', 'xoxr-1234567890-abcdef', '[x]'],
    ['Slack rotating token, whole', 'token xoxe.xoxp-1-Mi0yLTEyMzQ1Njc4OTA', 'token [x]'],
    ['Slack app-level token', 'SLACK_APP_TOKEN=xapp-1-A0123456789-1234567890123-0a1b2c3d4e5f', 'SLACK_APP_TOKEN=[x]'],
    ['bearer header, the scheme kept', 'Authorization: Bearer abc123def456ghi789jkl', 'Authorization: Bearer [x]'],
    ['basic header, the scheme kept', 'authorization: basic ZGVwbG95OnBhNTVfd29yZA==', 'authorization: basic [x]'],
    ['JWT', 'id eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dBjftJeZ4CVPmB92K27uhbUJU1p1r_wW1gFWFOEjXk end', 'id [x] end'],
    ['JWT without its signature', 'eyJhbGciOiJub25lIn0.eyJzdWIiOiJtZSJ9', '[x]'],
    ['JWT as a bearer token', 'Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.sig', 'Bearer [x]'],
    ['OpenAI key', 'use sk-proj-abcdefghijklmnopqrstuvwxyz012345 for now', 'use [x] for now'],
    ['Anthropic key', 'sk-ant-api03-abcdefghijklmnop', '[x]'],
    ['Muster API token', 'curl -H "x: mst_Zm9vYmFyYmF6cXV4" /api', 'curl -H "x: [x]" /api'],
    ['basic-auth URL, the scheme and host kept', 'curl https://deploy:pa55@ci.example.com/job', 'curl https://[x]@ci.example.com/job'],
    ['database URL without a user', 'redis://:s3cret@cache:6379', 'redis://[x]@cache:6379'],
    ['private key', 'key: -----BEGIN RSA PRIVATE KEY-----\nMIIEpAIB\n-----END RSA PRIVATE KEY----- done', 'key: [x] done'],
  ];
  for (const [what, text, masked] of credentials) {
    it(`masks: ${what}`, () => expect(maskCredentials(text, MASK)).to.equal(masked));
  }

  const harmless: readonly (readonly [string, string])[] = [
    ['a hint at a token format', 'set SLACK_BOT_TOKEN (xoxb-…) and SLACK_APP_TOKEN (xapp-…)'],
    ['prose about bearer tokens', 'bearer tokens expire after an hour'],
    ['a URL without credentials', 'see https://status.example.com/incidents/42 and user@example.com'],
    ['a short sk- word', 'the sk-learn model and task-1234'],
    ['a Slack id', 'channel C0123456789 by U0MUSTER'],
  ];
  for (const [what, text] of harmless) {
    it(`leaves alone: ${what}`, () => expect(maskCredentials(text, MASK)).to.equal(text));
  }

  it('masks every credential in one text, however often it repeats', () => {
    const text = 'xapp-1-A1-2345678 then xapp-1-A1-2345678 and Bearer abcdefgh12';
    expect(maskCredentials(text, MASK)).to.equal('[x] then [x] and Bearer [x]');
  });

  it('shares patterns without the g flag, so one user\'s search cannot move another\'s lastIndex', () => {
    for (const pattern of Object.values(CREDENTIAL_PATTERNS)) expect(pattern.flags).not.to.contain('g');
  });
});
