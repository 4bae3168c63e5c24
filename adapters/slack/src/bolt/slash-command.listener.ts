import { createHash } from 'node:crypto';
import { errorView } from '@muster/core';
import type { App } from '@slack/bolt';
import { SLACK_COMMAND } from '../manifest';
import { labelledMentions, neutralMentions } from '../slack-mentions';
import type { ListenerDeps } from './listener-deps';
import { requestContext } from './request-context';

/**
 * What makes one use of the command unique: its trigger_id, one per gesture. Slack always sends it,
 * but a payload without one must not share the key `command:undefined` with every other such
 * command (each would be dropped as a duplicate of the first); its response_url is just as unique
 * per invocation (the edge requires it) and the same in a redelivery, so its digest stands in.
 */
export function commandRequestKey(command: { readonly trigger_id?: string; readonly response_url: string }): string {
  if (command.trigger_id) return `command:${command.trigger_id}`;
  return `command:url:${createHash('sha256').update(command.response_url).digest('hex').slice(0, 32)}`;
}

/**
 * `/incident …`: core parses and answers; the answer is the HTTP response itself (Slack posts it,
 * ephemeral or in the channel), so the ack waits only for core's database work. A form or a document
 * follows after the ack. The command is declared with `should_escape`, so mentions arrive as
 * `<@U123|name>`; they reach core as neutral tokens and resolve without a Web API call.
 */
export function registerSlashCommand(app: App, deps: ListenerDeps): void {
  app.command(SLACK_COMMAND, async ({ command, ack }) => {
    const ctx = requestContext({
      workspaceId: command.team_id, userId: command.user_id, userName: command.user_name,
      channelId: command.channel_id, channelName: command.channel_name, requestKey: commandRequestKey(command), command: command.command,
    });
    deps.directory.remember(command.team_id, ctx.actor);
    const typed = command.text ?? '';
    for (const person of labelledMentions(typed)) deps.directory.remember(command.team_id, person);
    let reply;
    try {
      reply = await deps.core.inbound.command(ctx, neutralMentions(typed, (id) => deps.directory.personOf(command.team_id, id)));
    } catch (error) {
      // The port turns its own failures into replies; this is the last line, so Slack still gets an answer.
      deps.core.logger.error('The /incident command failed unexpectedly', { err: error });
      reply = { visibility: 'ephemeral' as const, view: errorView(error, ctx.prefix) };
    }
    await ack(deps.replies.commandAckBody(reply));
    deps.replies.afterCommand(reply, {
      workspaceId: command.team_id, requester: ctx.actor, channelId: command.channel_id,
      responseUrl: command.response_url, triggerId: command.trigger_id, requestKey: ctx.idempotencyKey,
    }, { viewInAck: true });
    deps.core.onWorkQueued?.();
  });
}
