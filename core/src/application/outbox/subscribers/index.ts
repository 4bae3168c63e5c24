import type { Newable } from 'inversify';
import type { IncidentEventSubscriber } from '../../extensions/extension-points';
import { AnnounceSubscriber } from './announce.subscriber';
import { PostmortemDraftSubscriber } from './postmortem-draft.subscriber';
import { RoomInviteSubscriber } from './room-invite.subscriber';
import { RoomSetupSubscriber } from './room-setup.subscriber';

/**
 * Core's own reactions to domain events, bound under TOKENS.IncidentEventSubscriber in this order
 * (the order their effects are enqueued in: on a declaration the announcement, then the rooms).
 * The card refresh after any change is the recorder's own, once per change rather than per event.
 */
export const CORE_SUBSCRIBERS: readonly Newable<IncidentEventSubscriber>[] = [AnnounceSubscriber, RoomSetupSubscriber, PostmortemDraftSubscriber, RoomInviteSubscriber];
