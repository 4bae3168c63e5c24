import { expect } from 'chai';
import { buildApp, person } from '../container/app-harness.spec-helper';
import { replyText, scene, visibilityOf, type RoomKind, type Scene, type Who } from './access-scene.spec-helper';
import { CommandDispatcher } from '../commands/command-dispatcher';
import type { CommandReply, FormReply } from '../commands/command-reply';
import type { RequestContext } from '../incidents/request-context';
import type { ConversationRef } from '../../domain/person';
import { CaptureConversation } from '../services/capture-conversation';
import { defaultSettings } from '../container/settings';
import { ACTIONS, FORMS } from '../views/action-ids';

/**
 * The permission matrix: every command, button and form × who asks (and from where) × private or
 * public × a channel room or a thread room, asserting the refusal and that nothing leaked or changed
 * (no post, no summarizer call, no timeline entry, no queued effect, no plugin command run), and for
 * those allowed that the answer stays where the incident may be seen. `probe` is a plugin's command
 * added at run time that acts on the incident. The plugins commands, button and form (a tenant's, not
 * an incident's) have their matrix in plugins-access-matrix.spec.ts.
 */
const ASKERS: readonly { readonly kind: RoomKind; readonly who: Who }[] = [
  ...(['commander', 'sme', 'member', 'thread_member', 'outsider', 'other_thread', 'other_tenant', 'linked_commander', 'namesake'] as const).map((who) => ({ kind: 'channel' as const, who })),
  { kind: 'thread', who: 'member' }, { kind: 'thread', who: 'parent_channel' },
];
/**
 * Who sees a private incident: its participants (under any identity linked to theirs), and whoever asks
 * from inside its room or a thread of it. A namesake is nobody of these.
 */
const SEES_PRIVATE: ReadonlySet<Who> = new Set(['commander', 'sme', 'member', 'thread_member', 'linked_commander']);
/** Who holds the commander role, and so may do what needs it. */
const COMMANDS: ReadonlySet<Who> = new Set(['commander', 'linked_commander']);

interface Case {
  readonly name: string;
  /** Needs a role (commander) beyond seeing the incident. */
  readonly needsRole: boolean;
  /** Lists incidents rather than naming one: the answer is the list of what the requester may see. */
  readonly listing?: boolean;
  /** Run by the commander in the room first, so the case meets the incident in the state it needs. */
  readonly setup?: readonly string[];
  readonly run: (s: Scene, ctx: RequestContext, who: Who) => Promise<CommandReply | FormReply>;
}

/** Outside the room a command names its incident; inside it needs no reference. */
const command = (text: string, needsRole = false, setup?: readonly string[]): Case => ({
  name: text, needsRole, setup, run: (s, ctx, who) => s.commands.handleText(ctx, s.inside(who) ? text : `${s.reference} ${text}`),
});
const button = (actionId: string, value: (s: Scene) => string, needsRole = false): Case => ({
  name: `button ${actionId}`, needsRole, run: (s, ctx) => s.router.handleAction(ctx, actionId, value(s)),
});
const form = (formId: string, values: Record<string, string>, metadata: (s: Scene) => string, needsRole = false): Case => ({
  name: `form ${formId}`, needsRole, run: (s, ctx) => s.router.handleForm(ctx, formId, values, metadata(s)),
});

const CASES: readonly Case[] = [
  command('status'), command('timeline'), command('postmortem'), command('summary'), command('update internal'),
  command('note secret detail'), command('action rotate the keys'), command('probe payroll'),
  command('sev SEV1', true), command('assign ops @frank', true), command('ack', true), command('resolve', true),
  button(ACTIONS.ack, (s) => s.incidentId, true), button(ACTIONS.mitigate, (s) => s.incidentId, true),
  button(ACTIONS.changeSeverity, (s) => s.incidentId, true), button(ACTIONS.assignRole, (s) => s.incidentId),
  button(ACTIONS.approveUpdate, (s) => s.draftRef, true), button(ACTIONS.rejectUpdate, (s) => s.draftId, true),
  button(ACTIONS.editUpdate, (s) => s.draftRef, true),
  form(FORMS.changeSeverity, { severity: 'SEV1' }, (s) => s.incidentId, true),
  form(FORMS.assignRole, { role: 'ops', person: 'frank' }, (s) => s.incidentId, true),
  form(FORMS.editUpdate, { body: 'All fine, nothing to see' }, (s) => s.draftRef, true),
  { name: 'list all', needsRole: false, listing: true, run: (s, ctx) => s.commands.handleText(ctx, 'list all') },
  { name: 'list --mine', needsRole: false, listing: true, run: (s, ctx) => s.commands.handleText(ctx, 'list --mine') },
  command('actions'), command('actions done 1'), command('actions assign 1 @frank'), command('actions reopen 2'),
  command('close', true, ['resolve']),
  command('postmortem start', true, ['resolve']), command('postmortem done', true, ['resolve', 'postmortem start']),
  button(ACTIONS.completeActionItem, (s) => s.itemId),
  button(ACTIONS.editPostmortemSection, (s) => `${s.incidentId}|impact`),
  form(FORMS.editPostmortemSection, { body: 'Salaries were late for a day' }, (s) => `${s.incidentId}|impact|0`),
];

