import { expect } from 'chai';
import type { ConversationReference, Store } from '@muster/store';
import type { TeamsConversationStore } from '@muster/teams';
import { expectMusterError, minutesAfter, newId, T0 } from './fixtures';

/** The server hands `store.conversations` to the Teams adapter: this line fails to compile if the shapes drift apart. */
export const asTeamsConversationStore = (store: Store): TeamsConversationStore => store.conversations;

const SERVICE_URL = 'https://smba.trafficmanager.net/emea/';

function teamsReference(overrides: Partial<ConversationReference<'teams'>> = {}): ConversationReference<'teams'> {
  return {
    platform: 'teams', workspaceId: newId('tenant'), conversationId: `19:${newId('c')}@thread.tacv2`, serviceUrl: SERVICE_URL,
    kind: 'channel', teamId: '19:team@thread.tacv2', channelId: '19:general@thread.tacv2', name: 'Incidents', lastSeenAt: T0, ...overrides,
  };
}

/** Conversation references: what the Teams bot needs to post proactively after a restart. */
export function conversationCases(store: () => Store): void {
  describe('conversation references', () => {
    it('saves and finds a reference exactly, leaving out what was never known', async () => {
      const full = teamsReference();
      const personal = teamsReference({ kind: 'personal', conversationId: `a:${newId('p')}`, teamId: undefined, channelId: undefined, name: undefined });
      await store().conversations.save(full);
      await store().conversations.save(personal);
      expect(await store().conversations.find('teams', full.workspaceId, full.conversationId)).to.deep.equal(full);
      const found = await store().conversations.find('teams', personal.workspaceId, personal.conversationId);
      expect(found).to.deep.equal({ platform: 'teams', workspaceId: personal.workspaceId, conversationId: personal.conversationId, serviceUrl: SERVICE_URL, kind: 'personal', lastSeenAt: T0 });
      expect(await store().conversations.find('teams', full.workspaceId, `${full.conversationId}x`)).to.equal(undefined);
    });

    it('takes a changed service URL from a newer activity, and ignores an older one arriving late', async () => {
      const first = teamsReference();
      const moved = { ...first, serviceUrl: 'https://smba.trafficmanager.net/amer/', name: 'Incidents (renamed)', lastSeenAt: minutesAfter(T0, 5) };
      await store().conversations.save(first);
      await store().conversations.save(moved);
      expect(await store().conversations.find('teams', first.workspaceId, first.conversationId)).to.deep.equal(moved);
      await store().conversations.save({ ...first, kind: 'thread', lastSeenAt: minutesAfter(T0, 1) });
      expect(await store().conversations.find('teams', first.workspaceId, first.conversationId), 'a redelivered old activity changes nothing').to.deep.equal(moved);
      const sameTime = { ...moved, serviceUrl: 'https://smba.trafficmanager.net/apac/' };
      await store().conversations.save(sameTime);
      expect((await store().conversations.find('teams', first.workspaceId, first.conversationId))!.serviceUrl, 'at the same time the last save wins').to.equal(sameTime.serviceUrl);
    });

    it('keeps the team, channel and name it knows when a later activity leaves them out', async () => {
      const first = teamsReference();
      await store().conversations.save(first);
      await store().conversations.save({ ...first, teamId: undefined, channelId: undefined, name: undefined, lastSeenAt: minutesAfter(T0, 2) });
      expect(await store().conversations.find('teams', first.workspaceId, first.conversationId)).to.deep.equal({ ...first, lastSeenAt: minutesAfter(T0, 2) });
    });

    it('stores a long, hostile conversation id exactly, and refuses one too long rather than cutting it', async () => {
      const hostile = `19:${'a'.repeat(400)}@thread.tacv2;messageid=1732300000000' OR '1'='1"; DROP TABLE conversation_references; -- %_\\ 🔥`;
      const ref = teamsReference({ conversationId: hostile, name: `<at>everyone</at> ${'n'.repeat(300)}` });
      await store().conversations.save(ref);
      const found = await store().conversations.find('teams', ref.workspaceId, hostile);
      expect(found!.conversationId).to.equal(hostile);
      expect(Array.from(found!.name!)).to.have.length(256);
      expect(await store().conversations.find('teams', ref.workspaceId, hostile.toUpperCase()), 'ids compare exactly').to.equal(undefined);
      expect(await store().conversations.find('teams', ref.workspaceId, `19:${'a'.repeat(400)}%`), 'no wildcard matching').to.equal(undefined);
      const tooLong = teamsReference({ conversationId: `19:${'b'.repeat(510)}` });
      await expectMusterError(store().conversations.save(tooLong), 'invalid_argument');
      expect(await store().conversations.find('teams', tooLong.workspaceId, tooLong.conversationId.slice(0, 512))).to.equal(undefined);
    });

    it('refuses what cannot be posted to: no ids, an unknown kind, a service URL that is not http(s)', async () => {
      for (const bad of [
        { conversationId: '' }, { workspaceId: '' }, { kind: 'meeting' as never }, { serviceUrl: 'javascript:alert(1)' }, { serviceUrl: 'not a url' },
        { serviceUrl: `https://x.example/${'p'.repeat(2048)}` }, { teamId: '' }, { lastSeenAt: new Date(Number.NaN) },
      ]) {
        const ref = teamsReference(bad);
        await expectMusterError(store().conversations.save(ref), 'invalid_argument');
        expect(await store().conversations.find('teams', ref.workspaceId, ref.conversationId), JSON.stringify(bad)).to.equal(undefined);
      }
    });

    it('keeps the same conversation id in two tenants (and on two platforms) as separate rows', async () => {
      const conversationId = `19:${newId('shared')}@thread.tacv2`;
      const contoso = teamsReference({ conversationId, name: 'Contoso' });
      const fabrikam = teamsReference({ conversationId, name: 'Fabrikam', serviceUrl: 'https://smba.trafficmanager.net/amer/', lastSeenAt: minutesAfter(T0, 9) });
      await store().conversations.save(contoso);
      await store().conversations.save(fabrikam);
      await store().conversations.save({ ...contoso, platform: 'slack', name: 'Slack twin', lastSeenAt: minutesAfter(T0, 10) });
      expect(await store().conversations.find('teams', contoso.workspaceId, conversationId)).to.deep.equal(contoso);
      expect(await store().conversations.find('teams', fabrikam.workspaceId, conversationId)).to.deep.equal(fabrikam);
      expect((await store().conversations.find('slack', contoso.workspaceId, conversationId))!.name).to.equal('Slack twin');
    });

    it('finds the most recently seen conversation of a team channel, in its own tenant only', async () => {
      const tenant = newId('tenant');
      const inChannel = { workspaceId: tenant, teamId: '19:ops@thread.tacv2', channelId: '19:incidents@thread.tacv2' };
      const channel = teamsReference({ ...inChannel, conversationId: '19:incidents@thread.tacv2', lastSeenAt: minutesAfter(T0, 1) });
      const thread = teamsReference({ ...inChannel, kind: 'thread', conversationId: '19:incidents@thread.tacv2;messageid=1', lastSeenAt: minutesAfter(T0, 3) });
      await store().conversations.save(channel);
      await store().conversations.save(thread);
      await store().conversations.save(teamsReference({ ...inChannel, channelId: '19:other@thread.tacv2', lastSeenAt: minutesAfter(T0, 8) }));
      await store().conversations.save(teamsReference({ ...inChannel, workspaceId: newId('tenant'), lastSeenAt: minutesAfter(T0, 9) }));
      expect(await store().conversations.findByTeamChannel('teams', tenant, inChannel.teamId, inChannel.channelId)).to.deep.equal(thread);
      expect(await store().conversations.findByTeamChannel('teams', tenant, inChannel.teamId, '19:none@thread.tacv2')).to.equal(undefined);
      expect(await store().conversations.findByTeamChannel('slack', tenant, inChannel.teamId, inChannel.channelId)).to.equal(undefined);
    });

    it('finds the most recently seen conversation of a tenant, for a service URL where nothing else is known', async () => {
      const tenant = newId('tenant');
      const older = teamsReference({ workspaceId: tenant, conversationId: '19:a@thread.tacv2', serviceUrl: 'https://smba.trafficmanager.net/amer/', lastSeenAt: minutesAfter(T0, 1) });
      const newer = teamsReference({ workspaceId: tenant, conversationId: '19:b@thread.tacv2', serviceUrl: 'https://smba.trafficmanager.net/emea/', lastSeenAt: minutesAfter(T0, 5) });
      await store().conversations.save(newer);
      await store().conversations.save(older);
      await store().conversations.save(teamsReference({ workspaceId: newId('tenant'), lastSeenAt: minutesAfter(T0, 9) }));
      await store().conversations.save({ ...newer, platform: 'slack', conversationId: 'C1', lastSeenAt: minutesAfter(T0, 9) });
      expect(await store().conversations.findLatestInWorkspace('teams', tenant)).to.deep.equal(newer);
      expect(await store().conversations.findLatestInWorkspace('teams', newId('tenant'))).to.equal(undefined);
    });
  });
}
