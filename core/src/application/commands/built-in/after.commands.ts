import { inject, injectable } from 'inversify';
import type { RequestContext } from '../../incidents/request-context';
import { IncidentLocator } from '../../incidents/incident-locator';
import { PeopleResolver } from '../../people/people-resolver';
import type { Repositories } from '../../ports/unit-of-work.port';
import { ActionItems } from '../../services/action-items';
import { askedInRoom } from '../../services/answer-place';
import { PostmortemEditing } from '../../services/postmortem-editing';
import { Postmortems } from '../../services/postmortems';
import { RecordNotes } from '../../services/record-notes';
import { TransitionIncident } from '../../services/transition-incident';
import { TOKENS } from '../../container/tokens';
import { actionItemChangedView, actionItemsView, dueText } from '../../views/follow-ups.view';
import { noticeView } from '../../views/notice.view';
import { postmortemView, POSTMORTEM_STATE_LABELS } from '../../views/postmortem.view';
import { timelineView } from '../../views/timeline.view';
import type { CommandOf } from '../command';
import type { BuiltInCommand, CommandCall } from '../command-contribution';
import { ephemeral, inChannel, type CommandReply } from '../command-reply';
import { about, alreadyDone, changed } from '../reply-routing';
import { builtIn } from './descriptions';
import { transitionCommand } from './transition-command';

const TIMELINE_IN_CHAT = 30;

export const CloseCommand = transitionCommand('close');

/** `action <text> [@owner]` */
@injectable()
export class ActionCommand implements BuiltInCommand<'action'> {
  readonly description = builtIn('action');

  constructor(@inject(RecordNotes) private readonly notes: RecordNotes) {}

  async run(ctx: RequestContext, command: CommandOf<'action'>): Promise<CommandReply> {
    const { incident, item } = await this.notes.action(ctx, command.text, command.owner, command.incidentRef, command.due);
    return about(incident, ctx, inChannel(noticeView([
      '✅ Follow-up on ', { bold: incident.reference }, `: ${item.text}`, ...(item.owner ? [' — owner ', { mention: item.owner }] : []),
      ...(item.dueAt ? [` — due ${dueText(item.dueAt)}`] : []),
    ])));
  }
}

/** `actions [done <n>|reopen <n>|assign <n> <@person>]` */
@injectable()
export class ActionsCommand implements BuiltInCommand<'actions'> {
  readonly description = builtIn('actions');

  constructor(
    @inject(ActionItems) private readonly actionItems: ActionItems,
    @inject(PeopleResolver) private readonly people: PeopleResolver,
  ) {}

  async run(ctx: RequestContext, { step, incidentRef: ref }: CommandOf<'actions'>): Promise<CommandReply> {
    if (step.kind === 'list') {
      const { incident, items } = await this.actionItems.list(ctx, ref);
      // The list carries Done buttons; only the requester sees it unless asked in the room.
      return about(incident, ctx, inChannel(actionItemsView(incident, items)));
    }
    const owner = step.kind === 'assign' ? await this.people.resolve(ctx, step.person, 'to own this follow-up') : undefined;
    const patch = step.kind === 'done' ? { state: 'done' as const } : step.kind === 'reopen' ? { state: 'open' as const } : { owner };
    const outcome = await this.actionItems.change(ctx, ref, step.number, patch);
    if (outcome.replayed) return alreadyDone(outcome.incident);
    const what = step.kind === 'done' ? 'done' : step.kind === 'reopen' ? 'reopened' : 'assigned';
    return about(outcome.incident, ctx, inChannel(actionItemChangedView(outcome.incident, outcome.item, outcome.number, what)));
  }
}

/** `timeline`: its last entries, to the requester alone. */
@injectable()
export class TimelineCommand implements BuiltInCommand<'timeline'> {
  readonly description = builtIn('timeline');

  constructor(
    @inject(TOKENS.Repositories) private readonly repos: Repositories,
    @inject(IncidentLocator) private readonly locator: IncidentLocator,
  ) {}

  async run(ctx: RequestContext, command: CommandOf<'timeline'>): Promise<CommandReply> {
    const incident = await this.locator.locate(ctx, command.incidentRef);
    // Only the tail is shown in chat: read just that, not a timeline of thousands of messages.
    const [total, newest] = await Promise.all([this.repos.timeline.count(incident.id), this.repos.timeline.list(incident.id, { newest: TIMELINE_IN_CHAT })]);
    return ephemeral(timelineView(incident, newest, total));
  }
}

/** `postmortem [start|done]` */
@injectable()
export class PostmortemCommand implements BuiltInCommand<'postmortem'> {
  readonly description = builtIn('postmortem');

  constructor(
    @inject(TransitionIncident) private readonly transition: TransitionIncident,
    @inject(PostmortemEditing) private readonly editing: PostmortemEditing,
    @inject(Postmortems) private readonly postmortems: Postmortems,
  ) {}

  async run(ctx: RequestContext, { step, incidentRef: ref }: CommandOf<'postmortem'>, { prefix }: CommandCall): Promise<CommandReply> {
    if (step === 'start') {
      const outcome = await this.transition.execute(ctx, 'postmortem', ref);
      return changed(ctx, outcome, () => noticeView(['📝 ', { bold: outcome.incident.reference }, ' is in its postmortem stage (by ', { mention: ctx.actor }, '). Edit the sections from ', { command: 'postmortem' }, '; ', { command: 'postmortem done' }, ' when it has been reviewed.'], 'normal', prefix));
    }
    if (step === 'done') {
      const { incident, postmortem, replayed } = await this.editing.markReviewed(ctx, ref);
      if (replayed) return alreadyDone(incident);
      return about(incident, ctx, inChannel(noticeView(['✅ The postmortem of ', { bold: incident.reference }, ` is ${POSTMORTEM_STATE_LABELS[postmortem.state]} (by `, { mention: ctx.actor }, '). ', { command: 'close' }, ' finishes the incident.'], 'success', prefix)));
    }
    const doc = await this.postmortems.open(ctx, ref);
    // The whole document is attached only where everyone who sees it may see the incident.
    if (!askedInRoom(doc.incident, ctx)) return ephemeral(postmortemView(doc.incident, doc.postmortem, 'elsewhere'));
    return { visibility: 'in_channel', view: postmortemView(doc.incident, doc.postmortem), document: { filename: `${doc.incident.reference}-postmortem.md`, title: `Postmortem ${doc.incident.reference}`, markdown: doc.markdown } };
  }
}
