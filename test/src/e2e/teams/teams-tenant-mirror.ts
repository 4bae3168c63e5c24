import { THREAD, type FakeTeamsTenant, type Json } from '../../fakes/teams/fake-teams-tenant';
import type { Activity } from './teams-payloads';

/**
 * What a person does in Teams happens in Teams before the bot hears of it: a message sent to Muster
 * appears in the fake tenant (a channel post as a thread root, a reply in its thread, a chat
 * message), an edit changes it, a deletion removes it. So the fake Bot Connector finds the
 * conversations and threads the bot answers in, as Teams would. Conversations the fake has not
 * heard of are added as the activity describes them (the bot hears only where it is installed).
 */
export function mirrorIntoTenant(tenant: FakeTeamsTenant, activity: Activity): void {
  const from = typeof (activity.from as Json | undefined)?.id === 'string' ? tenant.user(String((activity.from as Json).id))?.id : undefined;
  if (!from || typeof activity.conversation?.id !== 'string') return;
  const conversationId = activity.conversation.id;
  const type = activity.conversation.conversationType;
  if (type === 'personal') {
    if (!tenant.personal.has(from)) tenant.personal.set(from, conversationId);
    return mirrorMessage(tenant, activity, conversationId, from);
  }
  if (type === 'groupChat') {
    const chat = tenant.chats.get(conversationId) ?? tenant.addChat('', [from], conversationId);
    chat.members.add(from);
    chat.installedApps.add(tenant.appId);
    return mirrorMessage(tenant, activity, conversationId, from);
  }
  const at = conversationId.indexOf(THREAD);
  const channel = at < 0 ? conversationId : conversationId.slice(0, at);
  if (!tenant.channels.has(channel)) tenant.addChannel(channel, { id: channel });
  mirrorMessage(tenant, activity, channel, from, at < 0 ? undefined : conversationId.slice(at + THREAD.length));
}

function mirrorMessage(tenant: FakeTeamsTenant, activity: Activity, container: string, from: string, root?: string): void {
  const known = tenant.message(container, activity.id);
  if (activity.type === 'messageUpdate' && known) {
    known.activity = { ...known.activity, text: activity.text };
    known.edits++;
  } else if (activity.type === 'messageDelete' && known) {
    known.deleted = true;
  } else if (activity.type === 'message' && !known) {
    const said: Json = { type: 'message', text: activity.text ?? '' };
    // A channel post is its own thread's root; a reply needs its root (one from before the fake knew is not shown).
    if (!root || root === activity.id) tenant.post(container, from, said, undefined, activity.id);
    else if (tenant.message(container, root)) tenant.post(container, from, said, root, activity.id);
  }
}
