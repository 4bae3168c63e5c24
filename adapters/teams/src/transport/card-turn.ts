import { adaptiveCardAction } from './activity.schema';
import type { CardSubmission } from './card-kit';
import { deliverInTurn } from './deliver';
import { namePickedPeople } from './picked-people';
import { prefixOf, requestContextOf } from './teams-context';
import type { TeamsReplySurface } from './teams-reply-surface';
import type { TeamsTurn } from './teams-turn';
import { senderOf, surfaceFor, type TurnDeps } from './turn-deps';

/** Said when card data is not Muster's own: a card from another app, an old card, or a forgery. */
export const foreignCard = (prefix: string): string => `This card is not one Muster can act on. Run ${prefix} status for a fresh card.`;

/**
 * An Action.Execute press (`invoke` `adaptiveCard/action`): handled by core and answered on the same
 * request, since Teams waits for the invoke response to refresh the card or show a message.
 */
export async function handleCardInvoke(turn: TeamsTurn, deps: TurnDeps, tenantId: string): Promise<void> {
  const surface = surfaceFor(turn, deps);
  const submission = adaptiveCardAction.safeParse(turn.activity.value).success ? deps.cards.parseSubmission(turn.activity.value) : undefined;
  if (!submission) {
    await turn.answerInvoke({ kind: 'message', text: foreignCard(prefixOf(turn.activity)) });
    return;
  }
  await submit(turn, deps, tenantId, submission, surface);
  await turn.answerInvoke(surface.finalInvokeAnswer());
}

/** An Action.Submit from an older client: a `message` whose `value` is the card data, answered by posting. */
export async function handleCardSubmit(turn: TeamsTurn, deps: TurnDeps, tenantId: string): Promise<void> {
  const submission = deps.cards.parseSubmission(turn.activity.value);
  if (!submission) {
    await turn.reply({ text: foreignCard(prefixOf(turn.activity)) });
    return;
  }
  await submit(turn, deps, tenantId, submission, surfaceFor(turn, deps));
}

async function submit(turn: TeamsTurn, deps: TurnDeps, tenantId: string, submission: CardSubmission, surface: TeamsReplySurface): Promise<void> {
  const ctx = requestContextOf(turn.activity, tenantId, await senderOf(turn, deps, tenantId));
  if (submission.kind === 'action') {
    const reply = await deps.inbound.action(ctx, submission.actionId, submission.value);
    deps.onWorkQueued();
    await deliverInTurn(reply, surface, deps.logger, ctx.prefix ?? '');
    return;
  }
  const values = await namePickedPeople(turn, submission.values);
  const result = await deps.inbound.form(ctx, submission.formId, values, submission.metadata);
  deps.onWorkQueued();
  if (result.kind === 'errors') await surface.showFormErrors(submission.formId, submission.metadata, submission.values, result.errors);
  else await deliverInTurn(result.reply, surface, deps.logger, ctx.prefix ?? '');
}
