import { type ChatPlatform, type DirectoryPort, type EmailDirectory, parseMention, type PersonRef } from '@muster/core';
import { LRUCache } from 'lru-cache';
import { type GraphClient, odataString } from './graph/graph-client';
import type { GraphUser } from './graph/graph-types';

/** An email address or user principal name: what Graph can look a person up by. */
const EMAIL = /^[^\s@<>()",;]{1,64}@[A-Za-z0-9.-]{1,190}\.[A-Za-z]{2,63}$/;
/** `@ana.lopez` or `ana.lopez`: a mail nickname someone typed. */
const NICKNAME = /^@?([\p{L}\p{N}._-]{1,64})$/u;
const TTL_MS = 24 * 60 * 60_000;
const GROUP_TTL_MS = 5 * 60_000;

export interface TeamsDirectoryOptions {
  /** Without Graph only mention tokens resolve (the transport turns Teams mentions into them). */
  readonly graph?: GraphClient;
  /** The tenant Graph answers for (its token is app-only for one tenant). */
  readonly tenantId?: string;
}

/**
 * People on Teams. A neutral mention token (`<@teams:<aad id>|Name>`) resolves at once, no call. An
 * email, UPN or `@nickname` is looked up through Graph when it is configured for that tenant, and
 * remembered for a day (hits and misses alike, so a typo does not cost a Graph call each time).
 * `emailOf` / `byEmail` let the server link the same human across Slack and Teams by email.
 */
export class TeamsDirectory implements DirectoryPort, EmailDirectory {
  // Per instance by design: Graph is the truth; each instance pays its own look-up once a day.
  private readonly lookups = new LRUCache<string, Promise<PersonRef | null>>({ max: 20_000, ttl: TTL_MS });
  private readonly emails = new LRUCache<string, Promise<string | null>>({ max: 20_000, ttl: TTL_MS });
  /** Group memberships change (on-call rotations): remembered minutes, not a day. */
  private readonly groups = new LRUCache<string, Promise<PersonRef[] | null>>({ max: 2_000, ttl: GROUP_TTL_MS });

  constructor(private readonly options: TeamsDirectoryOptions = {}) {}

  /** Only Graph knows people's emails: without it, Teams people are never linked. */
  get knowsEmails(): boolean {
    return !!this.options.graph;
  }

  async resolve(_platform: ChatPlatform, workspaceId: string, handle: string): Promise<PersonRef | undefined> {
    const text = handle.trim();
    const mentioned = parseMention(text);
    if (mentioned) return mentioned.platform === 'teams' ? mentioned : undefined;
    if (EMAIL.test(text)) return this.byEmail(workspaceId, text);
    const nickname = NICKNAME.exec(text)?.[1];
    if (!nickname || !this.canAsk(workspaceId)) return undefined;
    return this.cached(this.lookups, `${workspaceId}:nick:${nickname.toLowerCase()}`, async (graph) => {
      const found = await graph.usersWhere(`mailNickname eq ${odataString(nickname)}`);
      return found.length === 1 ? personOf(found[0]!) : null;
    });
  }

  /** The person with this email (or UPN) in the tenant, when Graph knows exactly one. */
  async byEmail(workspaceId: string, email: string): Promise<PersonRef | undefined> {
    const address = email.trim().replace(/^mailto:/i, '');
    if (!EMAIL.test(address) || !this.canAsk(workspaceId)) return undefined;
    return this.cached(this.lookups, `${workspaceId}:mail:${address.toLowerCase()}`, async (graph) => {
      const byUpn = await graph.user(address);
      if (byUpn) return personOf(byUpn);
      const byMail = await graph.usersWhere(`mail eq ${odataString(address)}`);
      return byMail.length === 1 ? personOf(byMail[0]!) : null;
    });
  }

  /**
   * The users of the Microsoft Entra group with this email (a workflow's `invite: [payments-oncall@contoso.com]`),
   * through Graph (`GroupMember.Read.All`); undefined without Graph, or when no one group has the address,
   * so the caller looks the address up as a person's.
   */
  async groupMembers(_platform: ChatPlatform, workspaceId: string, name: string): Promise<readonly PersonRef[] | undefined> {
    const address = name.trim().replace(/^mailto:/i, '');
    if (!EMAIL.test(address) || !this.canAsk(workspaceId)) return undefined;
    return this.cached(this.groups, `${workspaceId}:group:${address.toLowerCase()}`, async (graph) => {
      const found = await graph.groupsWhere(`mail eq ${odataString(address)}`);
      return found.length === 1 ? (await graph.groupUsers(found[0]!.id)).map(personOf) : null;
    });
  }

  /** A Teams person's email (their mail, else their UPN), for linking them with the same human elsewhere. */
  async emailOf(workspaceId: string, person: PersonRef): Promise<string | undefined> {
    if (person.platform !== 'teams' || !this.canAsk(workspaceId)) return undefined;
    return this.cached(this.emails, `${workspaceId}:${person.id}`, async (graph) => {
      const user = await graph.user(person.id);
      return user?.mail ?? user?.userPrincipalName ?? null;
    });
  }

  private canAsk(workspaceId: string): boolean {
    return !!this.options.graph && (!this.options.tenantId || this.options.tenantId === workspaceId);
  }

  /** One look-up per key at a time, remembered; a failed look-up is forgotten so the next one asks again. */
  private async cached<T>(cache: LRUCache<string, Promise<T | null>>, key: string, look: (graph: GraphClient) => Promise<T | null>): Promise<T | undefined> {
    let pending = cache.get(key);
    if (!pending) {
      pending = look(this.options.graph as GraphClient);
      cache.set(key, pending);
      pending.catch(() => cache.delete(key));
    }
    return (await pending) ?? undefined;
  }
}

function personOf(user: GraphUser): PersonRef {
  return { platform: 'teams', id: user.id, ...(user.displayName ? { name: user.displayName } : {}) };
}
