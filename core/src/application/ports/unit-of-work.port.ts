import type { Outbox } from './outbox.port';
import type {
  ActionItemRepository, AlertGroupRepository, InboxRepository, IncidentRepository, PostmortemRepository, ServiceRepository,
  StatusUpdateRepository, TimelineRepository,
} from './repositories.port';
import type { SummaryStateRepository } from './summarizer.port';

/** Every repository, bound to one transaction (inside `UnitOfWork.run`) or to none (outside). */
export interface Repositories {
  readonly incidents: IncidentRepository;
  readonly timeline: TimelineRepository;
  readonly actionItems: ActionItemRepository;
  readonly statusUpdates: StatusUpdateRepository;
  readonly postmortems: PostmortemRepository;
  readonly services: ServiceRepository;
  readonly inbox: InboxRepository;
  readonly outbox: Outbox;
  readonly summaries: SummaryStateRepository;
  /** Which incident each alert group declared (services/alert-intake.ts). */
  readonly alertGroups: AlertGroupRepository;
}

export interface UnitOfWork {
  /**
   * Runs `work` in one transaction: everything it writes is committed together or not at all.
   * Throws MusterError `unavailable` when the database cannot be reached, so callers answer 5xx.
   * `work` may run more than once: the SQL store runs it again when another transaction's locks cost
   * it its own (a deadlock between two instances), so load what it changes inside it (not before),
   * and leave effects outside the database to the outbox.
   */
  run<T>(work: (tx: Repositories) => Promise<T>): Promise<T>;
}
