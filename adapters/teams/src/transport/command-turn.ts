import { deliverInTurn } from './deliver';
import { requestContextOf } from './teams-context';
import type { TeamsTurn } from './teams-turn';
import { senderOf, surfaceFor, type TurnDeps } from './turn-deps';

/**
 * `@Muster <command>` in a channel or group chat, or anything said in the personal chat: the text
 * (bot mention removed, people as neutral mentions) goes to core with the `@Muster` prefix, and the
 * reply is posted. Core answers input that is too long or malformed with its own error view.
 */
export async function handleCommand(turn: TeamsTurn, deps: TurnDeps, tenantId: string, text: string): Promise<void> {
  const ctx = requestContextOf(turn.activity, tenantId, await senderOf(turn, deps, tenantId));
  const reply = await deps.inbound.command(ctx, text);
  deps.onWorkQueued();
  await deliverInTurn(reply, surfaceFor(turn, deps), deps.logger, ctx.prefix ?? '');
}