const REFUSED = /that you can see|cannot see it|no longer exists, or you cannot|not an incident room/;

describe('access matrix: every command, button and form × who asks × private or public', () => {
  for (const isPrivate of [true, false]) {
    for (const { kind, who } of ASKERS) {
      for (const c of CASES) {
        const sees = SEES_PRIVATE.has(who) || (who !== 'other_tenant' && !isPrivate);
        const allowed = sees && (!c.needsRole || COMMANDS.has(who));
        it(`${isPrivate ? 'private' : 'public'} · ${kind} room · ${who} · ${c.name} → ${allowed ? 'allowed' : sees ? 'refused (role)' : 'refused, unseen'}`, async () => {
          const s = await scene(isPrivate, kind);
          for (const line of c.setup ?? []) expect(replyText(await s.commands.handleText(s.app.ctx('alice', s.room), line))).not.to.match(/⚠|Only the/);
          await s.app.flush();
          const before = await s.footprint();
          const asked = s.where[who].conversationId;
          const postsIn = (conversationId: string) => s.app.gateway.posts.filter((p) => p.conversation.conversationId === conversationId).length;
          const [lobbyBefore, askedBefore] = [postsIn('lobby'), postsIn(asked)];
          const reply = await c.run(s, s.ctxOf(who), who);
          await s.app.flush();
          const after = await s.footprint();
          const text = replyText(reply);
          if (c.listing) {
            expect(after, 'listing changes nothing').to.deep.equal(before);
            expect(visibilityOf(reply)).to.equal('ephemeral');
            const listed = c.name !== 'list --mine' || COMMANDS.has(who) || who === 'sme';
            if (sees && listed) expect(text).to.include('INC-1').and.include('Payroll');
            else expect(text, 'not shown, not counted').not.to.match(/Payroll|INC-1|more/);
            return;
          }
          if (!sees) {
            expect(text, 'answered as if the incident did not exist').to.match(REFUSED);
            expect(text).not.to.include('Payroll');
          }
          if (!allowed) {
            expect(text).to.match(sees ? /Only the|author of this draft/ : REFUSED);
            expect(after, 'nothing changed, nothing posted, nothing sent to the summarizer').to.deep.equal(before);
            if ('form' in reply) expect(reply.form, 'no form opened').to.equal(undefined);
            return;
          }
          expect(text).not.to.match(REFUSED);
          expect(text).not.to.match(/^⚠?\s*Only the/);
          expect(postsIn('lobby'), 'nothing about the incident is posted into the lobby').to.equal(lobbyBefore);
          if (s.inside(who)) return;
          expect(postsIn(asked), `nothing about the incident is posted into ${asked}, outside its room`).to.equal(askedBefore);
          expect(visibilityOf(reply), 'asked outside the room: only the requester sees the answer').to.equal('ephemeral');
          if ('document' in reply) expect(reply.document, 'no document outside the room').to.equal(undefined);
        });
      }
    }
  }
});

describe('access: tenants and private declarations', () => {
  it('numbers incidents per tenant, and INC-1 of one tenant is not found from another', async () => {
    const s = await scene(false);
    const other = s.ctxOf('other_tenant');
    await s.commands.handleText(other, 'declare "Globex outage"');
    const globex = (await s.app.store.repositories.incidents.findByNumber('globex', 1))!;
    expect(globex.title).to.equal('Globex outage');
    expect(replyText(await s.commands.handleText(other, 'INC-1 status'))).to.include('Globex outage').and.not.include('Payroll');
    expect(replyText(await s.commands.handleText(s.ctxOf('outsider'), 'INC-1 status'))).to.include('Payroll').and.not.include('Globex');
  });

  it('tells only the declarer about a private declaration, and announces nothing', async () => {
    const settings = defaultSettings({ announcementChannels: [{ platform: 'console', workspaceId: 'local', conversationId: 'announce' }] });
    const app = buildApp(settings);
    const reply = await app.container.get(CommandDispatcher).handleText(app.ctx('alice'), 'declare "Secret breach" --private');
    expect(reply.visibility).to.equal('ephemeral');
    await app.flush();
    const outside = app.gateway.posts.filter((p) => p.conversation.conversationId === 'lobby' || p.conversation.conversationId === 'announce');
    expect(outside.map((p) => p.view.fallback).join('\n')).not.to.include('Secret breach');
  });

  it('refuses an approval of a draft that changed after the approver saw it, and names the change', async () => {
    const s = await scene(false);
    const room = s.app.ctx('alice', s.room);
    const edited = await s.router.handleForm(room, FORMS.editUpdate, { body: 'Payments degraded for EU cards' }, s.draftRef);
    expect(replyText(edited)).to.include('Payments degraded');
    const stale = await s.router.handleAction(room, ACTIONS.approveUpdate, s.draftRef);
    expect(replyText(stale)).to.match(/changed by alice after you saw it/);
    expect((await s.app.store.repositories.statusUpdates.findById(s.draftId))!.state).to.equal('pending_approval');
  });

  it('invites a person given a role after the room opened', async () => {
    const s = await scene(false);
    const invites = s.app.gateway.calls.filter((c) => c.method === 'invite').length;
    await s.commands.handleText(s.app.ctx('alice', s.room), 'assign comms @carol');
    await s.app.flush();
    const invite = s.app.gateway.calls.filter((c) => c.method === 'invite').slice(invites);
    expect(invite.map((c) => c.args[1])).to.deep.equal([[person('carol')]]);
  });
});

