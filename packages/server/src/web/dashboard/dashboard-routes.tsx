import { AccessPolicy, TOKENS, type Clock } from '@muster/core';
import type { Router } from '../../http/router';
import type { WebDeps } from '../web-deps';
import { htmlPage } from '../web-html';
import { IncidentListPage } from './incident-list-page';
import { parseListFilters } from './list-filters';
import { visiblePage } from './visible-incidents';

export const LIST_PAGE_SIZE = 25;

/** `GET /`: the incidents the signed-in person may see, filtered and paged. */
export function registerDashboardRoutes(router: Router, deps: WebDeps): void {
  const access = deps.container.get(AccessPolicy);
  const clock = deps.container.get<Clock>(TOKENS.Clock);

  router.get('/', deps.web.page(async (w) => {
    const parsed = parseListFilters(w.url, deps.settings.severities);
    const ctx = await w.context();
    const filtered = Object.entries(parsed.values).some(([k, v]) => (k === 'status' ? v !== 'open' : v !== ''));
    const page = parsed.errors.length ? undefined
      : await visiblePage(deps.repos.incidents, access, ctx, { ...parsed.filter, tenantId: access.tenantOf(ctx) }, parsed.cursor, LIST_PAGE_SIZE);
    return htmlPage(parsed.errors.length ? 400 : 200, (
      <IncidentListPage session={w.session} csrf={w.csrf} settings={deps.settings} values={parsed.values} errors={parsed.errors} page={page} filtered={filtered} now={clock.now()} />
    ));
  }));
}
