import { injectable } from 'inversify';
import { outboxMessage } from '../../outbox/topics';
import { VALUE, type WorkflowAction, type WorkflowActionContext, type WorkflowActionResult } from '../workflow-action';

/**
 * `draftUpdate: internal|external`: asks for the AI draft of a stakeholder update in the incident's
 * room, the same `update.draft` flow as `update` typed in chat. Nothing is published: the draft waits
 * there for a Communications Lead or Incident Commander to approve it.
 */
@injectable()
export class DraftUpdateAction implements WorkflowAction {
  readonly kind = 'draftUpdate';
  readonly needsRoom = true;

  check(params: Readonly<Record<string, unknown>>): string | undefined {
    return params[VALUE] === 'internal' || params[VALUE] === 'external' ? undefined : 'draftUpdate must be internal or external';
  }

  describe(params: Readonly<Record<string, unknown>>): string {
    return `draft an ${String(params[VALUE])} update for approval`;
  }

  async run(params: Readonly<Record<string, unknown>>, ctx: WorkflowActionContext): Promise<WorkflowActionResult> {
    const audience = params[VALUE] === 'external' ? 'external' : 'internal';
    const room = ctx.incident.snapshot().links.rooms[0]!;
    const conversation = { platform: room.platform, workspaceId: room.workspaceId, conversationId: room.conversationId, ...(room.name && { name: room.name }) };
    return {
      text: `asked for an ${audience} update draft (it waits for approval in the room)`,
      messages: [outboxMessage('update.draft', { incidentId: ctx.incident.id, audience, conversation, requestedBy: ctx.actor }, `workflow:${ctx.effectKey}`, ctx.now)],
    };
  }
}
