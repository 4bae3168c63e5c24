import type { Repositories } from '@muster/core';
import { TypeOrmActionItemRepository } from '../repositories/typeorm-action-item-repository';
import { TypeOrmAlertGroupRepository } from '../repositories/typeorm-alert-group-repository';
import { TypeOrmInboxRepository } from '../repositories/typeorm-inbox-repository';
import { TypeOrmIncidentRepository } from '../repositories/typeorm-incident-repository';
import { TypeOrmOutbox } from '../repositories/typeorm-outbox';
import { TypeOrmPostmortemRepository } from '../repositories/typeorm-postmortem-repository';
import { TypeOrmServiceRepository } from '../repositories/typeorm-service-repository';
import { TypeOrmStatusUpdateRepository } from '../repositories/typeorm-status-update-repository';
import { TypeOrmSummaryStateRepository } from '../repositories/typeorm-summary-state-repository';
import { TypeOrmTimelineRepository } from '../repositories/typeorm-timeline-repository';
import type { TransactionContext } from './group-commit-queue';

/** Every repository bound to one transaction's connection. */
export function repositoriesFor(tx: TransactionContext): Repositories {
  return {
    incidents: new TypeOrmIncidentRepository(tx),
    timeline: new TypeOrmTimelineRepository(tx),
    actionItems: new TypeOrmActionItemRepository(tx),
    statusUpdates: new TypeOrmStatusUpdateRepository(tx),
    postmortems: new TypeOrmPostmortemRepository(tx),
    services: new TypeOrmServiceRepository(tx),
    inbox: new TypeOrmInboxRepository(tx),
    outbox: new TypeOrmOutbox(tx),
    summaries: new TypeOrmSummaryStateRepository(tx),
    alertGroups: new TypeOrmAlertGroupRepository(tx),
  };
}
