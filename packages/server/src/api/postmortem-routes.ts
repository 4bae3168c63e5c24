import { randomUUID } from 'node:crypto';
import { IncidentLocator, isNarrativeSection, NARRATIVE_SECTIONS, PostmortemEditing, Postmortems } from '@muster/core';
import type { Store } from '@muster/store';
import type { Container } from 'inversify';
import { SERVER_TOKENS } from '../container/server-tokens';
import { HttpError } from '../http/http-error';
import { json } from '../http/response';
import type { Router } from '../http/router';
import type { OutboxPump } from '../runtime/outbox-pump';
import { apiContext } from './api-auth';
import { postmortemJson } from './api-json';
import { API_PREFIX, apiRouting } from './api-routing';
import { readNothing, readSectionEdit } from './dashboard-input';

/**
 * The postmortem over REST, as on the dashboard: read it (Markdown by default, its sections as JSON on
 * request), edit one section from the revision read, mark it reviewed. Core's PostmortemEditing decides
 * who may and refuses an edit made over a newer revision.
 */
export function registerPostmortemRoutes(router: Router, container: Container): void {
  const store = container.get<Store>(SERVER_TOKENS.Store);
  const pump = container.get<OutboxPump>(SERVER_TOKENS.OutboxPump);
  const postmortems = container.get(Postmortems);
  const editing = container.get(PostmortemEditing);
  const locator = container.get(IncidentLocator);
  const { authed, write } = apiRouting(store);
  const base = `${API_PREFIX}/incidents/:ref/postmortem`;

  router.get(base, authed(async (r, caller) => {
    const doc = await postmortems.open(apiContext(caller, `api:read:${randomUUID()}`), r.params.ref);
    // The answer depends on Accept, so caches must keep the two apart.
    if (prefersJson(r.req.headers.accept)) return json(200, postmortemJson(doc.incident, doc.postmortem), { vary: 'Accept' });
    return {
      status: 200, text: doc.markdown,
      headers: { 'content-type': 'text/markdown; charset=utf-8', 'content-disposition': `inline; filename="${doc.incident.reference}-postmortem.md"`, vary: 'Accept' },
    };
  }));

  router.put(`${base}/sections/:key`, write(readSectionEdit, async (r, caller, body, key) => {
    const ctx = apiContext(caller, key);
    const incident = await locator.locate(ctx, r.params.ref);
    if (!isNarrativeSection(r.params.key)) {
      // Only a plausible key is repeated back: the message never carries markup someone put in the path.
      const named = /^[a-z_]{1,40}$/.test(r.params.key) ? ` "${r.params.key}"` : ' by that name';
      throw new HttpError('not_found', `A postmortem has no section${named}; its sections are ${NARRATIVE_SECTIONS.map((s) => s.key).join(', ')}.`);
    }
    const { postmortem } = await editing.editSection(ctx, incident.id, r.params.key, body.body, body.revision);
    pump.kick();
    return json(200, postmortemJson(incident, postmortem));
  }));

  router.post(`${base}/review`, write(readNothing, async (r, caller, _nothing, key) => {
    const { incident, postmortem } = await editing.markReviewed(apiContext(caller, key), r.params.ref);
    pump.kick();
    return json(200, postmortemJson(incident, postmortem));
  }));
}

/**
 * Whether `Accept` asks for JSON over Markdown: `application/json` listed with a quality above zero and
 * not below text/markdown's. No header or a wildcard keeps Markdown, the format this route always had.
 */
export function prefersJson(accept: string | undefined): boolean {
  if (!accept) return false;
  const quality = new Map<string, number>();
  for (const part of accept.slice(0, 1000).split(',')) {
    const [type, ...params] = part.trim().toLowerCase().split(';');
    const q = params.map((p) => /^\s*q=([01](\.\d{0,3})?)\s*$/.exec(p)).find(Boolean);
    quality.set(type.trim(), q ? Number(q[1]) : 1);
  }
  const jsonQ = quality.get('application/json') ?? 0;
  return jsonQ > 0 && jsonQ >= (quality.get('text/markdown') ?? 0);
}
