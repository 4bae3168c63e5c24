import { inject, injectable } from 'inversify';
import type { AlertIntakeAction, AlertOrigin, AlertSignal } from '../../domain/alert';
import type { Incident } from '../../domain/incident';
import type { PersonRef } from '../../domain/person';
import { timelineEntry } from '../../domain/timeline';
import { isMusterError, MusterError } from '../../errors';
import { AccessPolicy } from '../access/access-policy';
import type { RequestContext } from '../incidents/request-context';
import { IncidentRecorder } from '../incidents/incident-recorder';
import { WorkflowSubscriber } from '../workflows/workflow-subscriber';
import type { AlertGroupRef } from '../ports/repositories.port';
import type { Clock, IdGenerator } from '../ports/system.port';
import type { Repositories, UnitOfWork } from '../ports/unit-of-work.port';
import type { MusterSettings } from '../container/settings';
import { TOKENS } from '../container/tokens';
import { ALERT_LIMITS, alertEntryData, alertEntryText, checkSignals, declarationOf, type AlertEntryWhat } from './alert-intake-signals';
import { DeclareIncident } from './declare-incident';
import { TransitionIncident } from './transition-incident';

export interface AlertIntakeResult {
  readonly groupKey: string;
  readonly deliveryId: string;
  readonly action: AlertIntakeAction;
  /** The incident the signal declared, noted on or resolved (for a duplicate: the one it acted on the first time). */
  readonly incident?: { readonly id: string; readonly reference: string };
}

/** Who acts when an alert changes an incident: the plugin, never a person (so nobody takes command). */
export const pluginActor = (origin: AlertOrigin): PersonRef => ({ platform: 'webhook', id: `plugin:${origin.pluginId}`, name: origin.pluginName });

/**
 * Turns alert signals into incidents: one open incident per (installation, alert group), later firings
 * noted on its timeline, the source's resolve resolving it (or noted, per `origin.onResolve`), and a
 * redelivered webhook (same delivery id) changing nothing. All signals of one webhook in one transaction.
 * Throws MusterError `invalid_argument` (nothing stored) for a signal it cannot take.
 */
@injectable()
export class AlertIntake {
  constructor(
    @inject(TOKENS.UnitOfWork) private readonly uow: UnitOfWork,
    @inject(TOKENS.Settings) private readonly settings: MusterSettings,
    @inject(DeclareIncident) private readonly declarations: DeclareIncident,
    @inject(TransitionIncident) private readonly transitions: TransitionIncident,
    @inject(IncidentRecorder) private readonly recorder: IncidentRecorder,
    @inject(AccessPolicy) private readonly access: AccessPolicy,
    @inject(TOKENS.Clock) private readonly clock: Clock,
    @inject(TOKENS.IdGenerator) private readonly ids: IdGenerator,
    @inject(WorkflowSubscriber) private readonly workflows: WorkflowSubscriber,
  ) {}

  async ingest(origin: AlertOrigin, signals: readonly AlertSignal[]): Promise<AlertIntakeResult[]> {
    const checked = checkSignals(signals);
    if (checked.length === 0) return [];
    const tenantId = this.access.tenantOf({ platform: 'webhook', workspaceId: origin.tenantId });
    const keys = checked.map((s) => deliveryKey(tenantId, origin, s.deliveryId));
    if (keys.some((k) => k.length > ALERT_LIMITS.deliveryKey)) {
      throw new MusterError('invalid_argument', 'The alert cannot be taken: its installation and delivery ids are too long to remember. Nothing was stored.');
    }
    const once = () => this.uow.run(async (tx) => {
      const results: AlertIntakeResult[] = [];
      for (const [i, signal] of checked.entries()) results.push(await this.one(tx, { ...origin, tenantId }, signal, keys[i]!));
      return results;
    });
    try {
      return await once();
    } catch (error) {
      if (!isMusterError(error, 'conflict')) throw error;
      // Another webhook of the same group committed first: both saw no open incident (the group link
      // refused the second), or both changed the same incident. Once more, this one sees what it did.
      return once();
    }
  }

