import { SlackWebClient, SlackDirectory, SlackModalsAndPeople } from '@muster/slack';
import { expect } from 'chai';
import { FakeSlackApi } from '../fakes/fake-slack-api';

/** Slack's half of linking people across platforms by email, against the fake Web API. */
describe('SlackDirectory by email (users.info, users.lookupByEmail)', function () {
  let slack: FakeSlackApi;
  let directory: SlackDirectory;

  beforeEach(async () => {
    slack = await FakeSlackApi.start();
    slack.addUser({ id: 'U0ALICE', name: 'alice', displayName: 'Alice', email: 'alice@acme.example' });
    slack.addUser({ id: 'U0ALICE2', name: 'alice.b', displayName: 'Alice', email: 'alice.b@acme.example' });
    directory = new SlackDirectory(new SlackModalsAndPeople(new SlackWebClient({ token: slack.botToken, slackApiUrl: slack.url })));
  });
  afterEach(async () => { await slack?.close(); });

  it('tells a person\'s profile email, asking Slack once however often it is asked', async () => {
    const alice = { platform: 'slack' as const, id: 'U0ALICE' };
    expect(await directory.emailOf(slack.teamId, alice)).to.equal('alice@acme.example');
    expect(await directory.emailOf(slack.teamId, alice)).to.equal('alice@acme.example');
    expect(slack.calls('users.info')).to.have.length(1);
    expect(await directory.resolve('slack', slack.teamId, '@Alice'), 'the look-up also taught the handle').to.deep.include({ id: 'U0ALICE' });
  });

  it('finds the one member with an email, case-insensitively, and nobody for an unknown one', async () => {
    expect(await directory.byEmail(slack.teamId, 'Alice@ACME.example')).to.deep.equal({ platform: 'slack', id: 'U0ALICE', name: 'Alice' });
    expect(await directory.byEmail(slack.teamId, 'alice.b@acme.example'), 'a namesake is told apart by email').to.deep.include({ id: 'U0ALICE2' });
    expect(await directory.byEmail(slack.teamId, 'nobody@acme.example')).to.equal(undefined);
  });

  it('never sends Slack something that is not one plain address, and never asks about other platforms\' people', async () => {
    for (const hostile of ['', 'alice', 'a@b', 'alice@acme.example,bob@acme.example', '<alice@acme.example>', `${'a'.repeat(300)}@acme.example`]) {
      expect(await directory.byEmail(slack.teamId, hostile), hostile).to.equal(undefined);
    }
    expect(await directory.emailOf(slack.teamId, { platform: 'teams', id: 'U0ALICE' })).to.equal(undefined);
    expect(slack.calls('users.lookupByEmail').length + slack.calls('users.info').length).to.equal(0);
  });

  it('lets a Slack failure through (the caller decides it means "no link"), and asks again next time', async () => {
    slack.failNext('users.lookupByEmail', 'internal_error');
    const failed = await directory.byEmail(slack.teamId, 'alice@acme.example').then(() => 'answered', (e: Error) => e.message);
    expect(failed).to.not.equal('answered').and.not.include(slack.botToken);
    expect(await directory.byEmail(slack.teamId, 'alice@acme.example')).to.deep.include({ id: 'U0ALICE' });
  });
});
