import { expect } from 'chai';
import type { FakeBotConnectorInfo } from '../processes/fake-bot-connector.main';
import { ActivityIds, BOT, type TeamsPlace } from './teams-activities';
import { planTeamsDeliveries, REDELIVER_FRACTION } from './teams-ack-plan';

const ROOM: TeamsPlace = {
  serviceUrl: 'http://127.0.0.1:1/', tenantId: 'tenant-1', teamId: 'team-1', channelId: '19:general@thread.tacv2', conversationId: '19:general@thread.tacv2;messageid=1700000000000',
};
const PEOPLE = {
  responder: { aadObjectId: 'aad-responder', name: 'Responder' },
  speakers: [{ aadObjectId: 'aad-a', name: 'A' }, { aadObjectId: 'aad-b', name: 'B' }],
} as unknown as FakeBotConnectorInfo;

describe('bench: the Teams ack plan', () => {
  it('sends each captured message once, plus redeliveries that repeat an original byte for byte', () => {
    const deliveries = planTeamsDeliveries('capture', ROOM, PEOPLE, 2_000, 7, new ActivityIds());
    const originals = deliveries.filter((d) => !d.redelivery);
    const again = deliveries.filter((d) => d.redelivery);
    expect(new Set(originals.map((d) => d.key)).size).to.equal(2_000);
    expect(again.length).to.be.within(2_000 * REDELIVER_FRACTION * 0.6, 2_000 * REDELIVER_FRACTION * 1.4);
    const byKey = new Map(originals.map((d) => [d.key, d.body]));
    for (const d of again) expect(d.body).to.equal(byKey.get(d.key));
    for (const d of again) expect(deliveries.findIndex((o) => o.key === d.key), 'the original goes first').to.be.below(deliveries.indexOf(d));
  });

  it('keys each delivery as Muster does (teams:<conversation>:<activity id>) and never mentions the bot in a capture', () => {
    for (const d of planTeamsDeliveries('capture', ROOM, PEOPLE, 50, 3, new ActivityIds())) {
      const activity = JSON.parse(d.body) as { id: string; text: string; conversation: { id: string }; entities: { type: string }[] };
      expect(d.key).to.equal(`teams:${ROOM.conversationId}:${activity.id}`);
      expect(activity.conversation.id).to.equal(ROOM.conversationId);
      expect(activity.text).not.to.include('<at>');
      expect(activity.entities.map((e) => e.type)).not.to.include('mention');
    }
  });

  it('makes every status a new @Muster mention from the responder, and no two plans share an activity id', () => {
    const ids = new ActivityIds();
    const first = planTeamsDeliveries('status', ROOM, PEOPLE, 100, 1, ids);
    const second = planTeamsDeliveries('status', ROOM, PEOPLE, 100, 1, ids);
    expect(new Set([...first, ...second].map((d) => d.key)).size).to.equal(200);
    const activity = JSON.parse(first[0]!.body) as { text: string; from: { aadObjectId: string }; entities: { type: string; mentioned?: { id: string } }[] };
    expect(activity.text).to.equal(`<at>${BOT.name}</at> status`);
    expect(activity.from.aadObjectId).to.equal('aad-responder');
    expect(activity.entities.find((e) => e.type === 'mention')?.mentioned?.id).to.equal(BOT.id);
    expect(first.every((d) => !d.redelivery)).to.equal(true);
  });
});
