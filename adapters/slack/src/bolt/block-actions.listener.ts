import { errorView, type CommandReply } from '@muster/core';
import type { App, BlockAction, BlockElementAction } from '@slack/bolt';
import { actionIdOf } from '../render/button-elements';
import type { ListenerDeps } from './listener-deps';
import { requestContext } from './request-context';

/** Only buttons carry a core action; selects and inputs inside modals are read at submission. */
const valueOf = (action: BlockElementAction): string | undefined => (action.type === 'button' ? action.value ?? '' : undefined);

/**
 * Buttons on the incident card and on update drafts. The click is acknowledged empty at once; core's
 * answer follows through the button's response_url (replacing the message when core says so), and a
 * form opens with the click's trigger_id.
 */
export function registerBlockActions(app: App, deps: ListenerDeps): void {
  app.action<BlockAction>({ type: 'block_actions' }, async ({ body, action, ack }) => {
    await ack();
    const value = valueOf(action);
    const workspaceId = body.team?.id ?? body.user.team_id;
    if (value === undefined || !workspaceId) return;
    const ctx = requestContext({
      workspaceId, userId: body.user.id, userName: body.user.username ?? body.user.name,
      channelId: body.channel?.id, channelName: body.channel?.name, requestKey: `action:${body.trigger_id}`,
    });
    deps.directory.remember(workspaceId, ctx.actor);
    let reply: CommandReply;
    try {
      reply = await deps.core.inbound.action(ctx, actionIdOf(action.action_id), value);
    } catch (error) {
      deps.core.logger.error('A Slack button failed unexpectedly', { err: error, actionId: action.action_id });
      reply = { visibility: 'ephemeral', view: errorView(error, ctx.prefix) };
    }
    deps.replies.afterAction(reply, {
      workspaceId, requester: ctx.actor, channelId: body.channel?.id, responseUrl: body.response_url,
      triggerId: body.trigger_id, requestKey: ctx.idempotencyKey,
    });
    deps.core.onWorkQueued?.();
  });
}
