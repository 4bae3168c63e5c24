import { BotConnectorClient, TrustedServiceHosts } from '@muster/teams';
import { expect } from 'chai';
import { FakeBotConnector } from '../fakes/teams/fake-bot-connector';

describe('BotConnectorClient: members, deletes and anonymous use against the fake Bot Connector', () => {
  let connector: FakeBotConnector;
  let client: BotConnectorClient;
  const ana = { id: 'a0000000-0000-4000-8000-0000000000a1', displayName: 'Ana', mail: 'ana@contoso.example' };

  beforeEach(async () => {
    connector = await FakeBotConnector.start();
    connector.tenant.addUser(ana);
    client = new BotConnectorClient({ tokens: { token: async () => connector.botToken }, trustedHosts: new TrustedServiceHosts([connector.host]) });
  });

  afterEach(() => connector.close());

  it('reads a conversation\'s members and one member, with the email Teams gives for linking', async () => {
    const channel = connector.tenant.channelNamed('General')!.id;
    const members = await client.getMembers(connector.serviceUrl, channel);
    expect(members.map((m) => m.aadObjectId)).to.deep.equal([ana.id]);
    const one = await client.getMember(connector.serviceUrl, channel, `29:${ana.id}`);
    expect(one).to.deep.include({ aadObjectId: ana.id, email: 'ana@contoso.example', name: 'Ana' });
    let missing: unknown;
    try {
      await client.getMember(connector.serviceUrl, channel, '29:nobody');
    } catch (error) {
      missing = error;
    }
    expect((missing as { code?: string }).code).to.equal('not_found');
  });

  it('deletes its own message, and the conversation no longer shows it', async () => {
    const channel = connector.tenant.channelNamed('General')!.id;
    const sent = await client.sendToConversation(connector.serviceUrl, channel, { type: 'message', text: 'oops' });
    await client.deleteActivity(connector.serviceUrl, channel, sent.id);
    expect(connector.messagesIn(channel)).to.have.length(0);
  });

  it('sends no Authorization header when the token source is anonymous, and the connector refuses it', async () => {
    const anonymous = new BotConnectorClient({ tokens: { token: async () => undefined }, trustedHosts: new TrustedServiceHosts([connector.host]) });
    const channel = connector.tenant.channelNamed('General')!.id;
    let refused: unknown;
    try {
      await anonymous.sendToConversation(connector.serviceUrl, channel, { type: 'message', text: 'hi' });
    } catch (error) {
      refused = error;
    }
    expect(connector.calls('send message')[0]?.authorization).to.equal(undefined);
    expect((refused as { code?: string }).code).to.equal('unavailable');
    expect(connector.messagesIn(channel)).to.have.length(0);
  });

  it('refuses a huge message with a clear error and posts nothing', async () => {
    const channel = connector.tenant.channelNamed('General')!.id;
    let refused: unknown;
    try {
      await client.sendToConversation(connector.serviceUrl, channel, { type: 'message', text: 'x'.repeat(200_000) });
    } catch (error) {
      refused = error;
    }
    expect((refused as { code?: string; message: string }).message).to.include('MessageSizeTooBig');
    expect(connector.messagesIn(channel)).to.have.length(0);
  });
});
