import { expect } from 'chai';
import { SDK_VERSION, sdkVersionSatisfies } from './version';

describe('sdkVersionSatisfies', () => {
  it('accepts ranges this SDK version is in', () => {
    for (const range of ['^1.0.0', '1.x', `>=${SDK_VERSION}`, SDK_VERSION]) expect(sdkVersionSatisfies(range), range).to.equal(true);
  });

  it('refuses another major, a newer minor, and ranges semver cannot read', () => {
    for (const range of ['^2.0.0', '^0.9.0', '^1.99.0', '', 'latest', 'not a range', '^1.0.0 ||| x']) expect(sdkVersionSatisfies(range), range).to.equal(false);
  });
});
