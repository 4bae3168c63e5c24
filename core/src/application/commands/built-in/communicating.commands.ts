import { inject, injectable } from 'inversify';
import type { RequestContext } from '../../incidents/request-context';
import { RecordNotes } from '../../services/record-notes';
import { StatusUpdates } from '../../services/status-updates';
import { RequestSummary } from '../../services/request-summary';
import { noticeView } from '../../views/notice.view';
import type { CommandOf } from '../command';
import type { BuiltInCommand } from '../command-contribution';
import { ephemeral, type CommandReply } from '../command-reply';
import { draftingReply, whereAnswered } from '../reply-routing';
import { builtIn } from './descriptions';

/** `summary`: an AI catch-up, posted later from the outbox where the incident may be seen. */
@injectable()
export class SummaryCommand implements BuiltInCommand<'summary'> {
  readonly description = builtIn('summary');

  constructor(@inject(RequestSummary) private readonly summary: RequestSummary) {}

  async run(ctx: RequestContext, command: CommandOf<'summary'>): Promise<CommandReply> {
    const incident = await this.summary.execute(ctx, command.incidentRef);
    return ephemeral(noticeView([`⏳ Writing a catch-up on ${incident.reference}; ${whereAnswered(incident, ctx)} in a moment.`], 'muted'));
  }
}

/** `update [internal|external]`: a draft for approval; nothing is sent before that. */
@injectable()
export class UpdateCommand implements BuiltInCommand<'update'> {
  readonly description = builtIn('update');

  constructor(@inject(StatusUpdates) private readonly updates: StatusUpdates) {}

  async run(ctx: RequestContext, command: CommandOf<'update'>): Promise<CommandReply> {
    const incident = await this.updates.requestDraft(ctx, command.audience, command.incidentRef);
    return draftingReply(incident, ctx, command.audience);
  }
}

/** `note <text>` */
@injectable()
export class NoteCommand implements BuiltInCommand<'note'> {
  readonly description = builtIn('note');

  constructor(@inject(RecordNotes) private readonly notes: RecordNotes) {}

  async run(ctx: RequestContext, command: CommandOf<'note'>): Promise<CommandReply> {
    const { reference, stored } = await this.notes.note(ctx, command.text, command.incidentRef);
    return ephemeral(noticeView([stored ? `📝 Noted on ${reference}'s timeline.` : `That note is already on ${reference}'s timeline.`], 'muted'));
  }
}
