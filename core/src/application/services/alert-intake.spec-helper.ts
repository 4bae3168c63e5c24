import type { AlertOrigin, AlertSignal } from '../../domain/alert';
import type { Incident } from '../../domain/incident';
import { buildApp } from '../container/app-harness.spec-helper';
import { defaultSettings, type MusterSettings } from '../container/settings';
import { WorkflowSubscriber } from '../workflows/workflow-subscriber';
import { AccessPolicy } from '../access/access-policy';
import { IncidentRecorder } from '../incidents/incident-recorder';
import type { Clock, IdGenerator } from '../ports/system.port';
import type { UnitOfWork } from '../ports/unit-of-work.port';
import { TOKENS } from '../container/tokens';
import { AlertIntake } from './alert-intake';
import { DeclareIncident } from './declare-incident';
import { TransitionIncident } from './transition-incident';

/** An Alertmanager installation from muster.yaml, opening rooms in the console workspace. */
export const alertmanager = (overrides: Partial<AlertOrigin> = {}): AlertOrigin => ({
  pluginId: 'alertmanager', pluginName: 'Prometheus Alertmanager', installationId: 'config', tenantId: 'default',
  roomsAt: { platform: 'console', workspaceId: 'local' }, onResolve: 'resolve', private: false, ...overrides,
});

let deliveries = 0;

/** A firing of group `group` with a delivery id of its own unless one is given. */
export const firing = (group = 'checkout', overrides: Partial<AlertSignal> = {}): AlertSignal => ({
  status: 'firing', groupKey: `{}:{alertname="${group}"}`, deliveryId: `d-${++deliveries}`, title: `${group} error rate above 5%`,
  url: `https://alertmanager.example.com/#/alerts?group=${group}`,
  alerts: [{ id: `fp-${group}-1`, status: 'firing', title: `${group} errors on api-1` }],
  ...overrides,
});

export const resolved = (group = 'checkout', overrides: Partial<AlertSignal> = {}): AlertSignal =>
  firing(group, { status: 'resolved', alerts: [{ id: `fp-${group}-1`, status: 'resolved', title: `${group} errors on api-1` }], ...overrides });

/** The in-memory app with rooms at home on the console, and what a test looks at after an alert. */
export function alertApp(settings: MusterSettings = defaultSettings({ homePlatform: 'console', homeWorkspaceId: 'local' })) {
  const app = buildApp(settings);
  const intake = app.container.get(AlertIntake);
  const db = app.store.database;
  const incidents = async (tenantId = 'default'): Promise<Incident[]> => app.store.repositories.incidents.list({ tenantId });
  const timeline = async (incident: Incident) => app.store.repositories.timeline.list(incident.id);
  /** Everything a webhook can leave behind, to compare before and after. */
  const footprint = () => ({
    incidents: db.incidents.size, timeline: db.timeline.size, outbox: db.outbox.size, inbox: db.inbox.size, alertGroups: db.alertGroups.size,
  });
  return { ...app, intake, incidents, timeline, footprint };
}

/** The same intake over another unit of work: a second server instance, or one that fails where a test says. */
export function intakeOver(app: ReturnType<typeof buildApp>, unitOfWork: UnitOfWork): AlertIntake {
  const c = app.container;
  return new AlertIntake(
    unitOfWork, c.get<MusterSettings>(TOKENS.Settings), c.get(DeclareIncident), c.get(TransitionIncident), c.get(IncidentRecorder),
    c.get(AccessPolicy), c.get<Clock>(TOKENS.Clock), c.get<IdGenerator>(TOKENS.IdGenerator), c.get(WorkflowSubscriber),
  );
}
