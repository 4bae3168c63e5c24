import { inject, injectable } from 'inversify';
import { isMusterError, MusterError } from '../../errors';
import { MAX_TITLE_LENGTH, type Incident } from '../../domain/incident';
import type { PersonRef } from '../../domain/person';
import { parseMention } from '../../domain/person-mention';
import type { RequestContext } from '../incidents/request-context';
import type { MusterSettings } from '../container/settings';
import { TOKENS } from '../container/tokens';
import { AccessPolicy } from '../access/access-policy';
import { IncidentLocator } from '../incidents/incident-locator';
import { about, declarationReply, draftingReply } from './reply-routing';
import { ACTIONS, FORMS } from '../views/action-ids';
import { assignFormView, DECLARE_FIELDS, editUpdateFormView, MIN_TITLE_LENGTH, severityFormView } from '../views/forms.view';
import { errorView } from '../views/error.view';
import { incidentCardView } from '../views/incident-card.view';
import { roleNotice, severityNotice, statusNotice } from '../views/change-notices.view';
import { parseDraftVersionRef, statusUpdateView } from '../views/status-update.view';
import { DeclareIncident } from '../services/declare-incident';
import { ServiceCatalog } from '../services/service-catalog';
import { TransitionIncident } from '../services/transition-incident';
import { ChangeSeverity } from '../services/change-severity';
import { AssignRole } from '../services/assign-role';
import { StatusUpdates } from '../services/status-updates';
import { ActionItems } from '../services/action-items';
import { PostmortemEditing } from '../services/postmortem-editing';
import { editSectionFormView, parseSectionRef } from '../views/postmortem.view';
import { noticeView } from '../views/notice.view';
import { actionItemChangedView } from '../views/follow-ups.view';
import { ephemeral, inChannel, type CommandReply, type FormReply, type FormValues } from './command-reply';
import { commandCode } from './command-usage';
import { PluginSubmissions } from '../plugins/plugin-submissions';

/** Buttons and forms from any platform. Everything is addressed by incident or update id, never by room. */
@injectable()
export class InteractionRouter {
  constructor(
    @inject(TOKENS.Settings) private readonly settings: MusterSettings,
    @inject(IncidentLocator) private readonly locator: IncidentLocator,
    @inject(AccessPolicy) private readonly access: AccessPolicy,
    @inject(DeclareIncident) private readonly declare: DeclareIncident,
    @inject(TransitionIncident) private readonly transition: TransitionIncident,
    @inject(ChangeSeverity) private readonly severity: ChangeSeverity,
    @inject(AssignRole) private readonly assign: AssignRole,
    @inject(StatusUpdates) private readonly updates: StatusUpdates,
    @inject(ActionItems) private readonly actionItems: ActionItems,
    @inject(PostmortemEditing) private readonly postmortems: PostmortemEditing,
    @inject(PluginSubmissions) private readonly plugins: PluginSubmissions,
    @inject(ServiceCatalog) private readonly catalog: ServiceCatalog,
  ) {}

  async handleAction(ctx: RequestContext, actionId: string, value: string): Promise<CommandReply> {
    try {
      return await this.action(ctx, actionId, value);
    } catch (error) {
      return ephemeral(errorView(error, ctx.prefix));
    }
  }

  async handleForm(ctx: RequestContext, formId: string, values: FormValues, privateMetadata?: string): Promise<FormReply> {
    try {
      return await this.form(ctx, formId, values, privateMetadata ?? '');
    } catch (error) {
      return { kind: 'done', reply: ephemeral(errorView(error, ctx.prefix)) };
    }
  }

  private async action(ctx: RequestContext, actionId: string, value: string): Promise<CommandReply> {
    switch (actionId) {
      case ACTIONS.ack: case ACTIONS.mitigate: case ACTIONS.resolve: {
        const command = actionId === ACTIONS.ack ? 'ack' : actionId === ACTIONS.mitigate ? 'mitigate' : 'resolve';
        const outcome = await this.transition.execute(ctx, command, { id: value });
        return this.fromCard(outcome.incident, about(outcome.incident, ctx, inChannel(statusNotice(outcome.incident, ctx.actor, undefined, ctx.prefix))));
      }
      case ACTIONS.changeSeverity: {
        // Refuse before the form is filled in, not after.
        const incident = await this.locator.byId(ctx, value);
        this.access.assert(ctx, 'incident.severity', incident, 'change the severity');
        return { visibility: 'ephemeral', form: severityFormView(incident, this.settings) };
      }
      case ACTIONS.assignRole:
        return { visibility: 'ephemeral', form: assignFormView(await this.locator.byId(ctx, value), this.settings) };
      case ACTIONS.approveUpdate: {
        const ref = parseDraftVersionRef(value);
        const { update, incident } = await this.updates.approve(ctx, ref.id, ref.version);
        return about(incident, ctx, { visibility: 'in_channel', view: statusUpdateView(update, incident), replaceOriginal: true });
      }
      case ACTIONS.rejectUpdate: {
        const { update, incident } = await this.updates.reject(ctx, parseDraftVersionRef(value).id);
        return about(incident, ctx, { visibility: 'in_channel', view: statusUpdateView(update, incident), replaceOriginal: true });
      }
      case ACTIONS.draftUpdate: {
        // As if `update` were typed where the button is: the draft goes up for approval there, nothing is published.
        const incident = await this.updates.requestDraft(ctx, 'internal', { id: value });
        return draftingReply(incident, ctx, 'internal');
      }
      case ACTIONS.editUpdate: {
        const { update } = await this.updates.findForEdit(ctx, parseDraftVersionRef(value).id);
        return { visibility: 'ephemeral', form: editUpdateFormView(update) };
      }
      case ACTIONS.completeActionItem: {
        const outcome = await this.actionItems.change(ctx, await this.actionItems.incidentOfItem(ctx, value), { id: value }, { state: 'done' });
        return about(outcome.incident, ctx, inChannel(actionItemChangedView(outcome.incident, outcome.item, outcome.number, 'done')));
      }
      case ACTIONS.editPostmortemSection: {
        const ref = parseSectionRef(value);
        const { incident, section } = await this.postmortems.sectionForEdit(ctx, ref.incidentId, ref.key);
        return { visibility: 'ephemeral', form: editSectionFormView(incident, section) };
      }
      case ACTIONS.uninstallPlugin:
        return this.plugins.uninstall(ctx, value);
      default:
        throw new MusterError('invalid_argument', `That button is from an older version of Muster. Run ${commandCode('status')} for a fresh card.`);
    }
  }

