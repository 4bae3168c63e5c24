import { activateForTest, assertNoSecretIn, webhookRequest } from '@muster/plugin-sdk/testing';
import { PayloadError, type AlertSignal, type AlertSource } from '@muster/plugin-sdk';
import { expect } from 'chai';
import { belowMinimum, critical, firing } from './fixtures';
import wazuh from './index';

const TOKEN = 'wazuh-api-key-7f3c1e';

async function source(config: unknown = {}, secrets: Record<string, string> = { TOKEN }, severities?: { id: string; label: string }[]): Promise<AlertSource> {
  return (await activateForTest(wazuh, { config, secrets, severities })).ports['alert-source'];
}

const one = (signals: readonly AlertSignal[]): AlertSignal => {
  expect(signals).to.have.length(1);
  return signals[0]!;
};
const parseError = (src: AlertSource, body: unknown): string => {
  try {
    src.parse(webhookRequest({ body }));
  } catch (error) {
    expect(error).to.be.instanceOf(PayloadError);
    return (error as PayloadError).reason;
  }
  throw new Error('parse accepted the payload');
};
const laterFiring = { ...firing, id: '1778750101.1052990', timestamp: '2026-05-14T09:15:01.004+0000' };

describe('wazuh alert source: parse', () => {
  it('declares the documented sshd brute-force alert with its rule, agent, log line and a stable id', async () => {
    const signal = one((await source()).parse(webhookRequest({ body: firing })));
    expect(signal).to.deep.include({
      status: 'firing',
      groupKey: 'rule.id=5712|agent.id=001',
      deliveryId: '1778749951.1048213|2026-05-14T09:12:31.418+0000|wazuh-manager',
      title: 'sshd: brute force trying to get access to the system. Non existent user. (web-01)',
      severity: 'SEV2',
      startedAt: '2026-05-14T09:12:31.418Z',
    });
    expect(signal.summary).to.include('Wazuh rule 5712 (level 10)').and.include('Agent web-01 (001, 10.0.1.15)')
      .and.include('MITRE ATT&CK T1110 Brute Force (Credential Access)')
      .and.include('Invalid user blimey from 203.0.113.7 port 48928');
    expect(signal.labels).to.include({ 'rule.id': '5712', 'rule.level': '10', 'agent.name': 'web-01', 'data.srcip': '203.0.113.7', location: '/var/log/auth.log' });
    expect(signal.alerts).to.deep.equal([{ id: '1778749951.1048213', status: 'firing', title: signal.title, url: undefined }]);
    expect(signal.url).to.equal(undefined);
  });

  it('gives a redelivered alert the same delivery id, and a later firing of the same rule on the same agent a new one in the same group', async () => {
    const src = await source();
    const first = one(src.parse(webhookRequest({ body: firing })));
    const again = one(src.parse(webhookRequest({ body: structuredClone(firing) })));
    const later = one(src.parse(webhookRequest({ body: laterFiring })));
    expect(again.deliveryId).to.equal(first.deliveryId);
    expect(later.deliveryId).not.to.equal(first.deliveryId);
    expect(later.groupKey).to.equal(first.groupKey);
  });

  it('puts the same rule on another agent, and another rule on the same agent, in other groups', async () => {
    const src = await source();
    const key = (body: unknown) => one(src.parse(webhookRequest({ body }))).groupKey;
    const base = key(firing);
    expect(key({ ...firing, agent: { ...firing.agent, id: '002', name: 'web-02' } })).not.to.equal(base);
    expect(key({ ...firing, rule: { ...firing.rule, id: '5763' } })).not.to.equal(base);
  });

  it('groups by the configured fields: by source IP, one incident for an attacker across agents', async () => {
    const src = await source({ groupBy: ['rule.id', 'data.srcip'] });
    const a = one(src.parse(webhookRequest({ body: firing })));
    const b = one(src.parse(webhookRequest({ body: { ...firing, id: '1778750200.1', agent: { id: '007', name: 'web-07', ip: '10.0.1.77' } } })));
    expect(a.groupKey).to.equal('rule.id=5712|data.srcip=203.0.113.7').and.equal(b.groupKey);
  });

  it('declares nothing below the minimum level: a level-7 file-integrity event pages nobody', async () => {
    expect((await source()).parse(webhookRequest({ body: belowMinimum }))).to.deep.equal([]);
    expect((await source({ minimumLevel: 11 })).parse(webhookRequest({ body: firing }))).to.deep.equal([]);
    expect(one((await source({ minimumLevel: 7 })).parse(webhookRequest({ body: belowMinimum }))).severity).to.equal('SEV3');
  });

  it('maps rule levels to severities: 12 and up the most severe, 8 and up the next, the rest the least', async () => {
    const src = await source({ minimumLevel: 0 });
    const sev = (level: number) => one(src.parse(webhookRequest({ body: { ...firing, rule: { ...firing.rule, level } } }))).severity;
    expect([15, 12, 11, 8, 7, 0].map(sev)).to.deep.equal(['SEV1', 'SEV1', 'SEV2', 'SEV2', 'SEV3', 'SEV3']);
    expect(one(src.parse(webhookRequest({ body: critical }))).severity).to.equal('SEV1');
  });

  it('uses the positions of the installation\'s own levels, however they are named', async () => {
    const levels = [{ id: 'P0', label: 'Outage' }, { id: 'P1', label: 'Degraded' }, { id: 'P2', label: 'Minor' }, { id: 'P3', label: 'Low' }];
    const src = await source({ minimumLevel: 0 }, { TOKEN }, levels);
    const sev = (level: number) => one(src.parse(webhookRequest({ body: { ...firing, rule: { ...firing.rule, level } } }))).severity;
    expect([13, 9, 3].map(sev)).to.deep.equal(['P0', 'P1', 'P3']);
  });

  it('follows configured thresholds in any order, and falls back to the default level for a name the installation lacks', async () => {
    const src = await source({ minimumLevel: 0, severity: { thresholds: [{ level: 10, severity: 'SEV2' }, { level: 14, severity: 'SEV1' }, { level: 5, severity: 'SEV9' }], otherwise: 'SEV3' } });
    const sev = (level: number) => one(src.parse(webhookRequest({ body: { ...firing, rule: { ...firing.rule, level } } }))).severity;
    expect([14, 13, 10, 6, 2].map(sev)).to.deep.equal(['SEV1', 'SEV2', 'SEV2', undefined, 'SEV3']);
  });

  it('adds the configured services, the agent as a service when asked, and the dashboard link', async () => {
    const src = await source({ services: ['security'], serviceFrom: 'agent.name', dashboardUrl: 'https://wazuh.example.com/' });
    const signal = one(src.parse(webhookRequest({ body: firing })));
    expect(signal.services).to.deep.equal(['security', 'web-01']);
    expect(signal.url).to.equal('https://wazuh.example.com/');
    expect(signal.alerts?.[0]?.url).to.equal('https://wazuh.example.com/');
  });

  it('reads an alert from an agentless host and one with numbers where Wazuh writes strings', async () => {
    const src = await source();
    const { agent: _agent, ...withoutAgent } = firing;
    const agentless = one(src.parse(webhookRequest({ body: { ...withoutAgent, agentless: { host: 'fw-edge-1' } } })));
    expect(agentless.groupKey).to.equal('rule.id=5712|agent.id=fw-edge-1');
    expect(agentless.title).to.match(/\(fw-edge-1\)$/);
    const numeric = one(src.parse(webhookRequest({ body: { ...firing, id: 1778749951, rule: { ...firing.rule, id: 5712, level: '10' } } })));
    expect(numeric.groupKey).to.equal('rule.id=5712|agent.id=001');
    expect(numeric.deliveryId).to.match(/^1778749951\|/);
  });

  it('keeps hostile text as inert, bounded text: one-line title within 200, summary within 2000, no link from the payload', async () => {
    const src = await source();
    const hostile = {
      ...firing,
      rule: { ...firing.rule, description: `<!channel> @everyone\n\u0007${'x'.repeat(5000)}` },
      agent: { id: '001', name: 'javascript:alert(1)' },
      full_log: `${'A'.repeat(10_000)}\ud800`,
      data: { srcip: '203.0.113.7' },
    };
    // Written as JSON text: an object literal would turn `__proto__` into a prototype, a parser does not.
    const raw = JSON.stringify(hostile).replace('"data":{', '"data":{"__proto__":{"polluted":"yes"},"constructor":"x",');
    const signal = one(src.parse(webhookRequest({ rawBody: raw })));
    expect(signal.title.length).to.be.at.most(200);
    expect(signal.title).to.match(/^<!channel> @everyone x+…$/);
    expect(signal.summary!.length).to.be.at.most(2000);
    expect(signal.summary).not.to.match(/[\ud800-\udfff]/);
    expect(signal.url).to.equal(undefined);
    expect(Object.getPrototypeOf(signal.labels)).to.equal(Object.prototype);
    expect(signal.labels).to.include({ 'data.constructor': 'x' });
    expect(({} as Record<string, unknown>).polluted).to.equal(undefined);
  });

  it('refuses malformed alerts with a reason naming the field', async () => {
    const src = await source();
    expect(parseError(src, [firing])).to.equal('the body must be an object');
    expect(parseError(src, { ...firing, rule: undefined })).to.equal('rule is missing');
    expect(parseError(src, { ...firing, id: '' })).to.match(/^id /);
    expect(parseError(src, { ...firing, rule: { ...firing.rule, level: 'high' } })).to.match(/^rule\.level /);
    expect(parseError(src, { ...firing, rule: { ...firing.rule, level: 99 } })).to.match(/^rule\.level must be at most 16/);
    expect(parseError(src, { ...firing, rule: { ...firing.rule, id: { nested: true } } })).to.match(/^rule\.id /);
    expect(() => src.parse(webhookRequest({ rawBody: 'level=10' }))).to.throw(PayloadError, 'not JSON');
    expect(() => src.parse(webhookRequest({ rawBody: '' }))).to.throw(PayloadError, 'empty');
  });

  it('still declares an alert whose descriptive fields are odd, rather than losing it', async () => {
    const signal = one((await source()).parse(webhookRequest({ body: { ...firing, rule: { ...firing.rule, groups: 'sshd', mitre: [1], description: 42 }, agent: 'web-01', location: {} } })));
    expect(signal.title).to.equal('Wazuh rule 5712');
    expect(signal.groupKey).to.equal('rule.id=5712|agent.id=-');
  });
});

