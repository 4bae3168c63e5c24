import { expect } from 'chai';
import { MusterError } from '../../errors';
import type { RequestContext } from '../incidents/request-context';
import { PeopleResolver } from './people-resolver';
import type { DirectoryPort } from '../ports/chat-gateway.port';

const ctx = (platform: 'slack' | 'teams'): RequestContext => ({ actor: { platform, id: 'A1' }, platform, workspaceId: 'W1', idempotencyKey: 'k' });

function resolverWith(): { resolver: PeopleResolver; asked: string[] } {
  const asked: string[] = [];
  const directory: DirectoryPort = { resolve: async (platform, _ws, handle) => { asked.push(handle); return handle === '@ana' ? { platform, id: 'U0ANA', name: 'ana' } : undefined; } };
  return { resolver: new PeopleResolver(directory), asked };
}

describe('PeopleResolver', () => {
  it('takes a neutral token as its person, with no directory call', async () => {
    const { resolver, asked } = resolverWith();
    expect(await resolver.resolve(ctx('teams'), '<@teams:5f1c-77|Bob Jones>', 'as Scribe')).to.deep.equal({ platform: 'teams', id: '5f1c-77', name: 'Bob Jones' });
    expect(asked).to.deep.equal([]);
  });

  it('sends a typed @handle to the directory', async () => {
    const { resolver, asked } = resolverWith();
    expect(await resolver.resolve(ctx('slack'), '@ana', 'as Scribe')).to.deep.equal({ platform: 'slack', id: 'U0ANA', name: 'ana' });
    expect(asked).to.deep.equal(['@ana']);
  });

  it('refuses a token of another platform, naming the person rather than the markup', async () => {
    const { resolver, asked } = resolverWith();
    const error = await resolver.resolve(ctx('slack'), '<@teams:5f1c-77|Bob Jones>', 'as Scribe').catch((e: unknown) => e);
    expect(error).to.be.instanceOf(MusterError);
    expect((error as MusterError).code).to.equal('not_found');
    expect((error as MusterError).message).to.include('@Bob Jones').and.not.include('<@');
    expect(asked).to.deep.equal([]);
  });
});
