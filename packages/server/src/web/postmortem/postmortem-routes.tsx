import {
  AccessPolicy, IncidentLocator, isNarrativeSection, MusterError, PostmortemEditing, Postmortems, TransitionIncident, type PostmortemDocument, type RequestContext,
} from '@muster/core';
import { HttpError } from '../../http/http-error';
import type { HttpResponse } from '../../http/response';
import type { Router } from '../../http/router';
import { field } from '../form-body';
import { PAGE_HEADERS } from '../security-headers';
import type { WebDeps } from '../web-deps';
import { htmlPage, redirect } from '../web-html';
import type { WebRequest } from '../web-routing';
import { postmortemPdf } from './postmortem-pdf';
import { PostmortemPage, type RefusedEdit } from './postmortem-page';

const NOTICES: Record<string, string> = {
  reviewed: 'The postmortem is marked reviewed.',
  started: 'The incident is in its postmortem stage.',
};

/**
 * The postmortem editor and its exports. Every read goes through Postmortems.open (the incident
 * locator: a private incident is "not found" for anyone but its participants and admins), every
 * change through the same PostmortemEditing / TransitionIncident call chat makes, so permissions,
 * the timeline entry and the card refresh are the chat ones.
 */
export function registerPostmortemRoutes(router: Router, deps: WebDeps): void {
  const { web, container } = deps;
  const postmortems = container.get(Postmortems);
  const editing = container.get(PostmortemEditing);
  const transitions = container.get(TransitionIncident);
  const access = container.get(AccessPolicy);
  const locator = container.get(IncidentLocator);
  const base = (reference: string) => `/incidents/${reference}/postmortem`;

  const renderPage = async (w: WebRequest, ctx: RequestContext, status: number, extra: { notice?: string; refused?: RefusedEdit } = {}, loaded?: PostmortemDocument): Promise<HttpResponse> => {
    const doc = loaded ?? (await postmortems.open(ctx, w.params.ref));
    return htmlPage(status, (
      <PostmortemPage incident={doc.incident} postmortem={doc.postmortem} markdown={doc.markdown} session={w.session} csrf={w.csrf}
        canTransition={access.can(ctx, 'incident.transition', doc.incident)} {...extra} />
    ));
  };

  router.get('/incidents/:ref/postmortem', web.page(async (w) => {
    const saved = w.url.searchParams.get('saved');
    const done = w.url.searchParams.get('done');
    const notice = saved && isNarrativeSection(saved) ? 'Saved. The change is on the timeline.' : done && Object.hasOwn(NOTICES, done) ? NOTICES[done] : undefined;
    return renderPage(w, await w.context(), 200, { notice });
  }));

  router.post('/incidents/:ref/postmortem/sections/:key', web.action(async (w, form) => {
    const ctx = await w.context(field(form, '_key'));
    const key = w.params.key;
    if (!isNarrativeSection(key)) throw new HttpError('not_found', 'There is no such postmortem section; reload the postmortem page.');
    const startedFrom = revisionOf(form);
    const typed = typeof form.body === 'string' ? form.body : '';
    const incident = await locator.locate(ctx, w.params.ref);
    try {
      await editing.editSection(ctx, incident.id, key, typed, startedFrom);
    } catch (error) {
      if (!(error instanceof MusterError) || (error.code !== 'conflict' && error.code !== 'invalid_argument')) throw error;
      // Refused as stale or too long: the page again, with what they typed still in the form.
      const doc = await postmortems.open(ctx, w.params.ref);
      const current = error.code === 'conflict' ? doc.postmortem.sections.find((s) => s.key === key) : undefined;
      const refused: RefusedEdit = { key, typed, message: error.message, revision: current ? (current.revision ?? 0) : startedFrom, ...(current && { current }) };
      return renderPage(w, ctx, error.code === 'conflict' ? 409 : 400, { refused }, doc);
    }
    deps.kick();
    return redirect(`${base(incident.reference)}?saved=${key}#section-${key}`);
  }));

  router.post('/incidents/:ref/postmortem/reviewed', web.action(async (w, form) => {
    const { incident } = await editing.markReviewed(await w.context(field(form, '_key')), w.params.ref);
    deps.kick();
    return redirect(`${base(incident.reference)}?done=reviewed`);
  }));

  router.post('/incidents/:ref/postmortem/start', web.action(async (w, form) => {
    const { incident } = await transitions.execute(await w.context(field(form, '_key')), 'postmortem', w.params.ref);
    deps.kick();
    return redirect(`${base(incident.reference)}?done=started`);
  }));

  router.get('/incidents/:ref/postmortem.md', web.page(async (w) => {
    const doc = await postmortems.open(await w.context(), w.params.ref);
    return { status: 200, text: doc.markdown, headers: download('text/markdown; charset=utf-8', `${doc.incident.reference}-postmortem.md`) };
  }));

  router.get('/incidents/:ref/postmortem.pdf', web.page(async (w) => {
    const doc = await postmortems.open(await w.context(), w.params.ref);
    // Note: the document carries the whole timeline (core's Postmortems.render reads all of it).
    const body = await postmortemPdf(doc.markdown, { reference: doc.incident.reference, title: doc.incident.title });
    return { status: 200, body, headers: download('application/pdf', `${doc.incident.reference}-postmortem.pdf`) };
  }));
}

/** The revision the form was opened at; a form without one is not one of ours. */
function revisionOf(form: Record<string, unknown>): number {
  const raw = field(form, 'revision');
  if (!raw || !/^\d{1,9}$/.test(raw)) throw new HttpError('invalid_request', 'The form is missing the revision it was opened at; reload the postmortem page and edit again.');
  return Number(raw);
}

/** A file to save, never a page to render: the page headers (a CSP that runs nothing) and an attachment name. */
const download = (type: string, filename: string): Record<string, string> => ({
  ...PAGE_HEADERS, 'content-type': type, 'content-disposition': `attachment; filename="${filename}"`,
});
