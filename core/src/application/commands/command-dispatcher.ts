import { inject, injectable } from 'inversify';
import type { RequestContext } from '../context';
import type { MusterSettings } from '../settings';
import { TOKENS } from '../tokens';
import { errorView } from '../views/error.view';
import { helpView } from '../views/help.view';
import { declareFormView } from '../views/forms.view';
import { noticeView } from '../views/notice.view';
import { postmortemView, POSTMORTEM_STATE_LABELS } from '../views/postmortem.view';
import { actionItemChangedView, actionItemsView, openFollowUpsBlocks } from '../views/follow-ups.view';
import { incidentListView } from '../views/incident-list.view';
import { ActionItems } from '../services/action-items';
import { ListIncidents } from '../services/list-incidents';
import { PostmortemEditing } from '../services/postmortem-editing';
import { PeopleResolver } from '../people-resolver';
import type { Clock } from '../ports/system.port';
import type { ActionItemStep } from './command';
import { incidentCardView } from '../views/incident-card.view';
import { timelineView } from '../views/timeline.view';
import type { Repositories } from '../ports/unit-of-work.port';
import { IncidentLocator } from '../incident-locator';
import { DeclareIncident } from '../services/declare-incident';
import { TransitionIncident } from '../services/transition-incident';
import { ChangeSeverity } from '../services/change-severity';
import { AssignRole } from '../services/assign-role';
import { RecordNotes } from '../services/record-notes';
import { RequestSummary } from '../services/summaries';
import { StatusUpdates } from '../services/status-updates';
import { Postmortems } from '../services/postmortems';
import type { ParsedCommand } from './command';
import { parseCommand } from './command-parser';
import { DEFAULT_PREFIX } from './command-usage';
import { about, declaredReply, whereAnswered } from './reply-routing';
import { askedInRoom } from '../services/answer-place';
import { ephemeral, inChannel, type CommandReply } from './command-reply';
import { roleNotice, severityNotice, statusNotice } from '../views/change-notices.view';
import type { ChangeOutcome } from '../incident-changes';
import type { View } from '../views/view';
import { PluginsCommand } from '../plugins/plugins-command';

const TIMELINE_IN_CHAT = 30;

/** Text in, reply out: the one place every platform's incident command lands. Errors become friendly replies. */
@injectable()
export class CommandDispatcher {
  constructor(
    @inject(TOKENS.Settings) private readonly settings: MusterSettings,
    @inject(TOKENS.Repositories) private readonly repos: Repositories,
    @inject(IncidentLocator) private readonly locator: IncidentLocator,
    @inject(DeclareIncident) private readonly declare: DeclareIncident,
    @inject(TransitionIncident) private readonly transition: TransitionIncident,
    @inject(ChangeSeverity) private readonly severity: ChangeSeverity,
    @inject(AssignRole) private readonly assign: AssignRole,
    @inject(RecordNotes) private readonly notes: RecordNotes,
    @inject(RequestSummary) private readonly summary: RequestSummary,
    @inject(StatusUpdates) private readonly updates: StatusUpdates,
    @inject(Postmortems) private readonly postmortems: Postmortems,
    @inject(ActionItems) private readonly actionItems: ActionItems,
    @inject(ListIncidents) private readonly lister: ListIncidents,
    @inject(PostmortemEditing) private readonly editing: PostmortemEditing,
    @inject(PeopleResolver) private readonly people: PeopleResolver,
    @inject(TOKENS.Clock) private readonly clock: Clock,
    @inject(PluginsCommand) private readonly plugins: PluginsCommand,
  ) {}

  /**
   * `prefix` is how the platform's users invoke Muster (/incident, @Muster), written into the plain
   * fallbacks of help and errors; by default the request's own (ctx.prefix), else the canonical one.
   */
  async handleText(ctx: RequestContext, text: string, prefix: string = ctx.prefix ?? DEFAULT_PREFIX): Promise<CommandReply> {
    try {
      return await this.run(ctx, parseCommand(text, this.settings, { prefix }), prefix);
    } catch (error) {
      return ephemeral(errorView(error, prefix));
    }
  }

