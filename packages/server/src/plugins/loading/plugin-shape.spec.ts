import { expect } from 'chai';
import { z } from 'zod';
import { definitionProblem, pickDefinition } from './plugin-shape';

const plugin = {
  id: 'shape-test', name: 'Shape', description: 'x', version: '1.0.0', sdk: '^1.0.0', capabilities: ['notifier'], configSchema: z.object({}), secrets: [],
  activate: () => ({ notifier: { notify: async () => undefined } }),
};

describe('plugin shape: what a module must export to be loaded', () => {
  it('finds the definition as an ES default, a CommonJS exports.default, or a named `plugin`', () => {
    expect(pickDefinition({ default: plugin }).definition).to.equal(plugin);
    expect(pickDefinition({ default: { default: plugin, __esModule: true } }).definition).to.equal(plugin);
    expect(pickDefinition({ plugin }).definition).to.equal(plugin);
    expect(pickDefinition({ default: { plugin } }).definition).to.equal(plugin);
  });

  it('says what is missing from something that is not a plugin', () => {
    expect(pickDefinition({}).problem).to.equal('does not export a plugin (export default definePlugin({ … }))');
    expect(definitionProblem({ ...plugin, sdk: undefined })).to.equal('exports a plugin without a "sdk"');
    expect(definitionProblem({ ...plugin, capabilities: ['teleport'] })).to.match(/unknown capability "teleport"/);
    expect(definitionProblem({ ...plugin, configSchema: { type: 'object' } })).to.equal('exports a plugin whose configSchema is not a zod schema');
    expect(definitionProblem({ ...plugin, activate: 'yes' })).to.equal('exports a plugin without an activate function');
    expect(definitionProblem({ ...plugin, secrets: ['TOKEN'] })).to.match(/secrets are not a list/);
    expect(definitionProblem({ ...plugin, webhookAuth: 42 })).to.match(/webhookAuth must be text/);
    expect(definitionProblem({ ...plugin, webhookAuth: 'Authorization: Bearer <TOKEN>\nX-Other: 1' })).to.equal('exports a plugin whose webhookAuth must be one line');
    expect(definitionProblem({ ...plugin, webhookAuth: 'Authorization: Bearer <TOKEN>' })).to.equal(undefined);
  });
});
