import { IncidentLocator, MAX_UPDATE_LENGTH, StatusUpdates, type Incident, type RequestContext } from '@muster/core';
import { HttpError } from '../../http/http-error';
import type { Router } from '../../http/router';
import { field } from '../form-body';
import { Layout } from '../layout';
import type { WebDeps } from '../web-deps';
import { htmlPage, redirect, safeNext } from '../web-html';
import type { WebRequest } from '../web-routing';
import { statusUpdatesSection, UPDATED_PARAM, type UpdateVerb } from './status-updates-section';

const MAX_REASON_LENGTH = 500;

/**
 * `/incidents/:ref/updates`: the incident's stakeholder updates on a page of their own (a direct link
 * for whoever approves them), and the approve / edit / reject actions the section's forms post to,
 * wherever the section is shown. Each action goes through core's StatusUpdates, exactly as the buttons
 * on the draft's card in chat do: the same permission checks, the same version check, the same
 * outbox publication and timeline entries.
 */
export function registerStatusUpdateRoutes(router: Router, deps: WebDeps): void {
  const { web, container } = deps;
  const updates = () => container.get(StatusUpdates);

  router.get('/incidents/:ref/updates', web.page(async (w) => {
    const ctx = await w.context();
    const incident = await container.get(IncidentLocator).locate(ctx, w.params.ref);
    const section = await statusUpdatesSection.render({ incident, w, ctx, deps });
    return htmlPage(200, (
      <Layout title={`${incident.reference} status updates`} session={w.session} csrf={w.csrf} area="incidents">
        <h1>{incident.reference}: {incident.snapshot().title}</h1>
        <p><a href={`/incidents/${encodeURIComponent(incident.reference)}`}>The whole incident page</a></p>
        {section}
      </Layout>
    ));
  }));

  router.post('/incidents/:ref/updates/:id/approve', web.action(async (w, form) => {
    const { ctx, incident } = await target(w, form, deps);
    await updates().approve(ctx, w.params.id, versionOf(form));
    deps.kick();
    return back(w, form, incident, 'approve');
  }));

  router.post('/incidents/:ref/updates/:id/edit', web.action(async (w, form) => {
    const body = field(form, 'body') ?? '';
    if (!body) throw new HttpError('missing_argument', 'The update cannot be empty; reject the draft instead if it should not go out.');
    if (body.length > MAX_UPDATE_LENGTH) throw new HttpError('invalid_argument', `Keep an update under ${MAX_UPDATE_LENGTH} characters (this one has ${body.length}).`);
    const { ctx, incident } = await target(w, form, deps);
    await updates().edit(ctx, w.params.id, body, versionOf(form));
    deps.kick();
    return back(w, form, incident, 'edit');
  }));

  router.post('/incidents/:ref/updates/:id/reject', web.action(async (w, form) => {
    const reason = field(form, 'reason') ?? '';
    if (reason.length > MAX_REASON_LENGTH) throw new HttpError('invalid_argument', `Keep the reason under ${MAX_REASON_LENGTH} characters (this one has ${reason.length}).`);
    const { ctx, incident } = await target(w, form, deps);
    await updates().reject(ctx, w.params.id, reason || undefined);
    deps.kick();
    return back(w, form, incident, 'reject');
  }));
}

/**
 * The incident named in the path (checked against the viewer by core's locator), and the update must
 * be one of its own: an id from another incident, even a visible one, is answered as not found.
 */
async function target(w: WebRequest, form: Record<string, unknown>, deps: WebDeps): Promise<{ ctx: RequestContext; incident: Incident }> {
  const ctx = await w.context(field(form, '_key'));
  const { incident, updates } = await deps.container.get(StatusUpdates).list(ctx, w.params.ref);
  if (!updates.some((u) => u.id === w.params.id)) throw new HttpError('not_found', `${incident.reference} has no such status update. Reload the page to see its updates.`);
  return { ctx, incident };
}


/** The version the person was shown; without one, an approval could not name what it approves. */
function versionOf(form: Record<string, unknown>): number {
  const raw = field(form, 'version') ?? '';
  if (!/^\d{1,9}$/.test(raw)) throw new HttpError('invalid_argument', 'The form does not say which version of the update you saw; reload the page and try again.');
  return Number(raw);
}

/**
 * Post/redirect/get back to the page the form was on (our own paths only), at the update, saying what
 * was done (`?updated=approve`: a fixed word the section turns into fixed wording, never text from the link).
 */
const back = (w: WebRequest, form: Record<string, unknown>, incident: Incident, verb: UpdateVerb): ReturnType<typeof redirect> => {
  const next = new URL(safeNext(field(form, 'next') ?? `/incidents/${encodeURIComponent(incident.reference)}/updates`), 'http://muster.invalid');
  next.searchParams.set(UPDATED_PARAM, verb);
  next.hash = `update-${encodeURIComponent(w.params.id)}`;
  return redirect(`${next.pathname}${next.search}${next.hash}`);
};