  private async one(tx: Repositories, origin: AlertOrigin, signal: AlertSignal, key: string): Promise<AlertIntakeResult> {
    const said = { groupKey: signal.groupKey, deliveryId: signal.deliveryId };
    const now = this.clock.now();
    if (!(await tx.inbox.claim(key, now))) return { ...said, action: 'duplicate', ...(await this.earlier(tx, origin, key)) };
    const group: AlertGroupRef = { tenantId: origin.tenantId, pluginId: origin.pluginId, installationId: origin.installationId, groupKey: signal.groupKey };
    const link = await tx.alertGroups.find(group);
    const linked = link && (await tx.incidents.findById(link.incidentId));
    const open = linked?.isOpen && linked.tenantId === origin.tenantId ? linked : undefined;
    const ctx: RequestContext = { actor: pluginActor(origin), platform: 'webhook', workspaceId: origin.tenantId, idempotencyKey: key };
    if (signal.status === 'resolved') {
      if (!open) return { ...said, action: 'ignored' };
      if (origin.onResolve === 'note') return this.recordAlert(tx, origin, signal, open, key, 'noted');
      // Every open status may move to resolved (triage too: the lifecycle table allows it, and an alert
      // that cleared before anyone acknowledged is exactly that case), with the rules a person's move obeys.
      await this.transitions.move(ctx, 'resolve', open, tx, now, `${origin.pluginName} reports the alert resolved`);
      await this.recorder.commit(tx, open, { source: origin.pluginId, platform: 'webhook', workspaceId: origin.tenantId, requestKey: key });
      return this.recordAlert(tx, origin, signal, open, key, 'resolved');
    }
    if (open) return this.recordAlert(tx, origin, signal, open, key, 'noted');
    // Nothing open for the group: its first firing, or a firing after its incident was resolved, closed or
    // declined. People expect a new incident then (the old one's record and postmortem stay its own), so
    // the group moves on to the new one.
    const declaration = declarationOf(signal, origin, this.settings.severities, now);
    const incident = await this.declarations.declareIn(tx, ctx, declaration, { requestKey: key, roomsAt: origin.roomsAt });
    await tx.alertGroups.link(group, incident.id, now, link?.incidentId);
    return this.recordAlert(tx, origin, signal, incident, key, 'declared');
  }

  /** The `alert` entry with the link back to the source; every path that acts on an incident writes one. */
  private async recordAlert(tx: Repositories, origin: AlertOrigin, signal: AlertSignal, incident: Incident, key: string, what: AlertEntryWhat): Promise<AlertIntakeResult> {
    const now = this.clock.now();
    await tx.timeline.append(timelineEntry({
      id: this.ids.newId(), incidentId: incident.id, kind: 'alert', occurredAt: now, recordedAt: now, actor: pluginActor(origin),
      source: origin.pluginId, text: alertEntryText(origin, signal, what), data: alertEntryData(signal), idempotencyKey: `${key}:alert`,
    }));
    // Workflows on `alert_received`, in this transaction like any subscriber's effects (the inbox claim above makes a redelivery hear nothing).
    await tx.outbox.enqueue(this.workflows.effectsOfAlert(incident, { source: origin.pluginId, platform: 'webhook', labels: signal.labels }, now, key, now));
    return { groupKey: signal.groupKey, deliveryId: signal.deliveryId, action: what, incident: { id: incident.id, reference: incident.reference } };
  }

  /** What a redelivered signal did the first time (nothing to name when it was ignored). */
  private async earlier(tx: Repositories, origin: AlertOrigin, key: string): Promise<Pick<AlertIntakeResult, 'incident'>> {
    const entry = await tx.timeline.findByKey(`${key}:alert`);
    const incident = entry && (await tx.incidents.findById(entry.incidentId));
    return incident && incident.tenantId === origin.tenantId ? { incident: { id: incident.id, reference: incident.reference } } : {};
  }
}

/**
 * The delivery's inbox key. Tenant, plugin and installation are escaped (no `:` inside them), so no two
 * installations' deliveries can share a key however their ids read; the delivery id, last, may hold anything.
 */
export function deliveryKey(tenantId: string, origin: Pick<AlertOrigin, 'pluginId' | 'installationId'>, deliveryId: string): string {
  return `alert:${encodeURIComponent(tenantId)}:${encodeURIComponent(origin.pluginId)}:${encodeURIComponent(origin.installationId)}:${deliveryId}`;
}
