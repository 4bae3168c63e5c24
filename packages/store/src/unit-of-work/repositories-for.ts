import type { Repositories } from '@muster/core';
import { SqlActionItemRepository } from '../repositories/sql-action-item-repository';
import { SqlAlertGroupRepository } from '../repositories/sql-alert-group-repository';
import { SqlInboxRepository } from '../repositories/sql-inbox-repository';
import { SqlIncidentRepository } from '../repositories/sql-incident-repository';
import { SqlOutbox } from '../repositories/sql-outbox';
import { SqlPostmortemRepository } from '../repositories/sql-postmortem-repository';
import { SqlServiceRepository } from '../repositories/sql-service-repository';
import { SqlStatusUpdateRepository } from '../repositories/sql-status-update-repository';
import { SqlSummaryStateRepository } from '../repositories/sql-summary-state-repository';
import { SqlTimelineRepository } from '../repositories/sql-timeline-repository';
import type { TransactionContext } from './group-commit-queue';

/** Every repository bound to one transaction's connection. */
export function repositoriesFor(tx: TransactionContext): Repositories {
  return {
    incidents: new SqlIncidentRepository(tx),
    timeline: new SqlTimelineRepository(tx),
    actionItems: new SqlActionItemRepository(tx),
    statusUpdates: new SqlStatusUpdateRepository(tx),
    postmortems: new SqlPostmortemRepository(tx),
    services: new SqlServiceRepository(tx),
    inbox: new SqlInboxRepository(tx),
    outbox: new SqlOutbox(tx),
    summaries: new SqlSummaryStateRepository(tx),
    alertGroups: new SqlAlertGroupRepository(tx),
  };
}
