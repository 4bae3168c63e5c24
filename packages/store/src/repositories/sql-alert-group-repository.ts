import { createHash } from 'node:crypto';
import { MusterError, type AlertGroupLink, type AlertGroupRef, type AlertGroupRepository } from '@muster/core';
import { isDuplicateKey } from '../errors';
import { AlertGroupRecord } from '../records/alert-group.record';
import { Db } from '../sql/db';
import type { TransactionContext } from '../unit-of-work/group-commit-queue';

/** The columns' widths (1733000000007-alert-groups.ts). */
const WIDTHS = { tenantId: 191, pluginId: 128, installationId: 191, incidentId: 64 } as const;

export class SqlAlertGroupRepository implements AlertGroupRepository {
  private readonly db: Db;

  constructor(tx: TransactionContext) {
    this.db = new Db(tx);
  }

  async find(group: AlertGroupRef): Promise<AlertGroupLink | undefined> {
    const record = await this.db.selectOne(AlertGroupRecord, 'id = ?', [groupId(group)]);
    if (!record) return undefined;
    const { tenantId, pluginId, installationId, groupKey, incidentId, linkedAt } = record;
    return { tenantId, pluginId, installationId, groupKey, incidentId, linkedAt };
  }

  /** A first link inserts (the primary key refuses a second); a later one is a compare-and-set UPDATE. */
  async link(group: AlertGroupRef, incidentId: string, at: Date, replacing: string | undefined): Promise<void> {
    checkWidths(group, incidentId);
    const id = groupId(group);
    if (replacing !== undefined) {
      if ((await this.db.update(AlertGroupRecord, { incidentId, linkedAt: at }, 'id = ? AND incident_id = ?', [id, replacing])) === 0) throw linkedMeanwhile();
      return;
    }
    try {
      await this.db.insert(AlertGroupRecord, [Object.assign(new AlertGroupRecord(), { id, ...pick(group), incidentId, linkedAt: at })]);
    } catch (error) {
      if (isDuplicateKey(error)) throw linkedMeanwhile(error);
      throw error;
    }
  }
}

/** JSON of the four parts, so no choice of separator lets two groups share an id. */
const groupId = (g: AlertGroupRef): string =>
  createHash('sha256').update(JSON.stringify([g.tenantId, g.pluginId, g.installationId, g.groupKey])).digest('hex');

const pick = ({ tenantId, pluginId, installationId, groupKey }: AlertGroupRef) => ({ tenantId, pluginId, installationId, groupKey });

function checkWidths(group: AlertGroupRef, incidentId: string): void {
  const values = { ...group, incidentId };
  for (const [field, width] of Object.entries(WIDTHS) as [keyof typeof WIDTHS, number][]) {
    if (!values[field] || values[field].length > width) {
      throw new MusterError('invalid_argument', `An alert group's ${field} must be 1-${width} characters; it is ${values[field]?.length ?? 0}.`);
    }
  }
  if (!group.groupKey) throw new MusterError('invalid_argument', 'An alert group needs a group key.');
}

const linkedMeanwhile = (cause?: unknown) =>
  new MusterError('conflict', 'Another webhook of this alert group was handled meanwhile; handle this one again.', {}, { cause });
