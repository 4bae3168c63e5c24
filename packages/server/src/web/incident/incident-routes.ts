import type { Router } from '../../http/router';
import type { WebDeps } from '../web-deps';
import { registerIncidentActions } from './incident-actions';
import { incidentPage } from './incident-page';

/** `GET /incidents/:ref` and the changes its forms post. */
export function registerIncidentPageRoutes(router: Router, deps: WebDeps): void {
  router.get('/incidents/:ref', deps.web.page((w) => incidentPage(deps, w, w.params.ref)));
  registerIncidentActions(router, deps);
}
