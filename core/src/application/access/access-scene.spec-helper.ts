import type { ConversationRef, PersonRef } from '../../domain/person';
import { TenantMap } from '../../domain/tenancy';
import { buildApp, person } from '../container/app-harness.spec-helper';
import { CommandDispatcher } from '../commands/command-dispatcher';
import { inChannel, type CommandReply, type FormReply } from '../commands/command-reply';
import { CommandRegistry } from '../commands/command-registry';
import { InteractionRouter } from '../commands/interaction-router';
import type { RequestContext } from '../incidents/request-context';
import { defaultSettings } from '../container/settings';
import { noticeView } from '../views/notice.view';
import { draftVersionRef } from '../views/status-update.view';
import { textOf, type View } from '../views/view';

/**
 * Who asks, and from where. `member` is in the room; `thread_member` in a reply thread of the room
 * (a conversation of its own whose parent is the room, as Teams sends channel replies);
 * `other_thread` in a reply thread of another channel; `parent_channel` in the channel a thread room
 * was opened in, outside the thread. `linked_commander` is the commander under another identity the
 * directory linked to hers (the same human on another platform); `namesake` someone else who is also
 * called alice, linked to nobody.
 */
export type Who = 'commander' | 'sme' | 'member' | 'thread_member' | 'outsider' | 'other_thread' | 'parent_channel' | 'other_tenant' | 'linked_commander' | 'namesake';

/** A room of its own (a channel), or a thread opened in a shared channel (Teams without Graph). */
export type RoomKind = 'channel' | 'thread';

/** The shared channel thread rooms open in. */
const OPS = 'ops';

export type Scene = Awaited<ReturnType<typeof scene>>;

/** An incident with a role holder, a pending draft and two follow-ups, declared by alice (its commander). */
export async function scene(isPrivate: boolean, roomKind: RoomKind = 'channel') {
  const settings = defaultSettings({
    tenants: new TenantMap([
      { id: 'acme', workspaces: [{ platform: 'console', workspaceId: 'local' }] },
      { id: 'globex', workspaces: [{ platform: 'console', workspaceId: 'globex' }] },
    ]),
  });
  const app = buildApp(settings);
  if (roomKind === 'thread') app.gateway.threadRoomsIn = OPS;
  const commands = app.container.get(CommandDispatcher);
  const router = app.container.get(InteractionRouter);
  // A plugin's command that acts on the incident (run-time, through the registry): it must run only for those who may see it.
  const probes: string[] = [];
  app.container.get(CommandRegistry).register('probe-plugin', {
    name: 'probe', syntax: 'probe <text>', summary: 'Show what a plugin is told about the incident.', examples: [], takesIncident: true,
    async run(_ctx, args, found) {
      probes.push(`${found?.reference}:${args}`);
      return inChannel(noticeView([`Probed ${found?.reference}: ${found?.title}`]));
    },
  });
  await commands.handleText(app.ctx('alice'), `declare "Payroll breach" --sev SEV2${isPrivate ? ' --private' : ''}`);
  await app.flush();
  const incident = (await app.store.repositories.incidents.findByNumber('acme', 1))!;
  const linked = incident.roomOn('console', 'local')!;
  // What the adapter reports for someone typing in the room: a thread room names the channel it is in.
  const room: ConversationRef = roomKind === 'thread' ? { ...linked, parentConversationId: OPS } : linked;
  await commands.handleText(app.ctx('alice', room), 'assign sme @bob');
  await commands.handleText(app.ctx('alice', room), 'update internal');
  await commands.handleText(app.ctx('alice', room), 'action Rotate the payroll keys');
  await commands.handleText(app.ctx('alice', room), 'action Audit who read the files');
  await commands.handleText(app.ctx('alice', room), 'actions done 2');
  await app.flush();
  const [item] = await app.store.repositories.actionItems.listByIncident(incident.id);
  const draft = (await app.store.repositories.statusUpdates.listByIncident(incident.id))[0]!;
  const threadOf = (c: ConversationRef, root: string): ConversationRef => ({ ...c, conversationId: `${c.conversationId}/reply-${root}`, parentConversationId: c.conversationId });
  const where: Record<Who, ConversationRef> = {
    commander: app.lobby, sme: app.lobby, outsider: app.lobby, linked_commander: app.lobby, namesake: app.lobby, other_tenant: { ...app.lobby, workspaceId: 'globex' },
    member: room, thread_member: threadOf(linked, '1700.1'), other_thread: threadOf(app.lobby, '1700.2'),
    parent_channel: { platform: 'console', workspaceId: 'local', conversationId: OPS, name: OPS },
  };
  const actor: Record<Who, string> = {
    commander: 'alice', sme: 'bob', member: 'dave', thread_member: 'dave', outsider: 'eve', other_thread: 'eve', parent_channel: 'eve', other_tenant: 'mallory',
    linked_commander: 'alice', namesake: 'alice',
  };
  const elsewhere = (id: string): PersonRef => ({ platform: 'console', id, name: 'alice' });
  const ctxOf = (who: Who): RequestContext => {
    const ctx = app.ctx(actor[who], where[who]);
    if (who === 'linked_commander') return { ...ctx, actor: elsewhere('alice-on-teams'), alsoKnownAs: [person('alice')] };
    if (who === 'namesake') return { ...ctx, actor: elsewhere('another-alice') };
    return who === 'other_tenant' ? { ...ctx, workspaceId: 'globex' } : ctx;
  };
  /** The test's own knowledge of where the room is, not Muster's: there a command needs no reference. */
  const inside = (who: Who): boolean => who === 'member' || who === 'thread_member';
  const footprint = async () => ({
    probes: probes.length,
    timeline: await app.store.repositories.timeline.count(incident.id),
    calls: app.gateway.calls.length,
    summaries: app.summarizer.requests.length,
    version: (await app.store.repositories.incidents.findById(incident.id))!.version,
    draft: JSON.stringify(await app.store.repositories.statusUpdates.findById(draft.id)),
    items: JSON.stringify(await app.store.repositories.actionItems.listByIncident(incident.id)),
    postmortem: JSON.stringify(await app.store.repositories.postmortems.findByIncident(incident.id)),
  });
  return {
    app, commands, router, incidentId: incident.id, reference: incident.reference, room, where, inside,
    draftId: draft.id, draftRef: draftVersionRef(draft), itemId: item!.id, ctxOf, footprint,
  };
}

export const replyText = (r: CommandReply | FormReply): string => {
  const reply = 'kind' in r ? (r.kind === 'done' ? r.reply : undefined) : r;
  const view: View | undefined = reply?.view;
  return view ? view.blocks.map((b) => ('text' in b && typeof b.text !== 'string' ? textOf(b.text) : 'text' in b ? String(b.text) : b.type === 'list' ? b.items.map(textOf).join('\n') : '')).join('\n') : '';
};

export const visibilityOf = (r: CommandReply | FormReply) => ('kind' in r ? (r.kind === 'done' ? r.reply.visibility : 'ephemeral') : r.visibility);
