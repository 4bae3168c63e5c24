import { expect } from 'chai';
import type { TeamsConversationReference, TeamsConversationStore } from '../conversations';
import type { InboundActivity } from './activity.schema';
import { ConversationReferences, REFERENCE_TRUST_MS } from './conversation-references';

const TENANT = '72f988bf-86f1-41af-91ab-2d7cd011db47';
const CHAT = '19:ops-chat@thread.v2';
const EMEA = 'https://smba.trafficmanager.net/emea/';
const AMER = 'https://smba.trafficmanager.net/amer/';
const T0 = Date.parse('2026-03-01T10:00:00.000Z');
const at = (minutes: number) => new Date(T0 + minutes * 60_000);
const activity = (serviceUrl: string): InboundActivity => ({
  type: 'message', id: '1700000000005', serviceUrl, from: { id: '29:ana' }, recipient: { id: '28:app', name: 'Muster' },
  conversation: { id: CHAT, conversationType: 'groupChat', tenantId: TENANT },
});

/** The store's contract as the SQL one keeps it: the most recently seen reference wins. */
class LatestWinsStore implements Pick<TeamsConversationStore, 'save'> {
  readonly rows = new Map<string, TeamsConversationReference>();
  saves = 0;
  async save(reference: TeamsConversationReference): Promise<void> {
    this.saves += 1;
    const stored = this.rows.get(reference.conversationId);
    if (!stored || stored.lastSeenAt <= reference.lastSeenAt) this.rows.set(reference.conversationId, reference);
  }
}

describe('ConversationReferences: the stored reference across instances', () => {
  const twoInstances = () => {
    const store = new LatestWinsStore();
    const asStore = store as unknown as TeamsConversationStore; // only save is called
    return { store, a: new ConversationReferences(asStore), b: new ConversationReferences(asStore) };
  };

  it('writes an unchanged reference once while it trusts its last write', async () => {
    const { store, a } = twoInstances();
    await a.refresh(activity(EMEA), TENANT, at(0));
    await a.refresh(activity(EMEA), TENANT, at(1));
    await a.refresh(activity(EMEA), TENANT, at(5));
    expect(store.saves).to.equal(1);
  });

  it('writes again once its last write is old: another instance may have written a service URL since', async () => {
    const { store, a, b } = twoInstances();
    await a.refresh(activity(EMEA), TENANT, at(0));
    await b.refresh(activity(AMER), TENANT, at(1));
    // Teams moves the conversation back; A wrote EMEA itself, but the store now says AMER.
    await a.refresh(activity(EMEA), TENANT, at(2));
    expect(store.rows.get(CHAT)!.serviceUrl, 'inside the trust window A may skip (bounded staleness)').to.equal(AMER);
    await a.refresh(activity(EMEA), TENANT, new Date(T0 + REFERENCE_TRUST_MS + 1));
    expect(store.rows.get(CHAT)!.serviceUrl).to.equal(EMEA);
  });

  it('writes at once what changed, whoever wrote before', async () => {
    const { store, a, b } = twoInstances();
    await a.refresh(activity(EMEA), TENANT, at(0));
    await b.refresh(activity(AMER), TENANT, at(1));
    await b.refresh(activity(EMEA), TENANT, at(2));
    expect(store.rows.get(CHAT)!.serviceUrl).to.equal(EMEA);
    expect(store.saves).to.equal(3);
  });
});
