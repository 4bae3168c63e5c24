import { randomUUID } from 'node:crypto';
import { IncidentMetricsReport, parseMetricWeeks } from '@muster/core';
import type { Store } from '@muster/store';
import type { Container } from 'inversify';
import { SERVER_TOKENS } from '../container/server-tokens';
import { json } from '../http/response';
import type { Router } from '../http/router';
import { apiContext } from './api-auth';
import { API_PREFIX, apiRouting } from './api-routing';

/**
 * The dashboard's metrics over REST: the same core report (and access decision) as /metrics/incidents,
 * for the token's tenant. Durations are milliseconds; weeks start on Monday UTC.
 */
export function registerMetricsApiRoute(router: Router, container: Container): void {
  const { authed } = apiRouting(container.get<Store>(SERVER_TOKENS.Store));
  const report = container.get(IncidentMetricsReport);
  router.get(`${API_PREFIX}/metrics`, authed(async (r, caller) => {
    // A bad `weeks` is core's invalid_argument: a 400 saying which numbers Muster takes.
    const weeks = parseMetricWeeks(r.url.searchParams.get('weeks'));
    return json(200, await report.execute(apiContext(caller, `api:read:${randomUUID()}`), weeks));
  }));
}
