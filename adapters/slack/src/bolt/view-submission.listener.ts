import { errorView, type FormReply } from '@muster/core';
import type { App, ViewSubmitAction } from '@slack/bolt';
import { readModalValues } from '../render/read-modal-values';
import type { ListenerDeps } from './listener-deps';
import { requestContext } from './request-context';

/**
 * A submitted modal. Field errors go back in the ack (`response_action: errors`), so Slack shows them
 * under the fields and keeps the modal open; otherwise the modal closes and core's answer is posted
 * where the modal was opened from (carried in private_metadata).
 */
export function registerViewSubmissions(app: App, deps: ListenerDeps): void {
  app.view<ViewSubmitAction>({ type: 'view_submission', callback_id: /.+/ }, async ({ body, view, ack }) => {
    const workspaceId = body.team?.id ?? body.user.team_id ?? view.team_id;
    const origin = deps.envelope.unwrap(view.private_metadata, body.user.id);
    const ctx = requestContext({ workspaceId, userId: body.user.id, userName: body.user.name, channelId: origin.channelId, requestKey: `view:${view.id}` });
    let reply: FormReply;
    try {
      reply = await deps.core.inbound.form(ctx, view.callback_id, readModalValues(view.state), origin.metadata);
    } catch (error) {
      deps.core.logger.error('A Slack form failed unexpectedly', { err: error, formId: view.callback_id });
      reply = { kind: 'done', reply: { visibility: 'ephemeral', view: errorView(error, ctx.prefix) } };
    }
    if (reply.kind === 'errors') {
      await ack({ response_action: 'errors', errors: { ...reply.errors } });
      return;
    }
    await ack();
    deps.replies.afterForm(reply.reply, {
      workspaceId, requester: ctx.actor, channelId: origin.channelId, responseUrl: origin.responseUrl,
      triggerId: body.trigger_id, requestKey: ctx.idempotencyKey,
    });
    deps.core.onWorkQueued?.();
  });
}
