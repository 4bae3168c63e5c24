import { expect } from 'chai';
import { TenantMap } from '../../domain/tenancy';
import { buildApp, person } from '../app-harness.spec-helper';
import { CommandDispatcher } from '../commands/command-dispatcher';
import type { CommandReply, FormReply } from '../commands/command-reply';
import { InteractionRouter } from '../commands/interaction-router';
import type { RequestContext } from '../context';
import { defaultSettings } from '../settings';
import { ACTIONS, FORMS } from '../views/action-ids';
import { draftVersionRef } from '../views/status-update.view';
import { textOf, type View } from '../views/view';

/**
 * The permission matrix: every command, button and form × who asks × private or public, asserting
 * the refusal and that nothing leaked or changed (no post, no summarizer call, no timeline entry, no
 * queued effect), and for those allowed that the answer stays where the incident may be seen.
 */
type Who = 'commander' | 'sme' | 'member' | 'outsider' | 'other_tenant';
const WHO: readonly Who[] = ['commander', 'sme', 'member', 'outsider', 'other_tenant'];

interface Case {
  readonly name: string;
  /** Needs a role (commander) beyond seeing the incident. */
  readonly needsRole: boolean;
  /** Lists incidents rather than naming one: the answer is the list of what the requester may see. */
  readonly listing?: boolean;
  /** Run by the commander in the room first, so the case meets the incident in the state it needs. */
  readonly setup?: readonly string[];
  readonly run: (s: Scene, ctx: RequestContext) => Promise<CommandReply | FormReply>;
}

const command = (text: string, needsRole = false, setup?: readonly string[]): Case => ({
  name: text, needsRole, setup, run: (s, ctx) => s.commands.handleText(ctx, ctx.conversation?.conversationId === 'lobby' ? `${s.reference} ${text}` : text),
});
const button = (actionId: string, value: (s: Scene) => string, needsRole = false): Case => ({
  name: `button ${actionId}`, needsRole, run: (s, ctx) => s.router.handleAction(ctx, actionId, value(s)),
});
const form = (formId: string, values: Record<string, string>, metadata: (s: Scene) => string, needsRole = false): Case => ({
  name: `form ${formId}`, needsRole, run: (s, ctx) => s.router.handleForm(ctx, formId, values, metadata(s)),
});

const CASES: readonly Case[] = [
  command('status'), command('timeline'), command('postmortem'), command('summary'), command('update internal'),
  command('note secret detail'), command('action rotate the keys'),
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

type Scene = Awaited<ReturnType<typeof scene>>;

async function scene(isPrivate: boolean) {
  const settings = defaultSettings({
    tenants: new TenantMap([
      { id: 'acme', workspaces: [{ platform: 'console', workspaceId: 'local' }] },
      { id: 'globex', workspaces: [{ platform: 'console', workspaceId: 'globex' }] },
    ]),
  });
  const app = buildApp(settings);
  const commands = app.container.get(CommandDispatcher);
  const router = app.container.get(InteractionRouter);
  await commands.handleText(app.ctx('alice'), `declare "Payroll breach" --sev SEV2${isPrivate ? ' --private' : ''}`);
  await app.flush();
  const incident = (await app.store.repositories.incidents.findByNumber('acme', 1))!;
  const room = incident.roomOn('console', 'local')!;
  await commands.handleText(app.ctx('alice', room), 'assign sme @bob');
  await commands.handleText(app.ctx('alice', room), 'update internal');
  await commands.handleText(app.ctx('alice', room), 'action Rotate the payroll keys');
  await commands.handleText(app.ctx('alice', room), 'action Audit who read the files');
  await commands.handleText(app.ctx('alice', room), 'actions done 2');
  await app.flush();
  const [item] = await app.store.repositories.actionItems.listByIncident(incident.id);
  const draft = (await app.store.repositories.statusUpdates.listByIncident(incident.id))[0]!;
  const ctxOf = (who: Who): RequestContext => {
    switch (who) {
      case 'commander': return app.ctx('alice');
      case 'sme': return app.ctx('bob');
      case 'member': return app.ctx('dave', room);
      case 'outsider': return app.ctx('eve');
      case 'other_tenant': return { ...app.ctx('mallory'), workspaceId: 'globex', conversation: { ...app.lobby, workspaceId: 'globex' } };
    }
  };
  const footprint = async () => ({
    timeline: await app.store.repositories.timeline.count(incident.id),
    calls: app.gateway.calls.length,
    summaries: app.summarizer.requests.length,
    version: (await app.store.repositories.incidents.findById(incident.id))!.version,
    draft: JSON.stringify(await app.store.repositories.statusUpdates.findById(draft.id)),
    items: JSON.stringify(await app.store.repositories.actionItems.listByIncident(incident.id)),
    postmortem: JSON.stringify(await app.store.repositories.postmortems.findByIncident(incident.id)),
  });
  return { app, commands, router, incidentId: incident.id, reference: incident.reference, room, draftId: draft.id, draftRef: draftVersionRef(draft), itemId: item!.id, ctxOf, footprint };
}

const replyText = (r: CommandReply | FormReply): string => {
  const reply = 'kind' in r ? (r.kind === 'done' ? r.reply : undefined) : r;
  const view: View | undefined = reply?.view;
  return view ? view.blocks.map((b) => ('text' in b && typeof b.text !== 'string' ? textOf(b.text) : 'text' in b ? String(b.text) : b.type === 'list' ? b.items.map(textOf).join('\n') : '')).join('\n') : '';
};
const visibilityOf = (r: CommandReply | FormReply) => ('kind' in r ? (r.kind === 'done' ? r.reply.visibility : 'ephemeral') : r.visibility);

const REFUSED = /that you can see|cannot see it|no longer exists, or you cannot|not an incident room/;

describe('access matrix: every command, button and form × who asks × private or public', () => {
  for (const isPrivate of [true, false]) {
    for (const who of WHO) {
      for (const c of CASES) {
        const sees = who === 'commander' || who === 'sme' || who === 'member' || (who === 'outsider' && !isPrivate);
        const allowed = sees && (!c.needsRole || who === 'commander');
        it(`${isPrivate ? 'private' : 'public'} · ${who} · ${c.name} → ${allowed ? 'allowed' : sees ? 'refused (role)' : 'refused, unseen'}`, async () => {
          const s = await scene(isPrivate);
          for (const line of c.setup ?? []) expect(replyText(await s.commands.handleText(s.app.ctx('alice', s.room), line))).not.to.match(/⚠|Only the/);
          await s.app.flush();
          const before = await s.footprint();
          const lobbyPostsBefore = s.app.gateway.posts.filter((p) => p.conversation.conversationId === 'lobby').length;
          const reply = await c.run(s, s.ctxOf(who));
          await s.app.flush();
          const after = await s.footprint();
          const text = replyText(reply);
          if (c.listing) {
            expect(after, 'listing changes nothing').to.deep.equal(before);
            expect(visibilityOf(reply)).to.equal('ephemeral');
            const listed = c.name !== 'list --mine' || who === 'commander' || who === 'sme';
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
          const lobbyPosts = s.app.gateway.posts.filter((p) => p.conversation.conversationId === 'lobby').length;
          expect(lobbyPosts, 'nothing about the incident is posted into the lobby').to.equal(lobbyPostsBefore);
          if (who !== 'member') expect(visibilityOf(reply), 'asked outside the room: only the requester sees the answer').to.equal('ephemeral');
          if ('document' in reply && who !== 'member') expect(reply.document, 'no document outside the room').to.equal(undefined);
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
