import { createPluginHttp, type PluginService } from '@muster/plugin-sdk';
import { activateForTest, type ActivatedPlugin } from '@muster/plugin-sdk/testing';
import { FakeJira, type FakeJiraOptions, type FakeUser } from './fake';
import jira from './index';

export const CLOUD_SECRETS = { EMAIL: 'muster-bot@acme.example', API_TOKEN: 'ATATT3xFfGF0-jira-api-token-7Qm2', WEBHOOK_SECRET: 'jira-whsec-9c1f4e2b' };
export const DC_SECRETS = { PERSONAL_ACCESS_TOKEN: 'NjM4OTk1-dc-personal-access-token-Zx8', WEBHOOK_SECRET: 'jira-whsec-9c1f4e2b' };

export const GRACE: FakeUser = { accountId: '5b10ac8d82e05b22cc7d4ef5', name: 'grace', emailAddress: 'grace@acme.example', displayName: 'Grace Hopper' };
export const ALAN: FakeUser = { accountId: '5b10a2844c20165700ede21g', name: 'alan', emailAddress: 'alan@acme.example', displayName: 'Alan Turing' };

export interface JiraHarness {
  readonly fake: FakeJira;
  readonly plugin: ActivatedPlugin<'ticketing'>;
  readonly secrets: Readonly<Record<string, string>>;
}

/**
 * The plugin activated as the host would, its real `ctx.http` pointed at a fresh fake Jira site (the
 * credentials it expects, two users), redirects and retries as in production but without waiting.
 */
export async function startJira(options: {
  readonly deployment?: 'cloud' | 'datacenter';
  readonly config?: Record<string, unknown>;
  readonly fake?: FakeJiraOptions;
  readonly services?: readonly PluginService[];
  readonly secrets?: Record<string, string>;
  /** Per attempt, for the specs of a remote that never answers. */
  readonly timeoutMs?: number;
} = {}): Promise<JiraHarness> {
  const deployment = options.deployment ?? 'cloud';
  const secrets = options.secrets ?? (deployment === 'cloud' ? CLOUD_SECRETS : DC_SECRETS);
  const fake = await FakeJira.start({
    users: [GRACE, ALAN],
    ...(deployment === 'cloud' ? { email: CLOUD_SECRETS.EMAIL, apiToken: CLOUD_SECRETS.API_TOKEN } : { personalAccessToken: DC_SECRETS.PERSONAL_ACCESS_TOKEN }),
    ...options.fake,
  });
  const http = createPluginHttp({ baseUrl: fake.url, timeoutMs: options.timeoutMs, backoff: { baseMs: 1, maxMs: 2 }, redact: Object.values(secrets) });
  const plugin = await activateForTest(jira, {
    config: { apiUrl: fake.url, deployment, project: 'OPS', ...options.config },
    secrets,
    http,
    services: options.services,
  });
  return { fake, plugin, secrets };
}

/** What a call threw (it must throw). */
export async function thrown(work: Promise<unknown>): Promise<Error> {
  try {
    await work;
  } catch (error) {
    return error as Error;
  }
  throw new Error('the call succeeded');
}
