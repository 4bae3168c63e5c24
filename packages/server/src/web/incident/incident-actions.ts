import {
  ActionItems, AssignRole, ChangeSeverity, dueDateOf, IncidentLocator, MusterError, PeopleResolver, RecordNotes, TOKENS, TransitionIncident,
  type Clock, type Incident, type PersonRef, type RequestContext, type TransitionCommand,
} from '@muster/core';
import type { HttpResponse } from '../../http/response';
import type { Router } from '../../http/router';
import { STATUS_BY_CODE } from '../../http/status-by-code';
import { field } from '../form-body';
import type { WebDeps } from '../web-deps';
import { redirect } from '../web-html';
import type { WebRequest } from '../web-routing';
import { incidentPath } from './change-form';
import { incidentPage, type DoneKey } from './incident-page';
import { chosenPerson, knownPeople } from './people-choice';
import { MOVE_LABELS } from './status-section';

type Change = (ctx: RequestContext, incident: Incident, form: Record<string, unknown>, params: Record<string, string>) => Promise<DoneKey>;

const invalid = (message: string) => new MusterError('invalid_argument', message);

/**
 * The incident page's changes. Each is a CSRF-checked POST that calls the same core service as chat,
 * with the form's `_key` as the idempotency key, kicks the outbox (cards in the rooms refresh), and
 * answers 303 back to the page. A refusal (not the role, a move the lifecycle does not allow, a person
 * not found) shows core's message on the page itself, with nothing changed.
 */
export function registerIncidentActions(router: Router, deps: WebDeps): void {
  const c = deps.container;
  const locator = c.get(IncidentLocator);
  const people = c.get(PeopleResolver);
  const clock = c.get<Clock>(TOKENS.Clock);

  /** A person from the picker: a typed handle resolved like chat's, a listed person, or nobody. */
  const personFrom = async (ctx: RequestContext, incident: Incident, form: Record<string, unknown>, purpose: string): Promise<PersonRef | undefined> => {
    const choice = chosenPerson(form, knownPeople(incident, ctx.actor));
    if (!choice) throw invalid('Pick a person from the list, or type their handle as in chat (at most 200 characters).');
    if ('nobody' in choice) return undefined;
    return 'person' in choice ? choice.person : people.resolve(ctx, choice.handle, purpose);
  };

  const change = (path: string, run: Change) => router.post(path, deps.web.action(async (w, form) => {
    const ctx = await w.context(field(form, '_key'));
    // Located first: an incident that is missing or not the viewer's to see is the 404 page, as on GET.
    const incident = await locator.locate(ctx, w.params.ref);
    try {
      const done = await run(ctx, incident, form, w.params);
      deps.kick();
      return redirect(`${incidentPath(incident.reference)}?done=${done}`);
    } catch (error) {
      return refusal(deps, w, incident, error);
    }
  }));

  change('/incidents/:ref/transition', async (ctx, incident, form) => {
    const command = field(form, 'command') ?? '';
    if (!Object.hasOwn(MOVE_LABELS, command)) throw invalid(`Choose one of the status buttons (${Object.values(MOVE_LABELS).join(', ')}).`);
    await c.get(TransitionIncident).execute(ctx, command as TransitionCommand, { id: incident.id });
    return 'transition';
  });

  change('/incidents/:ref/severity', async (ctx, incident, form) => {
    const level = deps.settings.severities.find(field(form, 'severity') ?? '');
    if (!level) throw invalid(`Choose a severity: ${deps.settings.severities.ids().join(', ')}.`);
    await c.get(ChangeSeverity).execute(ctx, level.id, { id: incident.id });
    return 'severity';
  });

  change('/incidents/:ref/roles', async (ctx, incident, form) => {
    const role = deps.settings.roles.find(field(form, 'role') ?? '');
    if (!role) throw invalid(`Choose a role: ${deps.settings.roles.roles.map((r) => r.label).join(', ')}.`);
    const person = await personFrom(ctx, incident, form, `to give the ${role.label} role to`);
    if (!person) throw invalid(`Choose who takes the ${role.label} role.`);
    await c.get(AssignRole).execute(ctx, role.id, person, { id: incident.id });
    return 'role';
  });

  change('/incidents/:ref/notes', async (ctx, incident, form) => {
    const text = field(form, 'text') ?? '';
    if (!text) throw invalid('Write the note first.');
    await c.get(RecordNotes).note(ctx, text, { id: incident.id });
    return 'note';
  });

  change('/incidents/:ref/action-items', async (ctx, incident, form) => {
    const text = field(form, 'text') ?? '';
    const owner = await personFrom(ctx, incident, form, 'to own the action item');
    const due = field(form, 'due');
    const dueAt = due ? dueDateOf({ on: due }, clock.now()) : undefined;
    await c.get(ActionItems).add(ctx, text, owner, { id: incident.id }, dueAt);
    return 'action-added';
  });

  change('/incidents/:ref/action-items/:item/complete', async (ctx, incident, _form, params) => {
    await c.get(ActionItems).change(ctx, { id: incident.id }, { id: params.item! }, { state: 'done' });
    return 'action-done';
  });

  change('/incidents/:ref/action-items/:item/owner', async (ctx, incident, form, params) => {
    const owner = await personFrom(ctx, incident, form, 'to own the action item');
    await c.get(ActionItems).change(ctx, { id: incident.id }, { id: params.item! }, { owner: owner ?? null });
    return 'owner';
  });
}

/** Core's refusal as the incident page with the message on it; anything unknown goes on to the error page. */
async function refusal(deps: WebDeps, w: WebRequest, incident: Incident, error: unknown): Promise<HttpResponse> {
  const status = error instanceof MusterError ? STATUS_BY_CODE[error.code] : undefined;
  if (!status || !(error instanceof MusterError)) throw error;
  return incidentPage(deps, w, incident.reference, status, { tone: 'error', text: error.message });
}
