import type { ActionItem } from '../../domain/action-item';
import type { Incident } from '../../domain/incident';
import type { IncidentStatus } from '../../domain/lifecycle';
import type { ConversationRef } from '../../domain/person';
import type { Postmortem } from '../../domain/postmortem';
import type { Service } from '../../domain/service';
import type { StatusUpdate } from '../../domain/status-update';
import type { ExternalMessageRef, TimelineEntry, TimelineKind } from '../../domain/timeline';

export interface IncidentFilter {
  /** Only this tenant's incidents. Every caller acting for a person or token sets it. */
  readonly tenantId?: string;
  readonly statuses?: readonly IncidentStatus[];
  readonly severities?: readonly string[];
  /** Leave private incidents out (callers without access to them). */
  readonly excludePrivate?: boolean;
  readonly limit?: number;
  /** Return incidents with a number below this one (newest-first paging). */
  readonly beforeNumber?: number;
  /** Return incidents with a number above this one (paging back towards the newest; see `oldestFirst`). */
  readonly afterNumber?: number;
  /** Order by number ascending instead of newest first: with `afterNumber` and `limit`, the page just newer than a cursor. */
  readonly oldestFirst?: boolean;
  /**
   * Free text a person typed: matches the title or summary containing it (ignoring ASCII case), or the
   * incident whose reference it is (`INC-42`, `inc-42`). `%` and `_` are plain characters, not wildcards.
   */
  readonly text?: string;
  /** Only incidents affecting this service (exact name, ignoring ASCII case). */
  readonly service?: string;
  /** Declared at or after this time (dashboard date range, metrics windows). */
  readonly declaredFrom?: Date;
  /** Declared before this time. */
  readonly declaredBefore?: Date;
}

export interface IncidentRepository {
  /** The tenant's next INC number; unique within the tenant even under concurrent declarations. */
  nextNumber(tenantId: string): Promise<number>;
  /**
   * Insert (version 0) or update. Throws MusterError `conflict` when the stored version is not the
   * one this copy was loaded at; on success calls `incident.markSaved(newVersion)` (put back, in the SQL
   * store, if the transaction then does not commit).
   */
  save(incident: Incident): Promise<void>;
  findById(id: string): Promise<Incident | undefined>;
  findByNumber(tenantId: string, number: number): Promise<Incident | undefined>;
  findByRoom(room: Pick<ConversationRef, 'platform' | 'workspaceId' | 'conversationId'>): Promise<Incident | undefined>;
  /** Newest first. */
  list(filter?: IncidentFilter): Promise<Incident[]>;
  /** Counts by status and severity, for metrics. */
  countByStatusAndSeverity(): Promise<{ status: IncidentStatus; severity: string; count: number }[]>;
}

export interface TimelineQuery {
  /** Only entries with a position greater than this. */
  readonly afterPosition?: number;
  readonly limit?: number;
  readonly highlightedOnly?: boolean;
  /** Only entries of these kinds, filtered by the store: a check for one kind of change reads those, not the whole timeline. */
  readonly kinds?: readonly TimelineKind[];
  /** Only the newest N entries that match (still returned oldest first): the tail of a long timeline without reading the rest. */
  readonly newest?: number;
}

export interface TimelineRepository {
  /** Stores the entry unless one with the same idempotency key exists; returns whether it was stored. */
  append(entry: TimelineEntry): Promise<boolean>;
  /**
   * `append` for many entries in one statement (busy rooms capture many messages at once). Returns,
   * in order, whether each was stored; of two entries with the same key in one call, the first wins.
   */
  appendMany(entries: readonly TimelineEntry[]): Promise<boolean[]>;
  /** Oldest first. */
  list(incidentId: string, query?: TimelineQuery): Promise<TimelineEntry[]>;
  count(incidentId: string): Promise<number>;
  findByKey(idempotencyKey: string): Promise<TimelineEntry | undefined>;
  findByExternal(ref: Pick<ExternalMessageRef, 'platform' | 'conversationId' | 'messageId'>): Promise<TimelineEntry | undefined>;
  /** Replace the mutable parts (text, revisions, highlight, deletion) of an existing entry. */
  update(entry: TimelineEntry): Promise<void>;
}

export interface ActionItemRepository {
  save(item: ActionItem): Promise<void>;
  findById(id: string): Promise<ActionItem | undefined>;
  listByIncident(incidentId: string): Promise<ActionItem[]>;
  /** The action items of every incident given, in one read (metrics: one query per page of incidents). */
  listByIncidents(incidentIds: readonly string[]): Promise<ActionItem[]>;
}

export interface StatusUpdateRepository {
  /** Insert or update with the same optimistic version rule as incidents; returns the saved copy. */
  save(update: StatusUpdate): Promise<StatusUpdate>;
  findById(id: string): Promise<StatusUpdate | undefined>;
  listByIncident(incidentId: string): Promise<StatusUpdate[]>;
}

export interface PostmortemRepository {
  save(postmortem: Postmortem): Promise<Postmortem>;
  findByIncident(incidentId: string): Promise<Postmortem | undefined>;
}

/** A tenant's service catalogue. Names are unique per tenant and looked up ignoring case. */
export interface ServiceRepository {
  /** Insert or replace by id; `duplicate` when another service of the tenant has the name. */
  save(service: Service): Promise<void>;
  findByName(tenantId: string, name: string): Promise<Service | undefined>;
  /** By name. */
  list(tenantId: string): Promise<Service[]>;
  /** False when there was no such service. */
  remove(tenantId: string, name: string): Promise<boolean>;
}

/** Processed idempotency keys of inbound events and commands that do not land on the timeline. */
export interface InboxRepository {
  /** Records the key; returns false when it was already there (a redelivery). */
  claim(key: string, at: Date): Promise<boolean>;
}

/** One alert group of one alert source installation in one tenant: what "the same problem firing again" means. */
export interface AlertGroupRef {
  readonly tenantId: string;
  readonly pluginId: string;
  /** `config` for the muster.yaml installation (shared by every plugin there, hence the plugin id too). */
  readonly installationId: string;
  readonly groupKey: string;
}

export interface AlertGroupLink extends AlertGroupRef {
  /** The incident the group's latest declaration made; it may since have been resolved, closed or declined. */
  readonly incidentId: string;
  readonly linkedAt: Date;
}

/**
 * Which incident each alert group last declared: at most one link per group, so two webhooks of a new
 * group racing each other cannot both keep an incident (the second `link` fails and its work rolls back).
 */
export interface AlertGroupRepository {
  /** The group's link, whether or not its incident is still open (callers load the incident and decide). */
  find(group: AlertGroupRef): Promise<AlertGroupLink | undefined>;
  /**
   * Points the group at `incidentId`, replacing the link to `replacing` (the incident id `find` returned,
   * or undefined when it found none). Throws MusterError `conflict` when the stored link is no longer
   * `replacing`: another webhook linked the group meanwhile.
   */
  link(group: AlertGroupRef, incidentId: string, at: Date, replacing: string | undefined): Promise<void>;
}
