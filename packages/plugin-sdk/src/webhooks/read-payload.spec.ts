import { expect } from 'chai';
import fc from 'fast-check';
import { z } from 'zod';
import { PayloadError } from '../errors';
import { webhookRequest } from '../testing/webhook-request';
import { fieldPath, readPayload, readValue } from './read-payload';

const Alertmanager = z.object({
  version: z.literal('4'),
  status: z.enum(['firing', 'resolved']),
  groupKey: z.string().min(1).max(100),
  alerts: z.array(z.object({ fingerprint: z.string(), labels: z.record(z.string(), z.string()) })).min(1),
  externalURL: z.url().optional(),
});

const valid = { version: '4', status: 'firing', groupKey: '{}:{alertname="Down"}', alerts: [{ fingerprint: 'f1', labels: { severity: 'critical' } }] };

/** The reason of the PayloadError `run` throws (and fails if it throws anything else, or nothing). */
function reasonOf(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    expect(error).to.be.instanceOf(PayloadError);
    return (error as PayloadError).reason;
  }
  throw new Error('expected a PayloadError');
}

describe('readPayload', () => {
  it('returns the typed value of a valid body', () => {
    const payload = readPayload(webhookRequest({ body: valid }), Alertmanager);
    expect(payload.alerts[0]!.labels.severity).to.equal('critical');
  });

  it('names the bad field and what it must be', () => {
    const body = { ...valid, alerts: [{ fingerprint: 'f1', labels: 'severity=critical' }] };
    expect(reasonOf(() => readPayload(webhookRequest({ body }), Alertmanager))).to.equal('alerts[0].labels must be an object');
  });

  it('says a field is missing rather than of the wrong type', () => {
    const { groupKey: _, ...body } = valid;
    expect(reasonOf(() => readPayload(webhookRequest({ body }), Alertmanager))).to.equal('groupKey is missing');
  });

  it('lists the allowed values, the bounds and the format', () => {
    expect(reasonOf(() => readValue({ ...valid, status: 'pending' }, Alertmanager))).to.equal('status must be one of "firing", "resolved"');
    expect(reasonOf(() => readValue({ ...valid, version: '3' }, Alertmanager))).to.equal('version must be "4"');
    expect(reasonOf(() => readValue({ ...valid, alerts: [] }, Alertmanager))).to.equal('alerts must have at least 1 item');
    expect(reasonOf(() => readValue({ ...valid, groupKey: 'k'.repeat(101) }, Alertmanager))).to.equal('groupKey must have at most 100 characters');
    expect(reasonOf(() => readValue({ ...valid, externalURL: 'not a url' }, Alertmanager))).to.equal('externalURL must be a valid url');
  });

  it('counts the further problems without listing them', () => {
    expect(reasonOf(() => readValue({ version: '4' }, Alertmanager))).to.equal('status is missing (and 2 more problems)');
    expect(reasonOf(() => readValue({ ...valid, status: undefined, groupKey: 7 }, Alertmanager))).to.equal('status is missing (and 1 more problem)');
  });

  it('says when the body is empty, not JSON, or not an object', () => {
    expect(reasonOf(() => readPayload(webhookRequest(), Alertmanager))).to.match(/empty/);
    expect(reasonOf(() => readPayload(webhookRequest({ rawBody: 'alertname=Down' }), Alertmanager))).to.equal('the body is not JSON');
    expect(reasonOf(() => readPayload(webhookRequest({ body: [1, 2] }), Alertmanager))).to.equal('the body must be an object');
  });

  it('keeps a hostile key short and quoted in the reason', () => {
    const key = `${'<script>'.repeat(100)}`;
    const reason = reasonOf(() => readValue({ [key]: 1 }, z.strictObject({})));
    expect(reason.length).to.be.at.most(300);
    expect(fieldPath(['labels', 'a b', 3])).to.equal('labels["a b"][3]');
  });

  it('turns a schema that throws into a PayloadError', () => {
    const Exploding = z.string().transform(() => { throw new TypeError('plugin bug'); });
    expect(reasonOf(() => readValue('x', Exploding))).to.equal('the payload could not be read');
  });

  it('throws nothing but PayloadError for any JSON', () => {
    fc.assert(fc.property(fc.oneof(fc.json(), fc.constant(JSON.stringify(valid))), (json) => {
      try {
        readPayload(webhookRequest({ rawBody: json }), Alertmanager);
      } catch (error) {
        expect(error).to.be.instanceOf(PayloadError);
        expect((error as PayloadError).reason.length).to.be.at.most(300);
      }
    }), { numRuns: 2000 });
  });
});
