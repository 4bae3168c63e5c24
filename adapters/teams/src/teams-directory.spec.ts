import { mentionOf } from '@muster/core';
import { expect } from 'chai';
import { TeamsDirectory } from './teams-directory';

describe('TeamsDirectory without Graph', () => {
  const directory = new TeamsDirectory();

  it('resolves a neutral Teams mention token at once', async () => {
    const bob = { platform: 'teams' as const, id: '5f1c0000-0000-4000-8000-000000000b0b', name: 'Bob Jones' };
    expect(await directory.resolve('teams', 'tenant', mentionOf(bob))).to.deep.equal(bob);
  });

  it('does not take a Slack mention, an email or a name for a Teams person without Graph', async () => {
    expect(await directory.resolve('teams', 'tenant', '<@slack:U123|ana>')).to.equal(undefined);
    expect(await directory.resolve('teams', 'tenant', 'ana@contoso.example')).to.equal(undefined);
    expect(await directory.resolve('teams', 'tenant', '@ana')).to.equal(undefined);
    expect(await directory.emailOf('tenant', { platform: 'teams', id: 'x' })).to.equal(undefined);
  });
});
