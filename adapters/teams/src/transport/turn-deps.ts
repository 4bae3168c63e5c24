import type { InboundPort, Logger, PersonRef } from '@muster/core';
import type { TeamsCardKit } from './card-kit';
import type { FileOffers } from './file-offers';
import type { FileUploader } from './file-upload';
import type { FormMemory } from './form-memory';
import { teamsPerson, type TeamsPeople } from './teams-people';
import { TeamsReplySurface } from './teams-reply-surface';
import type { TeamsTurn } from './teams-turn';

/** What the activity handlers share: core's door, the card kit, and the transport's small memories. */
export interface TurnDeps {
  readonly inbound: InboundPort;
  readonly cards: TeamsCardKit;
  readonly people: TeamsPeople;
  readonly forms: FormMemory;
  /** Documents offered through file-consent cards, until answered. */
  readonly files: FileOffers;
  readonly uploader: FileUploader;
  readonly logger: Logger;
  /** Told after a request may have queued outbox work, so it runs at once (never awaited). */
  readonly onWorkQueued: () => void;
  readonly now: () => Date;
}

/** The sender as core's person; their Bot Framework id only if Teams gave no AAD id and the roster has none. */
export async function senderOf(turn: TeamsTurn, deps: TurnDeps, tenantId: string): Promise<PersonRef> {
  const { from } = turn.activity;
  return (await deps.people.personOf(turn, tenantId, from)) ?? teamsPerson(from.id, from.name);
}

export const surfaceFor = (turn: TeamsTurn, deps: TurnDeps): TeamsReplySurface => new TeamsReplySurface(turn, deps.cards, deps.forms, deps.files, deps.logger);
