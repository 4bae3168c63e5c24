import { MusterError } from '../errors';
import type { AlertGroupLink, AlertGroupRef, AlertGroupRepository } from '../application/ports/repositories.port';
import { copy, type InMemoryDatabase, type UndoLog } from './in-memory-database';

/** JSON of the four parts, so no choice of separator lets two groups share a key. */
export const alertGroupKey = (g: AlertGroupRef): string => JSON.stringify([g.tenantId, g.pluginId, g.installationId, g.groupKey]);

export class InMemoryAlertGroupRepository implements AlertGroupRepository {
  constructor(private readonly db: InMemoryDatabase, private readonly undo?: UndoLog) {}

  async find(group: AlertGroupRef): Promise<AlertGroupLink | undefined> {
    const link = this.db.alertGroups.get(alertGroupKey(group));
    return link && copy(link);
  }

  async link(group: AlertGroupRef, incidentId: string, at: Date, replacing: string | undefined): Promise<void> {
    checkWidths(group, incidentId);
    const key = alertGroupKey(group);
    const current = this.db.alertGroups.get(key)?.incidentId;
    if (current !== replacing) {
      throw new MusterError('conflict', 'Another webhook of this alert group was handled meanwhile; handle this one again.');
    }
    const { tenantId, pluginId, installationId, groupKey } = group;
    this.db.alertGroups.set(key, { tenantId, pluginId, installationId, groupKey, incidentId, linkedAt: new Date(at) }, this.undo);
  }
}

/** The SQL stores' column widths, so a test here fails where a real database would refuse the row. */
const WIDTHS = { tenantId: 191, pluginId: 128, installationId: 191, incidentId: 64 } as const;

function checkWidths(group: AlertGroupRef, incidentId: string): void {
  const values = { ...group, incidentId };
  for (const [field, width] of Object.entries(WIDTHS) as [keyof typeof WIDTHS, number][]) {
    if (!values[field] || values[field].length > width) {
      throw new MusterError('invalid_argument', `An alert group's ${field} must be 1-${width} characters; it is ${values[field]?.length ?? 0}.`);
    }
  }
  if (!group.groupKey) throw new MusterError('invalid_argument', 'An alert group needs a group key.');
}
