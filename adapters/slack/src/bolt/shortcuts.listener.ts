import { errorView, highlightNotice, type CaptureResult, type CommandReply } from '@muster/core';
import type { App, GlobalShortcut, MessageShortcut } from '@slack/bolt';
import { DECLARE_SHORTCUT_CALLBACK_ID, TIMELINE_SHORTCUT_CALLBACK_ID } from '../manifest';
import { neutralMentions } from '../slack-mentions';
import type { ListenerDeps } from './listener-deps';
import { filesOf, type SlackMessageLike } from './message-parts';
import { dateOfTs, requestContext, slackPerson, slackRoom } from './request-context';

/** The global shortcut opens the declare form (the same one `/incident declare` without a title opens). */
function registerDeclareShortcut(app: App, deps: ListenerDeps): void {
  app.shortcut<GlobalShortcut>({ callback_id: DECLARE_SHORTCUT_CALLBACK_ID, type: 'shortcut' }, async ({ shortcut, ack }) => {
    await ack();
    const workspaceId = shortcut.team?.id ?? shortcut.user.team_id ?? '';
    const ctx = requestContext({ workspaceId, userId: shortcut.user.id, userName: shortcut.user.username, requestKey: `shortcut:${shortcut.trigger_id}` });
    const reply = await deps.core.inbound.command(ctx, 'declare');
    deps.replies.afterCommand(reply, { workspaceId, requester: ctx.actor, triggerId: shortcut.trigger_id, requestKey: ctx.idempotencyKey }, { viewInAck: false });
  });
}

/**
 * "Add to incident timeline" on a message: highlights it on the timeline of the incident whose room
 * it is in. A message the timeline does not have yet (posted before Muster was there) is added first.
 */
function registerTimelineShortcut(app: App, deps: ListenerDeps): void {
  app.shortcut<MessageShortcut>({ callback_id: TIMELINE_SHORTCUT_CALLBACK_ID, type: 'message_action' }, async ({ shortcut, ack }) => {
    await ack();
    const workspaceId = shortcut.team?.id ?? shortcut.user.team_id ?? '';
    const ctx = requestContext({ workspaceId, userId: shortcut.user.id, userName: shortcut.user.username ?? shortcut.user.name, channelId: shortcut.channel.id, requestKey: `shortcut:${shortcut.trigger_id}` });
    let reply: CommandReply;
    try {
      const result = await highlight(deps, workspaceId, shortcut.channel.id, shortcut.message as SlackMessageLike, shortcut.message_ts);
      reply = { visibility: 'ephemeral', view: highlightNotice(result) };
    } catch (error) {
      reply = { visibility: 'ephemeral', view: errorView(error, ctx.prefix) };
    }
    deps.replies.afterAction(reply, { workspaceId, requester: ctx.actor, channelId: shortcut.channel.id, responseUrl: shortcut.response_url, requestKey: ctx.idempotencyKey });
  });
}

async function highlight(deps: ListenerDeps, workspaceId: string, channelId: string, message: SlackMessageLike, messageTs: string): Promise<CaptureResult> {
  const room = slackRoom(workspaceId, channelId);
  const ts = message.ts ?? messageTs;
  const first = await deps.core.inbound.captureHighlight(room, ts, true);
  if (first !== 'unknown_message') return first;
  await deps.core.inbound.captureMessage({
    room, messageId: ts, ...(message.thread_ts ? { threadId: message.thread_ts } : {}),
    author: slackPerson(message.user ?? message.bot_id ?? 'unknown'),
    text: neutralMentions(message.text ?? '', (id) => deps.directory.knownPerson(workspaceId, id)), sentAt: dateOfTs(ts),
    // Keyed by the message, not a delivery: the shortcut can be used on it any number of times.
    idempotencyKey: `slack:message:${channelId}:${ts}`, files: filesOf(message),
  });
  return deps.core.inbound.captureHighlight(room, ts, true);
}

export function registerShortcuts(app: App, deps: ListenerDeps): void {
  registerDeclareShortcut(app, deps);
  registerTimelineShortcut(app, deps);
}
