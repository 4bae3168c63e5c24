import { inject, injectable, type Newable } from 'inversify';
import type { RequestContext } from '../../incidents/request-context';
import { TransitionIncident } from '../../services/transition-incident';
import { statusNotice } from '../../views/change-notices.view';
import { openFollowUpsBlocks } from '../../views/follow-ups.view';
import type { BuiltInCommand, CommandCall } from '../command-contribution';
import type { CommandReply } from '../command-reply';
import { changed } from '../reply-routing';
import { builtIn } from './descriptions';

export type TransitionWord = 'ack' | 'mitigate' | 'resolve' | 'reopen' | 'decline' | 'close';

/**
 * The lifecycle words differ only in the move they ask for, so one class per word is made here
 * (each its own binding under TOKENS.CommandContribution). The notice lists open follow-ups, which
 * matter most when resolving or closing.
 */
export function transitionCommand<N extends TransitionWord>(name: N): Newable<BuiltInCommand<N>> {
  @injectable()
  class TransitionCommand implements BuiltInCommand<N> {
    readonly description = builtIn(name);

    constructor(@inject(TransitionIncident) private readonly transition: TransitionIncident) {}

    async run(ctx: RequestContext, command: { readonly incidentRef?: string }, { prefix }: CommandCall): Promise<CommandReply> {
      const outcome = await this.transition.execute(ctx, name, command.incidentRef);
      const open = outcome.result?.openActionItems ?? [];
      return changed(ctx, outcome, () => {
        const notice = statusNotice(outcome.incident, ctx.actor, name, prefix);
        return open.length ? { ...notice, blocks: [...notice.blocks, ...openFollowUpsBlocks(open)] } : notice;
      });
    }
  }
  Object.defineProperty(TransitionCommand, 'name', { value: `${name[0]!.toUpperCase()}${name.slice(1)}Command` });
  return TransitionCommand;
}
