import type { FakeBotConnector } from '../../fakes/teams/fake-bot-connector';

/** One request the bot made to the Bot Connector, as received (conversation ids decoded). */
export interface ConnectorCall {
  readonly method: string;
  readonly path: string;
  readonly authorization?: string;
  readonly body: any; // eslint-disable-line @typescript-eslint/no-explicit-any -- activities of any shape; tests assert on them.
}

export interface RosterMember {
  readonly id: string;
  readonly name: string;
  readonly aadObjectId: string;
}

/** A roster whose members become users of the fake tenant, so the Bot Connector's member routes find them. */
class TenantRoster extends Map<string, RosterMember> {
  constructor(private readonly connector: FakeBotConnector) {
    super();
  }

  override set(key: string, member: RosterMember): this {
    const tenant = this.connector?.tenant;
    if (tenant && !tenant.users.has(member.aadObjectId)) tenant.addUser({ id: member.aadObjectId, displayName: member.name, botFrameworkId: member.id });
    return super.set(key, member);
  }
}

/**
 * What the Teams e2e suites read about the bot's Bot Connector traffic, over the full fake
 * (`fakes/teams/fake-bot-connector.ts`): every call with its decoded path, the posts to one
 * conversation, the updates, and everything said as one string to assert on what was never said.
 */
export class ConnectorLog {
  readonly roster: Map<string, RosterMember>;
  private refusing?: number;

  constructor(readonly fake: FakeBotConnector) {
    this.roster = new TenantRoster(fake);
  }

  get url(): string {
    return this.fake.serviceUrl;
  }

  get host(): string {
    return this.fake.host;
  }

  get calls(): ConnectorCall[] {
    return this.fake.calls().map((c) => ({
      method: c.method, path: safeDecode(c.path), body: c.body, ...(c.authorization ? { authorization: c.authorization } : {}),
    }));
  }

  /** Activities posted (sent or replied) to one conversation, oldest first. */
  posted(conversationId?: string): ConnectorCall[] {
    return this.calls.filter((c) => c.method === 'POST' && /\/activities(\/[^/]+)?$/u.test(c.path) && (!conversationId || c.path.includes(`/conversations/${conversationId}/`)));
  }

  updates(): ConnectorCall[] {
    return this.calls.filter((c) => c.method === 'PUT');
  }

  /** Everything posted or updated, as one string. */
  everything(): string {
    return JSON.stringify(this.calls.map((c) => c.body ?? null));
  }

  /** When set, Teams refuses to open a 1:1 chat with anyone (nobody installed the app personally). */
  get refuseDirectChats(): number | undefined {
    return this.refusing;
  }

  set refuseDirectChats(status: number | undefined) {
    this.refusing = status;
    this.fake.notInstalledFor.clear();
    if (status) for (const id of this.fake.tenant.users.keys()) this.fake.notInstalledFor.add(id);
  }
}

function safeDecode(path: string): string {
  try {
    return decodeURIComponent(path);
  } catch {
    return path;
  }
}
