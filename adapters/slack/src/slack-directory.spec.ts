import { expect } from 'chai';
import { SlackApiClient } from './slack-api-client';
import { SlackDirectory } from './slack-directory';
import { SlackWebApi } from './slack-web-api';

/** Nothing listens there: any Web API call fails, so a resolved answer proves no call was needed. */
const offline = () => new SlackDirectory(new SlackWebApi(new SlackApiClient({ token: 'xoxb-offline', slackApiUrl: 'http://127.0.0.1:9/api/', timeoutMs: 200 })));

describe('SlackDirectory', () => {
  it('resolves an escaped mention with its name at once, without asking Slack', async () => {
    expect(await offline().resolve('slack', 'T1', '<@U0BOB|bob>')).to.deep.equal({ platform: 'slack', id: 'U0BOB', name: 'bob' });
  });

  it('resolves a mention without a name to the user id (the name is looked up later)', async () => {
    expect(await offline().resolve('slack', 'T1', '<@W0ANA>')).to.deep.equal({ platform: 'slack', id: 'W0ANA' });
  });

  it('resolves a plain @handle only for someone it has seen, per workspace', async () => {
    const directory = offline();
    expect(await directory.resolve('slack', 'T1', '@ana')).to.equal(undefined);
    directory.remember('T1', { platform: 'slack', id: 'U0ANA', name: 'ana' });
    expect(await directory.resolve('slack', 'T1', '@Ana')).to.deep.include({ id: 'U0ANA' });
    expect(await directory.resolve('slack', 'T2', '@ana')).to.equal(undefined);
  });

  it('refuses to guess when two people answer to the same handle', async () => {
    const directory = offline();
    directory.remember('T1', { platform: 'slack', id: 'U0ANA', name: 'ana' });
    directory.remember('T1', { platform: 'slack', id: 'U0ANA2', name: 'ana' });
    expect(await directory.resolve('slack', 'T1', '@ana')).to.equal(undefined);
  });

  it('learns names from mentions, so a later plain @handle works', async () => {
    const directory = offline();
    await directory.resolve('slack', 'T1', '<@U0CLEO|cleo>');
    expect(await directory.resolve('slack', 'T1', 'cleo')).to.deep.include({ id: 'U0CLEO' });
  });
});
