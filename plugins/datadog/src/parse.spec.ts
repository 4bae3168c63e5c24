import { expect } from 'chai';
import type { AlertSignal } from '@muster/plugin-sdk';
import { activateForTest, assertWellFormedSignals, payloadErrorOf, TEST_SEVERITIES, webhookRequest } from '@muster/plugin-sdk/testing';
import datadog from './index';
import { fixture } from './fixtures';

const INSTALLATION = { severities: TEST_SEVERITIES };

async function parser(config: unknown = {}) {
  const { ports } = await activateForTest(datadog, { config });
  return (body: unknown): readonly AlertSignal[] => ports['alert-source'].parse(webhookRequest({ body }));
}

describe('datadog: parse', () => {
  it('reads a monitor triggering through the README template into one firing signal', async () => {
    const [signal, ...rest] = (await parser())(fixture('triggered'));
    expect(rest).to.deep.equal([]);
    expect(signal).to.deep.include({
      status: 'firing',
      groupKey: 'aggreg:9bd4ac313a4d1e8fae2482df7b77628',
      deliveryId: 'event:7412937513587429150',
      title: 'Checkout error rate is high (host:web-1)',
      severity: 'SEV1',
      services: ['checkout'],
      url: 'https://app.datadoghq.com/event/event?id=7412937513587429150',
      startedAt: '2026-03-12T09:51:03.000Z',
    });
    // The %%% Markdown fence of $EVENT_MSG is gone, the text is kept.
    expect(signal!.summary!.startsWith('@webhook-muster More than 50 checkout requests failed')).to.equal(true);
    expect(signal!.summary).not.to.include('%%%');
    expect(signal!.labels).to.deep.equal({ env: 'prod', host: 'web-1', service: 'checkout', team: 'payments' });
    expect(signal!.alerts).to.deep.equal([{ id: '40217153', status: 'firing', title: signal!.title, url: signal!.url }]);
    assertWellFormedSignals([signal!], INSTALLATION);
  });

  it('reads Recovered as resolving the same group, with another delivery id', async () => {
    const parse = await parser();
    const [triggered] = parse(fixture('triggered'));
    const [recovered] = parse(fixture('recovered'));
    expect(recovered).to.deep.include({ status: 'resolved', groupKey: triggered!.groupKey, deliveryId: 'event:7412940011845331771' });
  });

  it('gives a redelivery the same id ($ID) and a renotification of the same alert a new one, same group', async () => {
    const parse = await parser();
    expect(parse(fixture('triggered'))[0]!.deliveryId).to.equal(parse(fixture('triggered'))[0]!.deliveryId);
    const renotify = { ...fixture('triggered'), id: '7412938713587429999', alert_transition: 'Renotify', date: '1773309663000' };
    const [again] = parse(renotify);
    expect(again).to.deep.include({ status: 'firing', groupKey: 'aggreg:9bd4ac313a4d1e8fae2482df7b77628' });
    expect(again!.deliveryId).not.to.equal(parse(fixture('triggered'))[0]!.deliveryId);
  });

  it('without $ID, digests the notification: the same one twice is one delivery, a later one another', async () => {
    const parse = await parser();
    const withoutId = { ...fixture('triggered'), id: undefined };
    const [first] = parse(withoutId);
    expect(first!.deliveryId).to.match(/^[0-9a-f]{64}$/);
    expect(parse(withoutId)[0]!.deliveryId).to.equal(first!.deliveryId);
    expect(parse({ ...withoutId, date: '1773309663000' })[0]!.deliveryId).not.to.equal(first!.deliveryId);
  });

  it('reads Datadog\'s default payload: state and scope from the title, grouped by monitor name and scope', async () => {
    const parse = await parser();
    const [triggered] = parse(fixture('defaultTriggered'));
    const [recovered] = parse(fixture('defaultRecovered'));
    expect(triggered).to.deep.include({
      status: 'firing', groupKey: 'title:Checkout error rate is high {host:web-1}', deliveryId: 'event:7412937513587429150',
      title: 'Checkout error rate is high (host:web-1)', severity: undefined, startedAt: '2026-03-12T09:51:03.000Z',
    });
    expect(recovered).to.deep.include({ status: 'resolved', groupKey: triggered!.groupKey });
    const otherHost = { ...fixture('defaultTriggered'), title: '[Triggered on {host:web-2}] Checkout error rate is high' };
    expect(parse(otherHost)[0]!.groupKey).not.to.equal(triggered!.groupKey);
    expect(parse({ ...fixture('defaultTriggered'), title: '[P2] [Re-Triggered] Disk full' })[0]).to.deep.include({ title: 'Disk full', severity: 'SEV2', status: 'firing' });
  });

  it('maps every documented transition: Recovered resolves, the others fire', async () => {
    const parse = await parser();
    const statusOf = (transition: string) => parse({ ...fixture('triggered'), alert_transition: transition })[0]?.status;
    for (const transition of ['Triggered', 'Re-Triggered', 'Renotify', 'Warn', 'Re-Warn', 'No Data', 'Re-No Data', 'no data']) expect(statusOf(transition), transition).to.equal('firing');
    expect(statusOf('Recovered')).to.equal('resolved');
  });

  it('returns nothing for Null, an unknown transition, an event that is no monitor alert, and a test notification', async () => {
    const parse = await parser();
    expect(parse({ ...fixture('triggered'), alert_transition: 'Null' })).to.deep.equal([]);
    expect(parse({ ...fixture('triggered'), alert_transition: 'Exploded' })).to.deep.equal([]);
    expect(parse({ ...fixture('defaultTriggered'), title: 'Deploy finished', event_type: 'api' })).to.deep.equal([]);
    expect(parse({ ...fixture('triggered'), alert_transition: undefined, alert_title: '[TEST] [Triggered] Checkout error rate is high', title: undefined })).to.deep.equal([]);
    expect(parse({ ...fixture('defaultTriggered'), title: '[Triggered] [TEST] Checkout error rate is high' })).to.deep.equal([]);
  });

  it('ignores the transitions the installation lists, and only those', async () => {
    const parse = await parser({ ignore: ['Warn', 'Re-Warn', 'No Data'] });
    expect(parse({ ...fixture('triggered'), alert_transition: 'Warn' })).to.deep.equal([]);
    expect(parse({ ...fixture('triggered'), alert_transition: 'No Data' })).to.deep.equal([]);
    expect(parse({ ...fixture('triggered'), alert_transition: 'Re-No Data' })).to.have.length(1);
    expect(parse(fixture('recovered'))).to.have.length(1);
  });

  it('groups by monitor ($ALERT_ID) when configured, and falls back between the ids', async () => {
    const byMonitor = await parser({ groupBy: 'monitor' });
    expect(byMonitor(fixture('triggered'))[0]!.groupKey).to.equal('monitor:40217153');
    expect(byMonitor({ ...fixture('triggered'), alert_id: '' })[0]!.groupKey).to.equal('aggreg:9bd4ac313a4d1e8fae2482df7b77628');
    const byAggregation = await parser();
    expect(byAggregation({ ...fixture('triggered'), aggreg_key: undefined })[0]!.groupKey).to.equal('cycle:7412937513587429150');
    expect(byAggregation({ ...fixture('triggered'), aggreg_key: undefined, alert_cycle_key: undefined })[0]!.groupKey).to.equal('monitor:40217153');
  });

  it('treats a variable Datadog left unexpanded, or empty, as absent', async () => {
    const parse = await parser();
    const [signal] = parse({ ...fixture('triggered'), alert_priority: '$ALERT_PRIORITY', title: '$EVENT_TITLE', link: '', tags: '$TAGS', aggreg_key: ' ' });
    expect(signal).to.deep.include({ severity: undefined, url: undefined, services: [], groupKey: 'cycle:7412937513587429150' });
  });

  it('accepts numbers where the template leaves a variable unquoted ("date": $DATE, "id": $ID)', async () => {
    const parse = await parser();
    const [signal] = parse({ ...fixture('triggered'), date: 1773309063000, id: 7412937513, alert_id: 40217153 });
    expect(signal).to.deep.include({ startedAt: '2026-03-12T09:51:03.000Z', deliveryId: 'event:7412937513', groupKey: 'aggreg:9bd4ac313a4d1e8fae2482df7b77628' });
  });

  it('reads the same fields URL-encoded ("Encode as form")', async () => {
    const { ports } = await activateForTest(datadog);
    const form = new URLSearchParams(fixture('triggered') as Record<string, string>).toString();
    const [signal] = ports['alert-source'].parse(webhookRequest({ rawBody: form, headers: { 'Content-Type': 'application/x-www-form-urlencoded' } }));
    expect(signal).to.deep.include({ status: 'firing', deliveryId: 'event:7412937513587429150', severity: 'SEV1' });
  });

  it('keeps hostile text bounded: one-line title, bounded summary, no javascript: link, tags as plain labels', async () => {
    const parse = await parser();
    const [signal] = parse({
      ...fixture('triggered'),
      alert_title: `[Triggered] <!here> \u202Eevil\u202C ${'w'.repeat(1000)}\nline two`,
      alert_scope: undefined,
      body: `%%%\n${'b'.repeat(9000)}\n%%%`,
      link: 'javascript:fetch("//x")',
      tags: '__proto__:x,constructor:y,service:checkout',
    });
    expect(signal!.title.startsWith('<!here> evil')).to.equal(true);
    expect(signal!.title).to.have.length(200);
    expect(signal!.summary).to.have.length(2000);
    expect(signal!.url).to.equal(undefined);
    expect(({} as Record<string, unknown>).x).to.equal(undefined);
    expect(Object.keys(signal!.labels!)).to.deep.equal(['__proto__', 'constructor', 'service']);
    assertWellFormedSignals([signal!], INSTALLATION);
  });

  describe('refuses what cannot be a Datadog alert, naming the field', () => {
    const cases: [string, unknown, RegExp][] = [
      ['an empty body', undefined, /empty/],
      ['a list', [fixture('triggered')], /^the body must be an object/],
      ['an object without any of the template\'s fields', { hello: 'world' }, /no alert_transition and no title.*README/],
      ['a title that is not text', { ...fixture('triggered'), title: { text: 'x' } }, /^title must be a string/],
      ['a transition that is not text', { ...fixture('triggered'), alert_transition: ['Triggered'] }, /^alert_transition must be a string/],
    ];
    for (const [name, body, reason] of cases) {
      it(name, async () => {
        const { ports } = await activateForTest(datadog);
        expect(payloadErrorOf(ports['alert-source'], { body }).reason).to.match(reason);
      });
    }
  });
});