  /** A change made from the incident card (or a form it opened) carries the card as it is now. */
  private fromCard(incident: Incident, reply: CommandReply): CommandReply {
    return { ...reply, refreshedCard: incidentCardView(incident, this.settings) };
  }

  private async form(ctx: RequestContext, formId: string, values: FormValues, metadata: string): Promise<FormReply> {
    switch (formId) {
      case FORMS.declare: {
        const title = text(values[DECLARE_FIELDS.title]);
        const severity = text(values[DECLARE_FIELDS.severity]) || this.settings.severities.default.id;
        const errors: Record<string, string> = {};
        if (title.length < MIN_TITLE_LENGTH) errors[DECLARE_FIELDS.title] = 'Say in a few words what is wrong, e.g. "Checkout errors for EU customers".';
        if (title.length > MAX_TITLE_LENGTH) errors[DECLARE_FIELDS.title] = `Keep the title under ${MAX_TITLE_LENGTH} characters (this one has ${title.length}).`;
        if (!this.settings.severities.find(severity)) errors[DECLARE_FIELDS.severity] = `Choose one of ${this.settings.severities.ids().join(', ')}.`;
        const services = await this.catalog.check(ctx, list(values[DECLARE_FIELDS.services]), (names) => `“${names}”`).catch((error: unknown) => {
          if (!isMusterError(error, 'invalid_argument')) throw error;
          // A form field's error is plain text: the code marks of the chat message would show as backticks.
          errors[DECLARE_FIELDS.services] = error.message.replace(/`/g, '');
          return undefined;
        });
        if (Object.keys(errors).length || !services) return { kind: 'errors', errors };
        const outcome = await this.declare.execute(ctx, {
          title, severity,
          summary: text(values[DECLARE_FIELDS.description]),
          services: services.names,
          private: values[DECLARE_FIELDS.private] === true,
        });
        return done(declarationReply(outcome, ctx, this.settings));
      }
      case FORMS.changeSeverity: {
        const outcome = await this.severity.execute(ctx, text(values.severity), { id: metadata });
        return done(this.fromCard(outcome.incident, about(outcome.incident, ctx, inChannel(severityNotice(outcome.incident, ctx.actor)))));
      }
      case FORMS.assignRole: {
        const person = pickedPerson(ctx, text(values.person));
        if (!person) return { kind: 'errors', errors: { person: 'Pick the person to give the role to.' } };
        const outcome = await this.assign.execute(ctx, text(values.role), person, { id: metadata });
        return done(this.fromCard(outcome.incident, about(outcome.incident, ctx, inChannel(roleNotice(outcome.incident, this.settings.roles.get(text(values.role)).label, person, ctx.actor)))));
      }
      case FORMS.editUpdate: {
        const body = text(values.body);
        if (!body) return { kind: 'errors', errors: { body: 'The update cannot be empty; reject the draft instead if it should not go out.' } };
        const ref = parseDraftVersionRef(metadata);
        const { update, incident } = await this.updates.edit(ctx, ref.id, body, ref.version);
        return done(about(incident, ctx, inChannel(statusUpdateView(update, incident, this.settings))));
      }
      case FORMS.editPostmortemSection: {
        const ref = parseSectionRef(metadata);
        try {
          const { incident, section } = await this.postmortems.editSection(ctx, ref.incidentId, ref.key, text(values.body), ref.revision);
          return done(about(incident, ctx, inChannel(noticeView(['📝 ', { bold: section.title }, ' of the ', { bold: incident.reference }, ' postmortem saved by ', { mention: ctx.actor }, '.']))));
        } catch (error) {
          // Kept open with the text they wrote, so a stale or too long edit is not lost.
          if (error instanceof MusterError && (error.code === 'conflict' || error.code === 'invalid_argument') && ref.revision >= 0) return { kind: 'errors', errors: { body: error.message } };
          throw error;
        }
      }
      case FORMS.installPlugin:
        return this.plugins.submit(ctx, values, metadata);
      default:
        throw new MusterError('invalid_argument', 'That form is from an older version of Muster; open it again.');
    }
  }
}

const done = (reply: CommandReply): FormReply => ({ kind: 'done', reply });
const text = (v: FormValues[string]): string => (typeof v === 'string' ? v.trim() : Array.isArray(v) ? v.join(', ').trim() : '');
const list = (v: FormValues[string]): string[] =>
  (Array.isArray(v) ? v : typeof v === 'string' ? v.split(',') : []).map((s) => s.trim()).filter(Boolean);

/**
 * A people picker's value: the platform's id, or the neutral token an adapter made of it with the
 * name the platform showed (Teams' picker sends only the object id). A token of another platform is
 * nobody here.
 */
function pickedPerson(ctx: RequestContext, value: string): PersonRef | undefined {
  if (!value) return undefined;
  const token = parseMention(value);
  if (token) return token.platform === ctx.platform ? token : undefined;
  return /[<>|]/u.test(value) ? undefined : { platform: ctx.platform, id: value };
}
