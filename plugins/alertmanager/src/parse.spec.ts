import { expect } from 'chai';
import { PayloadError, type AlertSignal } from '@muster/plugin-sdk';
import { activateForTest, assertWellFormedSignals, payloadErrorOf, TEST_SEVERITIES, webhookRequest } from '@muster/plugin-sdk/testing';
import alertmanager from './index';
import { fixture } from './fixtures';

const INSTALLATION = { severities: TEST_SEVERITIES };

async function parser(config: unknown = {}) {
  const { ports } = await activateForTest(alertmanager, { config });
  return (body: unknown): readonly AlertSignal[] => ports['alert-source'].parse(webhookRequest({ body }));
}

/** A second alert of the same group, as Alertmanager sends it when one more instance fails. */
function withSecondAlert(body: ReturnType<typeof fixture>) {
  body.alerts.push({ ...structuredClone(body.alerts[0]!), labels: { ...body.alerts[0]!.labels, instance: 'https://checkout-2.example.org' }, fingerprint: '77c1b3d9e0a4f512', startsAt: '2026-02-06T13:12:45.828Z' });
  return body;
}

describe('alertmanager: parse', () => {
  it('reads the documented firing notification into one signal for its alert group', async () => {
    const [signal, ...rest] = (await parser())(fixture('firing'));
    expect(rest).to.deep.equal([]);
    expect(signal).to.deep.include({
      status: 'firing',
      groupKey: '{}/{severity="critical"}:{alertname="ProbeFailure"}',
      title: 'BlackBox probe failure: checkout is unreachable',
      summary: 'https://checkout.example.org has been down for over 5m. Job: http_checks',
      severity: 'SEV1',
      services: ['checkout'],
      url: 'http://alertmanager.example.org:9093/',
      startedAt: '2026-02-06T13:08:45.828Z',
    });
    expect(signal!.labels).to.deep.equal({ alertname: 'ProbeFailure', job: 'http_checks', monitor: 'master', service: 'checkout', severity: 'critical' });
    expect(signal!.alerts).to.deep.equal([{
      id: '1a30ba71cca2921f', status: 'firing', title: 'BlackBox probe failure: checkout is unreachable',
      url: 'http://prometheus.example.org:9090/graph?g0.expr=probe_success+%3D%3D+0&g0.tab=1',
    }]);
    expect(signal!.deliveryId).to.match(/^[0-9a-f]{64}$/);
    assertWellFormedSignals([signal!], INSTALLATION);
  });

  it('reads the resolved notification of the same group: same group, another delivery', async () => {
    const parse = await parser();
    const [firing] = parse(fixture('firing'));
    const [resolved] = parse(fixture('resolved'));
    expect(resolved).to.deep.include({ status: 'resolved', groupKey: firing!.groupKey, severity: 'SEV1' });
    expect(resolved!.alerts![0]!.status).to.equal('resolved');
    expect(resolved!.deliveryId).not.to.equal(firing!.deliveryId);
  });

  it('gives a redelivery, and the repeat Alertmanager sends at repeat_interval, the same delivery id', async () => {
    const parse = await parser();
    const [first] = parse(fixture('firing'));
    const [again] = parse(fixture('firing'));
    // The repeat carries the same alerts; only the order of the JSON keys may differ.
    const reordered = fixture('firing');
    const repeat = Object.fromEntries(Object.entries(reordered).reverse());
    const [repeated] = parse(repeat);
    expect(again!.deliveryId).to.equal(first!.deliveryId);
    expect(repeated!.deliveryId).to.equal(first!.deliveryId);
  });

  it('gives a later notification with an alert joining the group a new delivery id and the same group', async () => {
    const parse = await parser();
    const [first] = parse(fixture('firing'));
    const [joined] = parse(withSecondAlert(fixture('firing')));
    expect(joined!.groupKey).to.equal(first!.groupKey);
    expect(joined!.deliveryId).not.to.equal(first!.deliveryId);
    expect(joined!.alerts!.map((alert) => alert.id)).to.deep.equal(['1a30ba71cca2921f', '77c1b3d9e0a4f512']);
    // The group began when its first alert did.
    expect(joined!.startedAt).to.equal('2026-02-06T13:08:45.828Z');
  });

  it('gives an alert that resolved and fires again a new delivery id (its startsAt moved)', async () => {
    const parse = await parser();
    const [first] = parse(fixture('firing'));
    const refired = fixture('firing');
    refired.alerts[0]!.startsAt = '2026-02-06T14:00:00.000Z';
    expect(parse(refired)[0]!.deliveryId).not.to.equal(first!.deliveryId);
  });

  it('does not let the order of the alerts change the delivery id', async () => {
    const parse = await parser();
    const twoAlerts = withSecondAlert(fixture('firing'));
    const swapped = structuredClone(twoAlerts);
    swapped.alerts.reverse();
    expect(parse(swapped)[0]!.deliveryId).to.equal(parse(twoAlerts)[0]!.deliveryId);
  });

  it('counts truncated alerts: the same visible alerts with more left out is another notification', async () => {
    const parse = await parser();
    const truncated = fixture('firing');
    truncated.truncatedAlerts = 3;
    expect(parse(truncated)[0]!.deliveryId).not.to.equal(parse(fixture('firing'))[0]!.deliveryId);
  });

  it('reads severity and services the way its installation says (the SDK\'s Alertmanager-style settings)', async () => {
    const parse = await parser({ severity: { label: 'priority', map: { p1: 'sev2' } }, service: { label: 'job' } });
    const body = fixture('firing');
    body.alerts[0]!.labels.priority = 'P1';
    expect(parse(body)[0]).to.deep.include({ severity: 'SEV2', services: ['http_checks'] });
  });

  it('returns nothing for a notification without alerts and for the "test receivers" alert', async () => {
    const parse = await parser();
    expect(parse({ ...fixture('firing'), alerts: [] })).to.deep.equal([]);
    const test = fixture('firing');
    test.alerts = [{ ...test.alerts[0]!, labels: { alertname: 'TestAlert', instance: 'Alertmanager' } as never }];
    expect(parse(test)).to.deep.equal([]);
  });

  it('falls back for the title: alertname, then a generic one, never an empty title', async () => {
    const parse = await parser();
    const noSummary = fixture('firing');
    noSummary.commonAnnotations = {} as never;
    expect(parse(noSummary)[0]!.title).to.equal('ProbeFailure');
    const bare = { version: '4', groupKey: 'g', status: 'firing', alerts: [{ status: 'firing', labels: {} }] };
    expect(parse(bare)[0]!.title).to.equal('Alertmanager alert');
    expect(parse({ ...bare, commonAnnotations: { summary: ' \n\t ' } })[0]!.title).to.equal('Alertmanager alert');
  });

  it('reads Go\'s zero time and unparseable timestamps as "not given"', async () => {
    const parse = await parser();
    const alert = { status: 'firing', labels: {}, startsAt: '0001-01-01T00:00:00Z' };
    const body = { version: '4', groupKey: 'g', status: 'firing', alerts: [alert, { ...alert, startsAt: 'yesterday', fingerprint: 'b' }] };
    expect(parse(body)[0]!.startedAt).to.equal(undefined);
  });

  it('keeps hostile text as plain, bounded text: one line, no controls or bidi overrides, cut at 200 / 2000', async () => {
    const parse = await parser();
    const hostile = fixture('firing');
    hostile.commonAnnotations.summary = `<!channel> \u202Egnp.exe\u202C\u0000 ${'x'.repeat(5000)}\nsecond line`;
    hostile.commonAnnotations.description = `*bold* ${'y'.repeat(10_000)}`;
    const [signal] = parse(hostile);
    expect(signal!.title.startsWith('<!channel> gnp.exe')).to.equal(true);
    expect(signal!.title).to.have.length(200);
    expect(signal!.title.endsWith('…')).to.equal(true);
    expect(signal!.summary).to.have.length(2000);
    assertWellFormedSignals([signal!], INSTALLATION);
  });

  it('never links to anything but http(s): a javascript: externalURL and generatorURL are dropped', async () => {
    const parse = await parser();
    const sneaky = fixture('firing');
    sneaky.externalURL = 'javascript:alert(1)';
    sneaky.alerts[0]!.generatorURL = 'file:///etc/passwd';
    const [signal] = parse(sneaky);
    expect(signal!.url).to.equal(undefined);
    expect(signal!.alerts![0]!.url).to.equal(undefined);
  });

  it('drops a link longer than 2000 characters, also when encoding lengthens it past the limit', async () => {
    const parse = await parser();
    const long = fixture('firing');
    long.externalURL = `https://alertmanager.example.org/${'a'.repeat(2000)}`;
    long.alerts[0]!.generatorURL = `https://prometheus.example.org/graph?q=${'é'.repeat(400)}`;
    const [signal] = parse(long);
    expect(signal!.url).to.equal(undefined);
    expect(signal!.alerts![0]!.url).to.equal(undefined);
  });

  it('keeps a label named __proto__ a plain field, and a long group key stays within 200 characters', async () => {
    const parse = await parser();
    const body = JSON.parse(JSON.stringify(fixture('firing')).replace('"job":"http_checks"', '"__proto__":"polluted","job":"http_checks"'));
    body.groupKey = `{}:{instance="${'i'.repeat(500)}"}`;
    const [signal] = parse(body);
    expect(({} as Record<string, unknown>).polluted).to.equal(undefined);
    expect(Object.getPrototypeOf(signal!.labels)).to.equal(Object.prototype);
    expect(signal!.groupKey).to.match(/^sha256:[0-9a-f]{64}$/);
    const [again] = parse(body);
    expect(again!.groupKey).to.equal(signal!.groupKey);
  });

  describe('refuses what is not an Alertmanager v4 notification, naming the field', () => {
    const cases: [string, unknown, RegExp][] = [
      ['an empty body', undefined, /empty/],
      ['a body that is not JSON', 'not json', /not JSON/],
      ['another version', { ...fixture('firing'), version: '3' }, /^version must be "4"/],
      ['no group key', { ...fixture('firing'), groupKey: undefined }, /^groupKey is missing/],
      ['a blank group key', { ...fixture('firing'), groupKey: '  ' }, /^groupKey: must not be blank/],
      ['an unknown status', { ...fixture('firing'), status: 'pending' }, /^status must be one of "firing", "resolved"/],
      ['alerts that are not a list', { ...fixture('firing'), alerts: {} }, /^alerts must be a list/],
      ['labels that are not an object', { ...fixture('firing'), alerts: [{ status: 'firing', labels: 'x' }] }, /^alerts\[0\]\.labels must be an object/],
      ['a label value that is a number', { ...fixture('firing'), alerts: [{ status: 'firing', labels: { port: 443 } }] }, /^alerts\[0\]\.labels\.port must be a string/],
      ['a Grafana payload', { version: '1', orgId: 1, status: 'firing', alerts: [] }, /Grafana.*\/webhooks\/grafana/],
    ];
    for (const [name, body, reason] of cases) {
      it(name, async () => {
        const { ports } = await activateForTest(alertmanager);
        const request = typeof body === 'string' ? webhookRequest({ rawBody: body }) : webhookRequest({ body });
        const error = payloadErrorOf(ports['alert-source'], request);
        expect(error).to.be.instanceOf(PayloadError);
        expect(error.reason).to.match(reason);
      });
    }
  });
});
