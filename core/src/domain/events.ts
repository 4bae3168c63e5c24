import type { IntegrationStatus } from './integration';
import type { IncidentStatus } from './lifecycle';
import type { ConversationRef, Link, PersonRef } from './person';
import type { ActionItem } from './action-item';
import type { StatusUpdate } from './status-update';

/** What happened to an incident, recorded by its intent methods and turned into timeline entries and side effects. */
export type IncidentEvent =
  | { readonly type: 'declared'; readonly at: Date; readonly by: PersonRef; readonly severity: string; readonly title: string }
  | { readonly type: 'status_changed'; readonly at: Date; readonly by: PersonRef; readonly from: IncidentStatus; readonly to: IncidentStatus; readonly reason?: string }
  | { readonly type: 'severity_changed'; readonly at: Date; readonly by: PersonRef; readonly from: string; readonly to: string }
  | { readonly type: 'role_assigned'; readonly at: Date; readonly by: PersonRef; readonly role: string; readonly person: PersonRef; readonly previous?: PersonRef }
  | { readonly type: 'details_changed'; readonly at: Date; readonly by: PersonRef; readonly title?: string; readonly summary?: string; readonly services?: readonly string[] }
  | { readonly type: 'room_linked'; readonly at: Date; readonly room: ConversationRef }
  | { readonly type: 'link_added'; readonly at: Date; readonly by: PersonRef; readonly kind: string; readonly link: Link }
  /** An integration's line changed in a way people see (state, link, detail): see Incident.recordIntegration. */
  | { readonly type: 'integration_changed'; readonly at: Date; readonly status: IntegrationStatus; readonly previous?: IntegrationStatus['state'] };

export type IncidentEventType = IncidentEvent['type'];

/**
 * What happened to a stakeholder status update that the rest of Muster may act on. Status updates are
 * records of their own (not incident state), so they have their own event. Only the publication is
 * one: a draft, an approval waiting to publish or a rejection stays between the people in the room.
 */
export type StatusUpdateEvent = {
  readonly type: 'update_published';
  readonly at: Date;
  /** As published: approved by a person (`decidedBy`), with where it went (`publishedTo`). */
  readonly update: StatusUpdate;
};

/**
 * A follow-up was added or changed (done, reopened, reassigned). Action items are records of their
 * own, so they have their own event, heard by ActionItemSubscribers in the transaction of the change.
 */
export type ActionItemEvent = {
  readonly type: 'action_item_added' | 'action_item_changed';
  readonly at: Date;
  /** As saved. */
  readonly item: ActionItem;
  readonly by: PersonRef;
  /** Where the change came from (`slack`, `api`, or a plugin id when a ticket closed in its tracker). */
  readonly source: string;
};
