import { PluginHttpError, type CallOptions, type PluginStorage } from '@muster/plugin-sdk';
import { idempotencyLabel, isIssueKey } from './issue-fields';
import type { JiraApi } from './jira-api';

/** What `storage` keeps per create call: the key once made, or that an attempt began. */
type CreateState = { readonly key: string } | { readonly pending: true };

/**
 * Creates an issue at most once per `idempotencyKey`, although the outbox may call again after a
 * crash or a lost answer. Jira's create has no idempotency key, so the issue carries a label made
 * from it, and every attempt after one whose outcome is unknown (the host's `uncertainSince`, or a
 * begun attempt noted in storage) searches for that label before creating. The create itself is not
 * retried inside the call: a 502 or a time-out may hide an issue Jira made.
 */
export async function createOnce(api: JiraApi, storage: PluginStorage, fields: Readonly<Record<string, unknown>>, options: CallOptions, update?: unknown): Promise<{ readonly key: string; readonly created: boolean }> {
  const label = idempotencyLabel(options.idempotencyKey);
  const slot = `create:${label}`;
  const known = await storage.get<CreateState>(slot);
  if (known && 'key' in known && isIssueKey(known.key)) return { key: known.key, created: false };
  if (options.uncertainSince || known) {
    const found = await findByLabel(api, label);
    if (found) {
      await storage.set(slot, { key: found });
      return { key: found, created: false };
    }
  }
  await storage.set(slot, { pending: true });
  const labels = [...(Array.isArray(fields.labels) ? fields.labels as string[] : []), label];
  const created = await api.post<{ key?: unknown }>('/issue', { fields: { ...fields, labels }, ...(update ? { update } : {}) }, { retries: 0 });
  const key = (created as { key?: unknown } | null)?.key;
  if (!isIssueKey(key)) throw new PluginHttpError('Jira answered the create without an issue key Muster can use', 201);
  await storage.set(slot, { key });
  return { key, created: true };
}

/**
 * The issue an earlier attempt made, by its label: the oldest when (against all odds) there are
 * several. Cloud has `POST /rest/api/3/search/jql`; Data Center `POST /rest/api/2/search`.
 */
export async function findByLabel(api: JiraApi, label: string): Promise<string | undefined> {
  const body = { jql: `labels = "${label}" ORDER BY created ASC`, fields: ['created'], maxResults: 10 };
  const answer = await api.post<{ issues?: unknown }>(api.cloud ? '/search/jql' : '/search', body);
  const issues = (answer as { issues?: unknown } | null)?.issues;
  // An answer that cannot be read is not "nothing found": creating then could make a second issue.
  if (!Array.isArray(issues)) throw new PluginHttpError('Jira answered the search for an earlier attempt\'s issue without an issues list', 200);
  const keys = issues.map((issue) => (issue as { key?: unknown } | null)?.key).filter(isIssueKey);
  return keys.sort((a, b) => numberOf(a) - numberOf(b))[0];
}

const numberOf = (key: string): number => Number(key.slice(key.lastIndexOf('-') + 1));
