import { expect } from 'chai';
import { renderModal } from '../render/render-modal';
import { unwrapModalMetadata, wrapModalMetadata } from './modal-envelope';

describe('modal envelope (private_metadata)', () => {
  it('carries core\'s metadata, the channel and the response_url through a modal and back', () => {
    const origin = { metadata: 'incident-7f3a', channelId: 'C0ROOM', responseUrl: 'https://hooks.slack.com/commands/T1/123/abc' };
    expect(unwrapModalMetadata(wrapModalMetadata(origin))).to.deep.equal(origin);
  });

  it('leaves out what a modal opened from nowhere (a global shortcut) does not have', () => {
    expect(unwrapModalMetadata(wrapModalMetadata({}))).to.deep.equal({});
  });

  it('reads a modal opened by an older release (plain metadata) as core\'s metadata alone', () => {
    expect(unwrapModalMetadata('incident-7f3a')).to.deep.equal({ metadata: 'incident-7f3a' });
    expect(unwrapModalMetadata('{"not":"ours"}')).to.deep.equal({ metadata: '{"not":"ours"}' });
    expect(unwrapModalMetadata(undefined)).to.deep.equal({});
  });

  it('fits in a modal with a realistic response_url, within Slack\'s 3000 characters', () => {
    const metadata = wrapModalMetadata({ metadata: 'x'.repeat(36), channelId: 'C0123456789', responseUrl: `https://hooks.slack.com/commands/T0123/${'9'.repeat(13)}/${'a'.repeat(24)}` });
    const modal = renderModal({ formId: 'incident.declare', title: 'Declare', submitLabel: 'Declare', fallback: 'Declare', blocks: [], privateMetadata: metadata });
    expect(modal.private_metadata).to.equal(metadata);
  });
});
