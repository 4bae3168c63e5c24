import { expect } from 'chai';
import { MusterError } from '@muster/core';
import type { PluginStorageRepository } from '@muster/store';
import { pluginStorage } from './plugin-storage';

describe('ctx.storage', () => {
  it('reads the host\'s `muster:` keys but never writes or deletes them (the ticket index lives there)', async () => {
    const rows = new Map<string, string>([['muster:ticket:T-1', '{"incidentId":"i","actionItemId":"a"}']]);
    const repository = {
      get: async (_p: string, _i: string, key: string) => rows.get(key),
      set: async (_p: string, _i: string, key: string, json: string) => { rows.set(key, json); },
      delete: async (_p: string, _i: string, key: string) => { rows.delete(key); },
    } as unknown as PluginStorageRepository;
    const storage = pluginStorage(repository, 'jira', 'config', { now: () => new Date() });
    expect(await storage.get('muster:ticket:T-1')).to.deep.equal({ incidentId: 'i', actionItemId: 'a' });
    for (const attempt of [() => storage.set('muster:ticket:T-1', { actionItemId: 'theirs' }), () => storage.delete('muster:ticket:T-1')]) {
      const error = await attempt().then(() => undefined, (e: unknown) => e);
      expect(error).to.be.instanceOf(MusterError).with.property('code', 'invalid_argument');
    }
    expect(rows.get('muster:ticket:T-1')).to.equal('{"incidentId":"i","actionItemId":"a"}');
    await storage.set('cursor', 5);
    expect(rows.get('cursor')).to.equal('5');
  });
});
