import { expect } from 'chai';
import { renderModal } from '../render/render-modal';
import { ModalEnvelope } from './modal-envelope';

describe('ModalEnvelope', () => {
  const envelope = new ModalEnvelope('signing-secret');
  const origin = { metadata: 'incident-7f3a', channelId: 'C0INCIDENT', responseUrl: 'https://hooks.slack.com/commands/T1/2/x' };

  it('carries core metadata, channel and response_url through a modal for the user it was opened for', () => {
    expect(envelope.unwrap(envelope.wrap(origin, 'U1'), 'U1')).to.deep.equal(origin);
    expect(envelope.unwrap(envelope.wrap({}, 'U1'), 'U1')).to.deep.equal({});
  });

  it('drops the channel of a forged, altered, foreign-keyed or other user\'s envelope, keeping only core metadata', () => {
    const sealed = envelope.wrap(origin, 'U1');
    const altered = JSON.stringify({ ...JSON.parse(sealed), c: 'C0OTHERROOM' });
    expect(envelope.unwrap(altered, 'U1')).to.deep.equal({ metadata: 'incident-7f3a' });
    expect(envelope.unwrap(sealed, 'U2'), 'replayed by someone else').to.deep.equal({ metadata: 'incident-7f3a' });
    expect(new ModalEnvelope('another-secret').unwrap(sealed, 'U1')).to.deep.equal({ metadata: 'incident-7f3a' });
    expect(envelope.unwrap(JSON.stringify({ v: 2, m: 'x', c: 'C0GENERAL' }), 'U1'), 'unsigned').to.deep.equal({ metadata: 'x' });
    expect(envelope.unwrap(JSON.stringify({ v: 1, m: 'x', c: 'C0GENERAL' }), 'U1'), 'an unsealed older envelope').to.deep.equal({ metadata: 'x' });
  });

  it('takes anything that is not an envelope as core metadata alone', () => {
    expect(envelope.unwrap('incident-7f3a', 'U1')).to.deep.equal({ metadata: 'incident-7f3a' });
    expect(envelope.unwrap('{"not":"ours"}', 'U1')).to.deep.equal({ metadata: '{"not":"ours"}' });
    expect(envelope.unwrap('[1,2]', 'U1')).to.deep.equal({ metadata: '[1,2]' });
    expect(envelope.unwrap(undefined, 'U1')).to.deep.equal({});
  });

  it('fits in a modal with a realistic response_url, within Slack\'s 3000 characters', () => {
    const metadata = envelope.wrap({ metadata: 'x'.repeat(48), channelId: 'C0123456789', responseUrl: `https://hooks.slack.com/commands/T0123/${'9'.repeat(13)}/${'a'.repeat(24)}` }, 'U0123456789');
    const modal = renderModal({ formId: 'incident.declare', title: 'Declare', submitLabel: 'Declare', fallback: 'Declare', blocks: [], privateMetadata: metadata });
    expect(modal.private_metadata).to.equal(metadata);
    expect(metadata.length).to.be.below(3000);
  });
});