describe('wazuh alert source: verify', () => {
  const withAuth = (authorization?: string) => webhookRequest({ body: firing, headers: authorization ? { Authorization: authorization } : {} });

  it('accepts the api_key as a bearer token', async () => {
    expect(await (await source()).verify(withAuth(`Bearer ${TOKEN}`))).to.deep.equal({ ok: true });
  });

  it('refuses a wrong token, no header and another scheme, without echoing the token', async () => {
    const src = await source();
    for (const auth of ['Bearer not-the-key', undefined, `Basic ${Buffer.from(`wazuh:${TOKEN}`).toString('base64')}`, TOKEN]) {
      const result = await src.verify(withAuth(auth));
      expect(result.ok, String(auth)).to.equal(false);
      expect(JSON.stringify(result)).not.to.include(TOKEN);
    }
  });

  it('refuses everything when no TOKEN is set, even an empty bearer', async () => {
    const src = await source({}, {});
    expect((await src.verify(withAuth('Bearer '))).ok).to.equal(false);
    expect((await src.verify(withAuth(`Bearer ${TOKEN}`))).ok).to.equal(false);
    expect((await (await source({}, { TOKEN: '' })).verify(withAuth('Bearer '))).ok).to.equal(false);
  });
});

describe('wazuh plugin: config', () => {
  it('refuses a misspelt key and an impossible level, naming them', async () => {
    let message = '';
    try {
      await source({ minimumLevle: 3 });
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).to.include('minimumLevle');
    await source({ minimumLevel: 17 }).then(() => expect.fail('accepted level 17'), (error: Error) => expect(error.message).to.include('minimumLevel'));
    await source({ dashboardUrl: 'javascript:alert(1)' }).then(() => expect.fail('accepted a javascript: link'), (error: Error) => expect(error.message).to.include('dashboardUrl'));
  });

  it('describes every setting for the install form', () => {
    const shape = wazuh.configSchema.shape;
    for (const [key, field] of Object.entries(shape)) expect(field.description, key).to.be.a('string').with.length.greaterThan(10);
  });
});

describe('wazuh plugin: delivered as the host does it', () => {
  it('declares with the right token, stores nothing with a wrong one, and answers a malformed alert with its reason', async () => {
    const plugin = await activateForTest(wazuh, { secrets: { TOKEN } });
    const accepted = await plugin.deliver({ body: firing, headers: { Authorization: `Bearer ${TOKEN}` } });
    expect(accepted.signals.map((s) => s.groupKey)).to.deep.equal(['rule.id=5712|agent.id=001']);
    const refused = await plugin.deliver({ body: firing, headers: { Authorization: 'Bearer guess' } });
    expect(refused.verification.ok).to.equal(false);
    expect(refused.signals).to.deep.equal([]);
    const malformed = await plugin.deliver({ body: { ...firing, rule: 'sshd' }, headers: { Authorization: `Bearer ${TOKEN}` } });
    expect(malformed.payloadError?.reason).to.equal('rule must be an object');
    assertNoSecretIn([accepted, refused, malformed, plugin.logs], { TOKEN });
  });
});
