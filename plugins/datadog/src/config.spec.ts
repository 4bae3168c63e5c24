import { expect } from 'chai';
import { undescribedSettings } from '@muster/plugin-sdk/testing';
import plugin from './index';

describe('datadog: config schema', () => {
  it('describes every setting, so the install form in chat can say what each one is', () => {
    expect(Object.keys(plugin.configSchema.shape)).to.include.members(['onResolve', 'private', 'severity', 'service']);
    expect(undescribedSettings(plugin.configSchema)).to.deep.equal([]);
  });
});
