import { prefixOf } from './teams-context';
import type { TeamsTurn } from './teams-turn';
import type { TurnDeps } from './turn-deps';

/** Whether this `conversationUpdate` or `installationUpdate` is Muster arriving in the conversation. */
export function isArrival(turn: TeamsTurn): boolean {
  const a = turn.activity;
  if (a.type === 'installationUpdate') return a.action === 'add' || a.action === 'add-upgrade';
  return (a.membersAdded ?? []).some((m) => m.id === a.recipient.id);
}

/**
 * Hello, with core's welcome (the help overview, plugin commands included) in the conversation's own
 * prefix, so the first thing people see is how to start.
 */
export async function sayHello(turn: TeamsTurn, deps: TurnDeps): Promise<void> {
  const view = await deps.inbound.welcome(prefixOf(turn.activity));
  await turn.reply({ text: view.fallback, attachments: [deps.cards.card(view)] });
}
