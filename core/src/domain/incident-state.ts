import type { IntegrationStatus } from './integration';
import type { ConversationRef, Link, PersonRef } from './person';
import type { IncidentStatus, Milestone } from './lifecycle';

/** The incident aggregate's stored state and what declaring one takes (incident.ts holds the behaviour). */

export interface RoleAssignment {
  readonly role: string;
  readonly person: PersonRef;
  readonly assignedAt: Date;
  readonly assignedBy: PersonRef;
}

/** A room of the incident, with the pinned card we keep up to date in it. */
export type IncidentRoom = ConversationRef & { readonly cardMessageId?: string };

export interface IncidentLinks {
  /** The incident's rooms, at most one per platform and workspace. */
  readonly rooms: readonly IncidentRoom[];
  /** Tickets, call, status page, dashboards: keyed by kind (`ticket`, `call`, `status_page`, `runbook`...). */
  readonly external: readonly (Link & { readonly kind: string })[];
  /** What each integration did for the incident (page, ticket, call, runbook, status page); absent in incidents stored before them. */
  readonly integrations?: readonly IntegrationStatus[];
}

export interface IncidentState {
  readonly id: string;
  /** The organization the incident belongs to; nothing of it is seen from another tenant. */
  readonly tenantId: string;
  /** Sequential within the tenant: INC-<number>. */
  readonly number: number;
  readonly title: string;
  readonly summary: string;
  readonly severity: string;
  readonly status: IncidentStatus;
  readonly private: boolean;
  readonly services: readonly string[];
  readonly roles: readonly RoleAssignment[];
  readonly milestones: Readonly<Partial<Record<Milestone, Date>>>;
  readonly links: IncidentLinks;
  readonly declaredBy: PersonRef;
  /** Where the declaration came from: a chat platform, the API, or an alert source plugin id. */
  readonly source: string;
  readonly createdAt: Date;
  readonly updatedAt: Date;
  /** Optimistic concurrency: bumped by every save; a save from a stale copy is refused. */
  readonly version: number;
}

export interface NewIncident {
  readonly id: string;
  /** Defaults to the default tenant (single-organization installs and tests). */
  readonly tenantId?: string;
  readonly number: number;
  readonly title: string;
  readonly severity: string;
  readonly summary?: string;
  readonly services?: readonly string[];
  readonly private?: boolean;
  readonly declaredBy: PersonRef;
  readonly source: string;
  readonly at: Date;
  /** When the problem started, if known earlier than the declaration (alerts know). */
  readonly detectedAt?: Date;
  /** Make the declarer Incident Commander straight away (people, not alerts). */
  readonly declarerTakesCommand?: boolean;
}
