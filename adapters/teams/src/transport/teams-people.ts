import type { PersonRef } from '@muster/core';
import type { ChannelAccount } from './activity.schema';
import { BoundedMemory } from './bounded-memory';
import type { TeamsTurn } from './teams-turn';

/** A Teams user as core's person: the AAD object id is the id; the name is what Teams showed. */
export function teamsPerson(aadObjectId: string, name?: string | null): PersonRef {
  const shown = name?.trim();
  return { platform: 'teams', id: aadObjectId, ...(shown ? { name: shown } : {}) };
}

/** Bot Framework ids of people (`29:…`); bots are `28:…`, channels and tags other forms. */
const isUserId = (id: string): boolean => id.startsWith('29:');

/**
 * Finds the AAD object id behind a Bot Framework account: from the activity when Teams sent it, else
 * from the conversation roster (`GET /v3/conversations/{id}/members/{memberId}`), remembered per tenant.
 */
export class TeamsPeople {
  // Per instance by design: the roster is the truth and an id's AAD object id never changes.
  private readonly known = new BoundedMemory<string>(10_000);

  async personOf(turn: TeamsTurn, tenantId: string, account: ChannelAccount): Promise<PersonRef | undefined> {
    if (account.aadObjectId) return teamsPerson(account.aadObjectId, account.name);
    if (!isUserId(account.id)) return undefined;
    const key = `${tenantId}:${account.id}`;
    let aad = this.known.get(key);
    if (!aad) {
      const member = await turn.member(account.id).catch(() => undefined);
      if (!member?.aadObjectId) return undefined;
      aad = member.aadObjectId;
      this.known.set(key, aad);
    }
    return teamsPerson(aad, account.name);
  }
}
