import { json } from '../http/response';
import type { Router } from '../http/router';
import { API_PREFIX } from './api-routing';
import { OPENAPI_DOCUMENT } from './openapi-document';

/** Serves the OpenAPI document without a token: it describes the API, it holds no data. */
export function registerOpenApiRoute(router: Router): void {
  router.get(`${API_PREFIX}/openapi.json`, async () => json(200, OPENAPI_DOCUMENT));
}
