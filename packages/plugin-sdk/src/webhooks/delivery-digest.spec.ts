import { expect } from 'chai';
import { deliveryDigest } from './delivery-digest';

describe('deliveryDigest', () => {
  it('is the same for the same parts and a sha256 in hex', () => {
    const id = deliveryDigest('{}:{alertname="Down"}', 'firing', ['f1', 'f2']);
    expect(id).to.match(/^[0-9a-f]{64}$/);
    expect(deliveryDigest('{}:{alertname="Down"}', 'firing', ['f1', 'f2'])).to.equal(id);
  });

  it('tells apart parts that would concatenate alike', () => {
    expect(deliveryDigest('a', 'bc')).not.to.equal(deliveryDigest('ab', 'c'));
    expect(deliveryDigest('a,b')).not.to.equal(deliveryDigest('a', 'b'));
    expect(deliveryDigest(['a', 'b'])).not.to.equal(deliveryDigest('a', 'b'));
    expect(deliveryDigest('1')).not.to.equal(deliveryDigest(1));
  });

  it('changes when the status or an alert changes', () => {
    expect(deliveryDigest('g', 'firing', ['f1'])).not.to.equal(deliveryDigest('g', 'resolved', ['f1']));
    expect(deliveryDigest('g', 'firing', ['f1'])).not.to.equal(deliveryDigest('g', 'firing', ['f1', 'f2']));
  });

  it('treats a missing part as null wherever it sits', () => {
    expect(deliveryDigest('g', undefined)).to.equal(deliveryDigest('g', null));
    expect(deliveryDigest(['g', undefined])).to.equal(deliveryDigest(['g', null]));
  });
});