describe('access: reply threads of rooms, and rooms that are threads', () => {
  const NOT_HERE = /not an incident room/;
  const capture = (s: Scene) => s.app.container.get(CaptureConversation);
  const said = (s: Scene, room: ConversationRef, messageId: string, text: string) =>
    capture(s).message({ room, messageId, author: person('eve'), text, sentAt: s.app.clock.now(), idempotencyKey: `console:${messageId}` });
  const messages = async (s: Scene) => (await s.app.store.repositories.timeline.list(s.incidentId)).filter((e) => e.kind === 'message');

  it('a command typed in a reply thread of a channel room needs no reference, and its answer stays in that thread', async () => {
    const s = await scene(false);
    const thread = s.ctxOf('thread_member');
    const reply = await s.commands.handleText({ ...thread, actor: person('alice') }, 'resolve');
    expect(replyText(reply)).to.match(/INC-1 is now resolved/);
    expect(visibilityOf(reply)).to.equal('in_channel');
    expect((await s.app.store.repositories.incidents.findById(s.incidentId))!.status).to.equal('resolved');
  });

  it('the same command from a reply thread of another channel finds no incident, and changes nothing', async () => {
    const s = await scene(false);
    const before = await s.footprint();
    const reply = await s.commands.handleText({ ...s.ctxOf('other_thread'), actor: person('alice') }, 'resolve');
    expect(replyText(reply)).to.match(NOT_HERE);
    expect(replyText(reply)).not.to.include('Payroll');
    expect(await s.footprint()).to.deep.equal(before);
  });

  it('someone in a reply thread of a private incident\'s channel room is inside it', async () => {
    const s = await scene(true);
    const reply = await s.commands.handleText(s.ctxOf('thread_member'), 'status');
    expect(replyText(reply)).to.include('Payroll');
    expect(await said(s, s.ctxOf('thread_member').conversation!, '1700.5', 'the keys are rotated')).to.equal('stored');
    const [entry] = await messages(s);
    expect(entry?.external, 'kept as a reply in the room, so an edit finds it').to.deep.include({ conversationId: s.room.conversationId, messageId: '1700.5' });
    expect(await capture(s).edited(s.ctxOf('thread_member').conversation!, '1700.5', 'the keys are rotated twice', s.app.clock.now())).to.equal('stored');
    expect((await messages(s))[0]?.text).to.equal('the keys are rotated twice');
  });

  for (const isPrivate of [true, false]) {
    it(`a thread room does not make its channel a room (${isPrivate ? 'private' : 'public'}): the wrong person there sees and records nothing`, async () => {
      const s = await scene(isPrivate, 'thread');
      const before = await s.footprint();
      const here = await s.commands.handleText(s.ctxOf('parent_channel'), 'status');
      expect(replyText(here)).to.match(NOT_HERE);
      expect(replyText(here)).not.to.include('Payroll');
      const named = replyText(await s.commands.handleText(s.ctxOf('parent_channel'), `${s.reference} status`));
      if (isPrivate) expect(named).to.match(/no incident INC-1 that you can see/).and.not.include('Payroll');
      expect(await said(s, s.where.parent_channel, '1700.6', 'lunch?')).to.equal('not_an_incident_room');
      expect(await capture(s).deleted(s.where.parent_channel, '1700.6', s.app.clock.now())).to.equal('not_an_incident_room');
      expect(await s.footprint(), 'nothing stored, nothing posted').to.deep.equal(before);
      expect(await said(s, s.room, '1700.7', 'in the thread room')).to.equal('stored');
      expect((await messages(s)).map((e) => e.text)).to.deep.equal(['in the thread room']);
    });
  }

  it('a thread room inside another incident\'s channel belongs to its own incident, not the channel\'s', async () => {
    const s = await scene(false);
    s.app.gateway.threadRoomsIn = s.room.conversationId;
    await s.commands.handleText(s.app.ctx('carol'), 'declare "Card declines"');
    await s.app.flush();
    const second = (await s.app.store.repositories.incidents.findByNumber('acme', 2))!;
    const threadRoom = { ...second.roomOn('console', 'local')!, parentConversationId: s.room.conversationId };
    expect(threadRoom.conversationId.startsWith(`${s.room.conversationId}/`), 'opened as a thread of INC-1\'s room').to.equal(true);
    expect(replyText(await s.commands.handleText(s.app.ctx('carol', threadRoom), 'status'))).to.include('Card declines').and.not.include('Payroll');
    expect(replyText(await s.commands.handleText(s.app.ctx('carol', s.room), 'status'))).to.include('Payroll').and.not.include('Card declines');
  });
});
