import type { CreateRoom, PersonRef } from '@muster/core';
import { expect } from 'chai';
import { roomKindFor, threadChannelFor, type TeamsRoomSettings } from './room-kinds';

const ana: PersonRef = { platform: 'teams', id: 'ana' };
const bo: PersonRef = { platform: 'teams', id: 'bo' };
const request = (overrides: Partial<CreateRoom> = {}): CreateRoom => ({ workspaceId: 't', name: 'inc-1', private: false, topic: '', idempotencyKey: 'k', members: [ana, bo], ...overrides });
const full: TeamsRoomSettings = { incidentsTeamId: 'team', incidentsChannelId: '19:c@thread.tacv2', teamsAppId: 'app' };

describe('Which room a Teams incident gets', () => {
  it('public: a channel with Graph and a team, else a thread; configurable', () => {
    expect(roomKindFor(request(), full, true)).to.equal('channel');
    expect(roomKindFor(request(), full, false)).to.equal('thread');
    expect(roomKindFor(request(), { ...full, publicRooms: 'thread' }, true)).to.equal('thread');
  });

  it('public: says what to configure when the wanted kind cannot be made', () => {
    expect(() => roomKindFor(request(), { incidentsChannelId: undefined }, false)).to.throw(/TEAMS_INCIDENTS_CHANNEL_ID/);
    expect(() => roomKindFor(request(), { ...full, publicRooms: 'channel' }, false)).to.throw(/TEAMS_INCIDENTS_TEAM_ID/);
  });

  it('public thread: opens in the channel it was declared in; from a chat, elsewhere or nowhere, in the incidents channel', () => {
    const declaredIn = (conversationId: string): Partial<CreateRoom> => ({ requestedIn: { platform: 'teams', workspaceId: 't', conversationId } });
    expect(threadChannelFor(request(declaredIn('19:eng@thread.tacv2;messageid=1712')), full)).to.equal('19:eng@thread.tacv2');
    expect(threadChannelFor(request(declaredIn('19:old@thread.skype')), full)).to.equal('19:old@thread.skype');
    expect(threadChannelFor(request(declaredIn('19:chat@thread.v2')), full), 'a group chat is no channel').to.equal('19:c@thread.tacv2');
    expect(threadChannelFor(request(declaredIn('a:1personal')), full), 'nor a personal chat').to.equal('19:c@thread.tacv2');
    expect(threadChannelFor(request(), full)).to.equal('19:c@thread.tacv2');
    expect(roomKindFor(request(declaredIn('19:eng@thread.tacv2')), { incidentsChannelId: undefined }, false), 'no incidents channel needed then').to.equal('thread');
  });

  it('private: a group chat of two or more people on Teams, else a private channel owned by the one there is', () => {
    expect(roomKindFor(request({ private: true }), full, true)).to.equal('groupChat');
    expect(roomKindFor(request({ private: true, members: [ana, { platform: 'slack', id: 'U1' }] }), full, true)).to.equal('privateChannel');
    expect(roomKindFor(request({ private: true, members: [ana, ana] }), full, true), 'the same person twice is one person').to.equal('privateChannel');
    expect(roomKindFor(request({ private: true }), { ...full, privateRooms: 'privateChannel' }, true)).to.equal('privateChannel');
    expect(roomKindFor(request({ private: true }), { ...full, incidentsTeamId: undefined, privateRooms: 'privateChannel' }, true), 'a chat when there is no team').to.equal('groupChat');
  });

  it('private: never a thread in the shared channel, and no room at all without a way to keep it private', () => {
    expect(() => roomKindFor(request({ private: true }), full, false)).to.throw(/Microsoft Graph/);
    expect(() => roomKindFor(request({ private: true, members: [] }), full, true)).to.throw(/private room/);
    expect(() => roomKindFor(request({ private: true, members: [ana] }), { ...full, incidentsTeamId: undefined }, true)).to.throw(/private room/);
  });
});
