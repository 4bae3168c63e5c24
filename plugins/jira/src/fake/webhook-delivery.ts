import { createHmac } from 'node:crypto';

export interface StatusChangeOptions {
  readonly issueKey: string;
  readonly from: string;
  readonly to: string;
  /** Signs the body as a Jira admin webhook with a secret does; without it the delivery is unsigned. */
  readonly secret?: string;
  readonly webhookIdentifier?: string;
}

/**
 * A Jira webhook about an issue's status change, as Jira sends it (developer.atlassian.com,
 * "Webhooks": `jira:issue_updated` with `issue` and a `changelog` whose item has field `status`),
 * with `X-Hub-Signature: sha256=<hex HMAC-SHA256 of the body>` when a secret is given.
 */
export function statusChangeDelivery(options: StatusChangeOptions): { rawBody: string; headers: Record<string, string> } {
  const body = {
    timestamp: 1_767_225_600_000,
    webhookEvent: 'jira:issue_updated',
    issue_event_type_name: 'issue_generic',
    user: { accountId: '5b10ac8d82e05b22cc7d4ef5', displayName: 'Grace Hopper' },
    issue: {
      id: '10002',
      key: options.issueKey,
      fields: { summary: 'Follow-up', status: { name: options.to, statusCategory: { key: options.to === 'Done' ? 'done' : 'indeterminate' } } },
    },
    changelog: {
      id: '10105',
      items: [{ field: 'status', fieldtype: 'jira', fieldId: 'status', from: '10000', fromString: options.from, to: '10001', toString: options.to }],
    },
  };
  const rawBody = JSON.stringify(body);
  const headers: Record<string, string> = {
    'content-type': 'application/json; charset=utf-8',
    'user-agent': 'Atlassian Webhook HTTP Client',
    'x-atlassian-webhook-identifier': options.webhookIdentifier ?? '8e6f4c1a-0000-4000-8000-000000000001',
  };
  if (options.secret) headers['x-hub-signature'] = `sha256=${createHmac('sha256', options.secret).update(rawBody).digest('hex')}`;
  return { rawBody, headers };
}
