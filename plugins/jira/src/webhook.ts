import { PayloadError, verifyBearer, verifyHeaderToken, verifyHmacSha256, type PluginContext, type TicketEvent, type Verification, type WebhookRequest } from '@muster/plugin-sdk';
import type { JiraConfig } from './config';
import { isIssueKey } from './issue-fields';

/** The header a sender that cannot sign (older Data Center) may carry WEBHOOK_SECRET in. */
export const TOKEN_HEADER = 'x-muster-token';

/**
 * `POST /webhooks/jira`. A Jira admin webhook with a secret (Cloud; Data Center releases that offer one) signs the exact
 * body: `X-Hub-Signature: sha256=<hex HMAC-SHA256>` (developer.atlassian.com, "Webhooks", secure
 * admin webhooks). Senders that cannot sign may present WEBHOOK_SECRET instead as `?token=`, an
 * `X-Muster-Token` header or a bearer token. A signed request is judged by its signature alone;
 * without WEBHOOK_SECRET everything is refused.
 */
export function verifyJiraWebhook(ctx: Pick<PluginContext<JiraConfig>, 'secrets'>, request: WebhookRequest): Verification {
  const secret = ctx.secrets.get('WEBHOOK_SECRET') ?? '';
  if (!secret) return { ok: false, reason: 'no WEBHOOK_SECRET is configured for Jira webhooks (MUSTER_PLUGIN_JIRA_WEBHOOK_SECRET)' };
  const signature = request.headers['x-hub-signature'];
  if (signature !== undefined) return verifyHmacSha256(request.rawBody, secret, signature, { prefix: 'sha256=' });
  if (request.headers[TOKEN_HEADER] !== undefined) return verifyHeaderToken(request, TOKEN_HEADER, secret);
  const token = request.query.token;
  if (token !== undefined) return verifyHeaderToken({ headers: { [TOKEN_HEADER]: token } }, TOKEN_HEADER, secret);
  if (request.headers.authorization !== undefined) return verifyBearer(request, secret);
  return { ok: false, reason: 'the request has no X-Hub-Signature, no token and no bearer token' };
}

interface StatusChange {
  readonly field?: unknown;
  readonly fieldId?: unknown;
  readonly fromString?: unknown;
  readonly toString?: unknown;
}

/**
 * `jira:issue_updated` whose changelog moves the status into one of `doneStatuses` → that ticket is
 * done; out of one → open again. Every other event, and every other change, means nothing here.
 */
export function ticketEventsOf(config: Pick<JiraConfig, 'doneStatuses'>, request: WebhookRequest): TicketEvent[] {
  const body = request.body;
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw new PayloadError('the body is not a JSON object');
  const { webhookEvent, issue, changelog } = body as { webhookEvent?: unknown; issue?: { key?: unknown } | null; changelog?: { items?: unknown } | null };
  if (webhookEvent !== 'jira:issue_updated') return [];
  const key = issue?.key;
  if (!isIssueKey(key)) throw new PayloadError('issue.key is missing or not an issue key');
  const items = Array.isArray(changelog?.items) ? changelog.items as unknown[] : [];
  const change = items.filter((i): i is StatusChange => typeof i === 'object' && i !== null)
    .filter((i) => i.fieldId === 'status' || i.field === 'status').at(-1);
  if (!change) return [];
  const done = (status: unknown) => typeof status === 'string' && config.doneStatuses.some((s) => s.toLowerCase() === status.trim().toLowerCase());
  // `toString` is a property of every object: read it only as the changelog's own field.
  const to = Object.hasOwn(change, 'toString') ? change.toString : undefined;
  if (!done(change.fromString) && done(to)) return [{ ticketId: key, state: 'done' }];
  if (done(change.fromString) && typeof to === 'string' && !done(to)) return [{ ticketId: key, state: 'open' }];
  return [];
}
