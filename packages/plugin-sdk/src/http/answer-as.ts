import type { z } from 'zod';
import { PluginHttpError } from '../errors';
import type { HttpResponse } from '../plugin-context';

/**
 * A remote answer's JSON read as `schema`. A body that is not JSON, or not the documented shape,
 * fails as a `PluginHttpError` naming the first wrong field (the host shows it on the card and the
 * outbox retries), never as a TypeError deep in the plugin. `what` names the call, e.g.
 * `PagerDuty GET /services/P1`; the body itself is not repeated (it may be huge or hostile).
 */
export function answerAs<S extends z.ZodType>(response: HttpResponse, schema: S, what: string): z.output<S> {
  const parsed = schema.safeParse(response.json());
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const field = issue ? `${issue.path.join('.') || '(the body)'}: ${issue.message}` : 'unexpected shape';
  throw new PluginHttpError(`${what} answered ${response.status} with an unexpected body (${field.slice(0, 200)})`, response.status);
}