  private async run(ctx: RequestContext, command: ParsedCommand, prefix: string): Promise<CommandReply> {
    const ref = command.incidentRef;
    switch (command.name) {
      case 'help':
        return ephemeral(helpView(command.topic, prefix));
      case 'declare': {
        if (!command.title) return { visibility: 'ephemeral', form: declareFormView(this.settings, command) };
        const { incident, replayed } = await this.declare.execute(ctx, { title: command.title, severity: command.severity, services: command.services, private: command.private });
        if (replayed) return ephemeral(noticeView([`${incident.reference} was already declared from this request.`], 'muted'));
        return declaredReply(incident, ctx, this.settings);
      }
      case 'status': {
        const incident = await this.locator.locate(ctx, ref);
        return ephemeral(incidentCardView(incident, this.settings));
      }
      case 'sev': {
        const outcome = await this.severity.execute(ctx, command.severity, ref);
        return this.changed(ctx, outcome, () => severityNotice(outcome.incident, ctx.actor));
      }
      case 'assign': {
        const outcome = await this.assign.execute(ctx, command.role, command.person, ref);
        return this.changed(ctx, outcome, () => roleNotice(outcome.incident, this.settings.roles.get(command.role).label, outcome.result, ctx.actor));
      }
      case 'list': {
        const query = { scope: command.scope, severity: command.severity, service: command.service, mine: command.mine };
        const page = await this.lister.execute(ctx, query);
        return ephemeral(incidentListView(page, query, this.clock.now(), ctx.conversation?.platform, ctx.workspaceId));
      }
      case 'ack': case 'mitigate': case 'resolve': case 'reopen': case 'decline': case 'close': {
        const outcome = await this.transition.execute(ctx, command.name, ref);
        const open = outcome.result?.openActionItems ?? [];
        return this.changed(ctx, outcome, () => {
          const notice = statusNotice(outcome.incident, ctx.actor, command.name, prefix);
          return open.length ? { ...notice, blocks: [...notice.blocks, ...openFollowUpsBlocks(open)] } : notice;
        });
      }
      case 'actions':
        return this.followUps(ctx, command.step, ref);
      case 'note': {
        const { reference, stored } = await this.notes.note(ctx, command.text, ref);
        return ephemeral(noticeView([stored ? `📝 Noted on ${reference}'s timeline.` : `That note is already on ${reference}'s timeline.`], 'muted'));
      }
      case 'action': {
        const { incident, item } = await this.notes.action(ctx, command.text, command.owner, ref);
        return about(incident, ctx, inChannel(noticeView(['✅ Follow-up on ', { bold: incident.reference }, `: ${item.text}`, ...(item.owner ? [' — owner ', { mention: item.owner }] : [])])));
      }
      case 'summary': {
        const incident = await this.summary.execute(ctx, ref);
        return ephemeral(noticeView([`⏳ Writing a catch-up on ${incident.reference}; ${whereAnswered(incident, ctx)} in a moment.`], 'muted'));
      }
      case 'update': {
        const incident = await this.updates.requestDraft(ctx, command.audience, ref);
        return ephemeral(noticeView([`⏳ Drafting an ${command.audience} update for ${incident.reference}; ${whereAnswered(incident, ctx)} for the Communications Lead or Incident Commander to approve; nothing is sent before that.`], 'muted'));
      }
      case 'postmortem': {
        if (command.step === 'start') {
          const outcome = await this.transition.execute(ctx, 'postmortem', ref);
          return this.changed(ctx, outcome, () => noticeView(['📝 ', { bold: outcome.incident.reference }, ' is in its postmortem stage (by ', { mention: ctx.actor }, '). Edit the sections from ', { command: 'postmortem' }, '; ', { command: 'postmortem done' }, ' when it has been reviewed.'], 'normal', prefix));
        }
        if (command.step === 'done') {
          const { incident, postmortem, replayed } = await this.editing.markReviewed(ctx, ref);
          if (replayed) return ephemeral(noticeView([`That was already done for ${incident.reference}.`], 'muted'));
          return about(incident, ctx, inChannel(noticeView(['✅ The postmortem of ', { bold: incident.reference }, ` is ${POSTMORTEM_STATE_LABELS[postmortem.state]} (by `, { mention: ctx.actor }, '). ', { command: 'close' }, ' finishes the incident.'], 'success', prefix)));
        }
        const doc = await this.postmortems.open(ctx, ref);
        // The whole document is attached only where everyone who sees it may see the incident.
        if (!askedInRoom(doc.incident, ctx)) return ephemeral(postmortemView(doc.incident, doc.postmortem, 'elsewhere'));
        return { visibility: 'in_channel', view: postmortemView(doc.incident, doc.postmortem), document: { filename: `${doc.incident.reference}-postmortem.md`, title: `Postmortem ${doc.incident.reference}`, markdown: doc.markdown } };
      }
      case 'timeline': {
        const incident = await this.locator.locate(ctx, ref);
        const total = await this.repos.timeline.count(incident.id);
        const after = Math.max(0, total - TIMELINE_IN_CHAT);
        const all = await this.repos.timeline.list(incident.id);
        return ephemeral(timelineView(incident, all.slice(after), total));
      }
      case 'plugins':
        return this.plugins.run(ctx, command, prefix);
    }
  }

  private async followUps(ctx: RequestContext, step: ActionItemStep, ref: string | undefined): Promise<CommandReply> {
    if (step.kind === 'list') {
      const { incident, items } = await this.actionItems.list(ctx, ref);
      // The list carries Done buttons; only the requester sees it unless asked in the room.
      return about(incident, ctx, inChannel(actionItemsView(incident, items)));
    }
    const owner = step.kind === 'assign' ? await this.people.resolve(ctx, step.person, 'to own this follow-up') : undefined;
    const patch = step.kind === 'done' ? { state: 'done' as const } : step.kind === 'reopen' ? { state: 'open' as const } : { owner };
    const outcome = await this.actionItems.change(ctx, ref, step.number, patch);
    if (outcome.replayed) return ephemeral(noticeView([`That was already done for ${outcome.incident.reference}.`], 'muted'));
    const what = step.kind === 'done' ? 'done' : step.kind === 'reopen' ? 'reopened' : 'assigned';
    return about(outcome.incident, ctx, inChannel(actionItemChangedView(outcome.incident, outcome.item, outcome.number, what)));
  }

  private changed(ctx: RequestContext, outcome: ChangeOutcome<unknown>, notice: () => View): CommandReply {
    return outcome.replayed
      ? ephemeral(noticeView([`That was already done for ${outcome.incident.reference}.`], 'muted'))
      : about(outcome.incident, ctx, inChannel(notice()));
  }
}
