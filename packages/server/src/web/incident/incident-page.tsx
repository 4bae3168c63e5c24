import { IncidentLocator, type Incident, type RequestContext } from '@muster/core';
import { Layout } from '../layout';
import type { WebDeps } from '../web-deps';
import { htmlPage } from '../web-html';
import type { WebRequest } from '../web-routing';
import type { HttpResponse } from '../../http/response';
import { INCIDENT_SECTIONS } from './incident-sections';

/** What a change reports after its redirect (`?done=note`): fixed wording, so a link cannot put words on the page. */
export const DONE_MESSAGES = {
  transition: 'Status changed.', severity: 'Severity changed.', role: 'Role assigned.', note: 'Note added to the timeline.',
  'action-added': 'Action item added.', 'action-done': 'Action item marked done.', owner: 'Owner changed.',
} as const;
export type DoneKey = keyof typeof DONE_MESSAGES;

export interface Flash {
  readonly tone: 'ok' | 'error';
  readonly text: string;
}

/**
 * The incident page: located with IncidentLocator (so an incident that does not exist and one the
 * viewer may not see get the same 404 wording), then each section of INCIDENT_SECTIONS in turn.
 */
export async function incidentPage(deps: WebDeps, w: WebRequest, reference: string, status = 200, flash?: Flash): Promise<HttpResponse> {
  const ctx = await w.context();
  const incident = await deps.container.get(IncidentLocator).locate(ctx, reference);
  const done = w.url.searchParams.get('done');
  const shown = flash ?? (done && Object.hasOwn(DONE_MESSAGES, done) ? { tone: 'ok' as const, text: DONE_MESSAGES[done as DoneKey] } : undefined);
  return htmlPage(status, await renderPage(deps, w, ctx, incident, shown));
}

async function renderPage(deps: WebDeps, w: WebRequest, ctx: RequestContext, incident: Incident, flash: Flash | undefined) {
  const sections = await Promise.all(INCIDENT_SECTIONS.map((s) => s.render({ incident, w, ctx, deps })));
  return (
    <Layout title={`${incident.reference} ${incident.title}`} session={w.session} csrf={w.csrf} area="incidents">
      <p><a href="/">← All incidents</a></p>
      <h1><span class="reference">{incident.reference}</span> {incident.title}</h1>
      {flash && <p class={`flash ${flash.tone}`} role={flash.tone === 'error' ? 'alert' : 'status'}>{flash.text}</p>}
      {sections}
    </Layout>
  );
}
