import { expect } from 'chai';
import type { InboundActivity } from './activity.schema';
import { commandConversation, postedIn } from './teams-context';

const TENANT = '72f988bf-86f1-41af-91ab-2d7cd011db47';
const CHANNEL = '19:ops@thread.tacv2';
const activity = (conversationId: string, id = '1700000000005', conversationType = 'channel'): InboundActivity => ({
  type: 'message', id, serviceUrl: 'https://smba.trafficmanager.net/emea/', from: { id: '29:ana' }, recipient: { id: '28:app', name: 'Muster' },
  conversation: { id: conversationId, conversationType, tenantId: TENANT },
});

describe('Teams conversations as core sees them', () => {
  it('a top-level channel post is in the channel itself, with no parent', () => {
    const a = activity(`${CHANNEL};messageid=1700000000005`);
    expect(commandConversation(a, TENANT)).to.deep.equal({ platform: 'teams', workspaceId: TENANT, conversationId: CHANNEL });
  });

  it('a reply stays in its thread and names the channel the thread belongs to', () => {
    const thread = `${CHANNEL};messageid=1700000000001`;
    const expected = { platform: 'teams', workspaceId: TENANT, conversationId: thread, parentConversationId: CHANNEL };
    expect(commandConversation(activity(thread), TENANT)).to.deep.equal(expected);
    expect(postedIn(activity(thread), TENANT)).to.deep.equal(expected);
  });

  it('a channel itself, a group chat and a personal chat have no parent', () => {
    for (const [id, type] of [[CHANNEL, 'channel'], ['19:abc@thread.v2', 'groupChat'], ['a:1xYz', 'personal']] as const) {
      expect(postedIn(activity(id, '1', type), TENANT), id).not.to.have.property('parentConversationId');
    }
  });
});
