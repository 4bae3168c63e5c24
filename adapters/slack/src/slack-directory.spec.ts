import { expect } from 'chai';
import { SlackWebClient } from './slack-web-client';
import { SlackDirectory } from './slack-directory';
import { SlackModalsAndPeople } from './modals-and-people';

/** Slack's users.info as a stand-in for the Web API: answers after `answer` resolves, counting the calls. */
function askingSlack(names: Record<string, string>, answer: () => Promise<void> = async () => undefined) {
  const asked: string[] = [];
  const web = {
    async usersInfo(_workspaceId: string, userId: string) {
      asked.push(userId);
      await answer();
      return { platform: 'slack' as const, id: userId, ...(names[userId] ? { name: names[userId] } : {}) };
    },
  } as unknown as SlackModalsAndPeople;
  return { directory: new SlackDirectory(web), asked };
}

/** Nothing listens there: any Web API call fails, so a resolved answer proves no call was needed. */
const offline = () => new SlackDirectory(new SlackModalsAndPeople(new SlackWebClient({ token: 'xoxb-offline', slackApiUrl: 'http://127.0.0.1:9/api/', timeoutMs: 200 })));

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

  describe('naming the people of a captured message', () => {
    it('asks Slack once who an unseen author is, and knows them from then on', async () => {
      const { directory, asked } = askingSlack({ U0BOB: 'bob' });
      expect(await directory.named('T1', 'U0BOB')).to.deep.equal({ platform: 'slack', id: 'U0BOB', name: 'bob' });
      expect(await directory.named('T1', 'U0BOB')).to.deep.include({ name: 'bob' });
      expect(asked).to.deep.equal(['U0BOB']);
    });

    it('stores the id alone when Slack is slower than the wait, and names the person next time', async () => {
      let release!: () => void;
      const slow = new Promise<void>((resolve) => { release = resolve; });
      const { directory } = askingSlack({ U0BOB: 'bob' }, () => slow);
      expect(await directory.named('T1', 'U0BOB', 20)).to.deep.equal({ platform: 'slack', id: 'U0BOB' });
      release();
      await slow;
      expect(await directory.named('T1', 'U0BOB', 20)).to.deep.equal({ platform: 'slack', id: 'U0BOB', name: 'bob' });
    });

    it('stores the id alone when Slack cannot be asked', async () => {
      expect(await offline().named('T1', 'U0BOB', 2_000)).to.deep.equal({ platform: 'slack', id: 'U0BOB' });
    });

    it('names mentions Slack sent without a name, once per person, and keeps a name Slack sent along', async () => {
      const { directory, asked } = askingSlack({ U0CLEO: 'cleo', U0ANA: 'ana from users.info' });
      const text = await directory.namedMentions('T1', '<@U0CLEO> and <@U0CLEO>, ask <@U0ANA|ana> &lt;@U0FAKE&gt;');
      expect(text).to.equal('<@slack:U0CLEO|cleo> and <@slack:U0CLEO|cleo>, ask <@slack:U0ANA|ana> &lt;@U0FAKE&gt;');
      expect(asked).to.deep.equal(['U0CLEO']);
    });
  });

  describe('workspace admins', () => {
    it('asks Slack about Slack people each time, and cannot say anything about someone on another platform', async () => {
      const asked: string[] = [];
      const web = { async isAdmin(workspaceId: string, userId: string) { asked.push(`${workspaceId}/${userId}`); return userId === 'U0BOSS'; } } as unknown as SlackModalsAndPeople;
      const directory = new SlackDirectory(web);
      expect(await directory.isWorkspaceAdmin('T1', { platform: 'slack', id: 'U0BOSS' })).to.equal(true);
      expect(await directory.isWorkspaceAdmin('T1', { platform: 'slack', id: 'U0BOSS' })).to.equal(true);
      expect(await directory.isWorkspaceAdmin('T1', { platform: 'slack', id: 'U0ANA' })).to.equal(false);
      expect(await directory.isWorkspaceAdmin('T1', { platform: 'teams', id: 'U0BOSS' })).to.equal(undefined);
      expect(asked, 'never cached: a demotion counts at once').to.deep.equal(['T1/U0BOSS', 'T1/U0BOSS', 'T1/U0ANA']);
    });

    it('fails (rather than saying no) when Slack cannot be asked, so the caller can say "try again"', async () => {
      let failed: unknown;
      await offline().isWorkspaceAdmin('T1', { platform: 'slack', id: 'U0ANA' }).catch((error: unknown) => { failed = error; });
      expect(failed).to.be.instanceOf(Error);
    });
  });
});
