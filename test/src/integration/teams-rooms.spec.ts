import { type CreateRoom, type PersonRef, type View } from '@muster/core';
import { expect } from 'chai';
import { shownText, startTeamsRig, TEAMS_APP_CATALOG_ID, type TeamsRig } from '../kits/teams-outbound-kit';
import { failureOf } from '../kits/failures';

const ana: PersonRef = { platform: 'teams', id: 'a0000000-0000-4000-8000-0000000000a1', name: 'Ana' };
const bo: PersonRef = { platform: 'teams', id: 'b0000000-0000-4000-8000-0000000000b2', name: 'Bo' };
const card = (title: string): View => ({ fallback: title, blocks: [{ type: 'header', text: title }] });

describe('Teams incident rooms: threads, channels, group chats and private channels', () => {
  let rig: TeamsRig;
  const request = (overrides: Partial<CreateRoom> = {}): CreateRoom => ({
    workspaceId: rig.tenant.tenantId, name: 'inc-42-db-down', private: false, topic: 'INC-42 · SEV1 · DB down', idempotencyKey: 'room:42', members: [ana, bo], ...overrides,
  });
  const start = async (options: Parameters<typeof startTeamsRig>[0]) => {
    rig = await startTeamsRig(options);
    rig.tenant.addUser({ id: ana.id, displayName: 'Ana', mail: 'ana@contoso.example' });
    rig.tenant.addUser({ id: bo.id, displayName: 'Bo', mail: 'bo@contoso.example' });
  };

  afterEach(() => rig.close());

  describe('threads in the incidents channel (the default without Graph)', () => {
    beforeEach(() => start({}));

    it('opens a thread whose root names the room, saves it, and later posts land in the thread', async () => {
      const room = await rig.gateway.createRoom(request());
      expect(room.conversationId).to.match(new RegExp(`^${rig.incidentsChannelId.replace(/[.]/g, '\\.')};messageid=\\d+$`));
      expect(room.url).to.match(/^https:\/\/teams\.microsoft\.com\/l\/message\//);
      const [root] = rig.connector.messagesIn(room.conversationId);
      expect(shownText(root!.activity)).to.equal('inc-42-db-down\nINC-42 · SEV1 · DB down');
      const saved = await rig.conversations.find('teams', room.workspaceId, room.conversationId);
      expect(saved).to.deep.include({ kind: 'thread', serviceUrl: rig.connector.serviceUrl, channelId: rig.incidentsChannelId });
      await rig.gateway.post(room, card('the incident card'), { idempotencyKey: 'card' });
      expect(rig.connector.messagesIn(room.conversationId).map((m) => shownText(m.activity))).to.deep.equal(['inc-42-db-down\nINC-42 · SEV1 · DB down', 'the incident card']);
      expect(rig.connector.messagesIn(rig.incidentsChannelId), 'one root post in the channel').to.have.length(1);
    });

    it('returns the same thread for a retried request with the same key', async () => {
      const [a, b] = await Promise.all([rig.gateway.createRoom(request()), rig.gateway.createRoom(request())]);
      const again = await rig.gateway.createRoom(request());
      expect(new Set([a.conversationId, b.conversationId, again.conversationId]).size).to.equal(1);
      expect(rig.connector.calls('create conversation')).to.have.length(1);
    });

    it('refuses a private incident: a thread would show it to the whole channel', async () => {
      const error = await failureOf(rig.gateway.createRoom(request({ private: true })));
      expect(error.code).to.equal('configuration');
      expect(error.message).to.match(/Microsoft Graph/);
      expect(rig.connector.calls(), 'nothing was sent anywhere').to.have.length(0);
    });

    it('without Graph, an uncertain retry cannot look for the earlier thread, and the log says so', async () => {
      await rig.gateway.createRoom(request({ uncertainSince: new Date() }));
      expect(rig.logs.some((l) => l.level === 'warn' && /cannot look for the thread/.test(l.msg))).to.equal(true);
    });
  });

  describe('with Graph', () => {
    beforeEach(() => start({ graph: true }));

    it('an uncertain retry adopts the thread an interrupted attempt opened', async () => {
      const threadRequest = request({ idempotencyKey: 'room:thread' });
      const threads = await startTeamsRig({ graph: true, tenant: rig.tenant, rooms: { publicRooms: 'thread' } });
      try {
        threads.connector.dropConnectionNext('create conversation');
        await failureOf(threads.gateway.createRoom(threadRequest));
        const adopted = await threads.gateway.createRoom({ ...threadRequest, uncertainSince: new Date(Date.now() - 1000) });
        const roots = threads.connector.messagesIn(threads.incidentsChannelId);
        expect(roots).to.have.length(1);
        expect(adopted.conversationId).to.equal(`${threads.incidentsChannelId};messageid=${roots[0]!.id}`);
        expect(threads.connector.calls('create conversation')).to.have.length(1);
      } finally {
        await threads.close();
      }
    });

    it('makes a channel per incident, described by its topic, moving on to the next free name on a clash', async () => {
      rig.tenant.addChannel('inc-42-db-down', { description: 'someone else' });
      const room = await rig.gateway.createRoom(request());
      expect(room.name).to.equal('inc-42-db-down-2');
      const channel = rig.tenant.channels.get(room.conversationId)!;
      expect(channel).to.deep.include({ displayName: 'inc-42-db-down-2', description: 'INC-42 · SEV1 · DB down', membershipType: 'standard' });
      expect(room.url).to.match(/^https:\/\/teams\.microsoft\.com\/l\/channel\//);
      expect(await rig.conversations.find('teams', room.workspaceId, room.conversationId)).to.deep.include({ kind: 'channel', teamId: rig.tenant.teamId });
      await rig.gateway.post(room, card('card'), { idempotencyKey: 'card' });
      expect(rig.connector.messagesIn(room.conversationId)).to.have.length(1);
    });

    it('adopts a clashing channel that is ours (another worker made it a moment ago) instead of making a second', async () => {
      const ours = rig.tenant.addChannel('inc-42-db-down', { description: 'INC-42 · SEV1 · DB down' });
      const room = await rig.gateway.createRoom(request());
      expect(room.conversationId).to.equal(ours.id);
      expect(rig.tenant.channelNamed('inc-42-db-down-2')).to.equal(undefined);
    });

    it('an uncertain retry adopts the channel a timed-out attempt made', async () => {
      const impatient = await startTeamsRig({ graph: true, tenant: rig.tenant, timeoutMs: 200 });
      try {
        impatient.graph!.hangNext('create channel');
        await failureOf(impatient.gateway.createRoom(request()));
        const channelsBefore = rig.tenant.channels.size;
        const adopted = await impatient.gateway.createRoom({ ...request(), uncertainSince: new Date() });
        expect(adopted.name).to.equal('inc-42-db-down');
        expect(rig.tenant.channels.size).to.equal(channelsBefore);
      } finally {
        await impatient.close();
      }
    });

    it('makes hostile and huge names valid for Teams', async () => {
      const hostile = `INC-7 <at>everyone</at> ~#%&*{}+/\\:<>?|'".,\u202e\u0000 ${'x'.repeat(300)}`;
      const room = await rig.gateway.createRoom(request({ name: hostile, topic: 'x'.repeat(5000) }));
      const channel = rig.tenant.channels.get(room.conversationId)!;
      expect([...channel.displayName].length).to.be.at.most(50);
      expect(channel.displayName).not.to.match(/[~#%&*{}+/\\:<>?|'".,\u202e\u0000]/);
      expect(channel.displayName.startsWith('INC-7 -at-everyone-at-')).to.equal(true);
      expect(channel.description.length).to.equal(1024);
    });

    it('falls back to a thread when the team has reached its channel limit, and says so', async () => {
      rig.tenant.channelLimit = rig.tenant.channels.size;
      const room = await rig.gateway.createRoom(request());
      expect(room.conversationId).to.include(';messageid=');
      expect(rig.logs.some((l) => l.level === 'warn' && /no room for another channel/.test(l.msg))).to.equal(true);
      expect(rig.tenant.channelNamed('inc-42-db-down')).to.equal(undefined);
    });

    it('says what to do when the team is full and there is no incidents channel to fall back to', async () => {
      const noThreads = await startTeamsRig({ graph: true, tenant: rig.tenant, rooms: { incidentsChannelId: undefined } });
      try {
        rig.tenant.channelLimit = rig.tenant.channels.size;
        const error = await failureOf(noThreads.gateway.createRoom(request()));
        expect(error.code).to.equal('conflict');
        expect(error.message).to.match(/1,000/);
      } finally {
        await noThreads.close();
      }
    });

    it('opens a private incident as a group chat of its responders with Muster added, adopted on an uncertain retry', async () => {
      const privateRequest = request({ private: true, name: 'inc-43-leak' });
      rig.graph!.dropConnectionNext('create chat');
      await failureOf(rig.gateway.createRoom(privateRequest));
      const room = await rig.gateway.createRoom({ ...privateRequest, uncertainSince: new Date() });
      expect(rig.tenant.chats.size, 'one chat despite the retry').to.equal(1);
      const chat = rig.tenant.chats.get(room.conversationId)!;
      expect(chat.topic).to.equal('inc-43-leak');
      expect([...chat.members].sort()).to.deep.equal([ana.id, bo.id].sort());
      expect([...chat.installedApps]).to.deep.equal([TEAMS_APP_CATALOG_ID]);
      await rig.gateway.post(room, card('private card'), { idempotencyKey: 'card' });
      expect(rig.connector.messagesIn(room.conversationId)).to.have.length(1);
      expect(rig.connector.messagesIn(rig.incidentsChannelId), 'nothing about it in the shared channel').to.have.length(0);
    });

    it('opens a private channel owned by the declarer when only one responder is on Teams, and invites into it', async () => {
      const room = await rig.gateway.createRoom(request({ private: true, name: 'inc-44-secret', members: [ana, { platform: 'slack', id: 'U0BO' }] }));
      const channel = rig.tenant.channels.get(room.conversationId)!;
      expect(channel.membershipType).to.equal('private');
      expect([...channel.members]).to.deep.equal([ana.id]);
      await rig.gateway.invite(room, [bo]);
      expect([...channel.members].sort()).to.deep.equal([ana.id, bo.id].sort());
    });
  });
});
