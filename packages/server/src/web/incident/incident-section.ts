import type { Incident, RequestContext } from '@muster/core';
import type { VNode } from 'preact';
import type { WebDeps } from '../web-deps';
import type { WebRequest } from '../web-routing';

/** What a section of the incident page is rendered from. Access to the incident was already checked. */
export interface IncidentPageContext {
  readonly incident: Incident;
  readonly w: WebRequest;
  /** The viewer's RequestContext, for core reads (they check access again). */
  readonly ctx: RequestContext;
  readonly deps: WebDeps;
}

/**
 * One part of `/incidents/:ref` (facts, roles, timeline, action items, status updates, postmortem),
 * each in a file of its own that loads what it shows. `null`: nothing to show here.
 */
export interface IncidentSection {
  readonly id: string;
  render(page: IncidentPageContext): Promise<VNode | null>;
}
