import { MusterError } from '../errors';
import type { PersonRef } from './person';

export type Audience = 'internal' | 'external';
export const AUDIENCES: readonly Audience[] = ['internal', 'external'];

export type StatusUpdateState = 'draft' | 'pending_approval' | 'approved' | 'published' | 'rejected';

export type UpdateAuthor =
  | { readonly kind: 'person'; readonly person: PersonRef }
  | { readonly kind: 'ai'; readonly model: string; readonly requestedBy: PersonRef };

/** Where an approved update went: a stakeholder channel, a status page... */
export interface PublishedTarget {
  readonly kind: string;
  readonly name: string;
  readonly url?: string;
}

export interface StatusUpdate {
  readonly id: string;
  readonly incidentId: string;
  readonly audience: Audience;
  readonly body: string;
  readonly author: UpdateAuthor;
  readonly state: StatusUpdateState;
  readonly createdAt: Date;
  readonly updatedAt: Date;
  readonly editedBy?: PersonRef;
  readonly decidedBy?: PersonRef;
  readonly decidedAt?: Date;
  readonly rejectionReason?: string;
  readonly publishedAt?: Date;
  readonly publishedTo: readonly PublishedTarget[];
  readonly version: number;
}

export const MAX_UPDATE_LENGTH = 3000;

const TRANSITIONS: Readonly<Record<StatusUpdateState, readonly StatusUpdateState[]>> = {
  draft: ['pending_approval', 'rejected'],
  pending_approval: ['approved', 'rejected'],
  approved: ['published'],
  published: [],
  rejected: [],
};

function move(update: StatusUpdate, to: StatusUpdateState, at: Date, extra: Partial<StatusUpdate> = {}): StatusUpdate {
  if (!TRANSITIONS[update.state].includes(to)) {
    throw new MusterError('invalid_state', `This update is ${update.state.replace('_', ' ')}; it cannot become ${to.replace('_', ' ')}.`, { from: update.state, to });
  }
  return { ...update, ...extra, state: to, updatedAt: at };
}

function checkBody(body: string): string {
  const text = body.trim();
  if (!text) throw new MusterError('missing_argument', 'An update needs some text.');
  if (text.length > MAX_UPDATE_LENGTH) throw new MusterError('invalid_argument', `Keep an update under ${MAX_UPDATE_LENGTH} characters (this one has ${text.length}).`);
  return text;
}

/**
 * A new update. Whoever wrote it, it goes straight to `pending_approval`: nothing leaves the incident
 * room without a person with the right role approving it.
 */
export function draftStatusUpdate(input: { id: string; incidentId: string; audience: Audience; body: string; author: UpdateAuthor; at: Date }): StatusUpdate {
  const draft: StatusUpdate = {
    id: input.id, incidentId: input.incidentId, audience: input.audience, body: checkBody(input.body), author: input.author,
    state: 'draft', createdAt: input.at, updatedAt: input.at, publishedTo: [], version: 0,
  };
  return move(draft, 'pending_approval', input.at);
}

export function editStatusUpdate(update: StatusUpdate, body: string, by: PersonRef, at: Date): StatusUpdate {
  if (update.state !== 'draft' && update.state !== 'pending_approval') {
    throw new MusterError('invalid_state', `This update is ${update.state.replace('_', ' ')}; only drafts can be edited.`);
  }
  return { ...update, body: checkBody(body), editedBy: by, updatedAt: at };
}

export const approveStatusUpdate = (u: StatusUpdate, by: PersonRef, at: Date): StatusUpdate =>
  move(u, 'approved', at, { decidedBy: by, decidedAt: at });

export const rejectStatusUpdate = (u: StatusUpdate, by: PersonRef, at: Date, reason?: string): StatusUpdate =>
  move(u, 'rejected', at, { decidedBy: by, decidedAt: at, rejectionReason: reason?.trim() || undefined });

export const markStatusUpdatePublished = (u: StatusUpdate, targets: readonly PublishedTarget[], at: Date): StatusUpdate =>
  move(u, 'published', at, { publishedAt: at, publishedTo: targets });
