import { MusterError } from '../../errors';
import type { PersonRef } from '../../domain/person';
import type { PluginAdministration, PluginField, PluginForm, PluginInstallRequest, PluginListing } from '../ports/plugins.port';

/**
 * A PluginAdministration that keeps installations in memory and validates like the host's contract
 * says (validation_failed with details.fields, nothing stored when anything is wrong, an empty secret
 * keeps the stored one). `echoValues` makes it repeat what was typed in its complaints, as a careless
 * schema message would, so tests can check that core masks secrets whatever the host says.
 */
export interface FakePlugin {
  readonly listing: Omit<PluginListing, 'installedBy' | 'installer'>;
  readonly fields: readonly PluginField[];
  /** Enabled in muster.yaml, for every tenant. */
  readonly inFile?: boolean;
  /** Its package no longer loads: listed (installed from chat) but without a form, as the host lists such a plugin. */
  readonly orphan?: boolean;
}

export interface FakeInstallation {
  readonly values: Readonly<Record<string, string>>;
  readonly by: PersonRef;
  readonly platform: string;
  readonly workspaceId: string;
}

export const GRAFANA: FakePlugin = {
  listing: {
    id: 'grafana', name: 'Grafana', description: 'Declares incidents from Grafana Alerting webhooks.', version: '1.0.0', capabilities: ['alert-source'],
    webhookUrl: 'https://muster.example.com/webhooks/grafana', webhookAuth: 'Authorization: Bearer <TOKEN>', health: {},
  },
  fields: [
    { key: 'secret:TOKEN', label: 'TOKEN', description: 'The bearer token Grafana sends.', kind: 'secret', required: true },
    { key: 'onResolve', label: 'On resolve', kind: 'choice', required: true, choices: ['resolve', 'note'], value: 'resolve' },
    { key: 'private', label: 'Private', description: 'Declare the incidents as private', kind: 'boolean', required: false, value: 'false' },
    { key: 'severity.map', label: 'Severity map', description: 'Grafana severity label → Muster level.', kind: 'json', required: false, value: '{"critical":"SEV1"}' },
    { key: 'minFiring', label: 'Minimum firing alerts', kind: 'number', required: false, value: '1' },
    { key: 'apiUrl', label: 'API URL', kind: 'text', required: false, value: 'https://grafana.example.com' },
  ],
};

export const JIRA: FakePlugin = {
  listing: { id: 'jira', name: 'Jira', description: 'Opens a ticket for every SEV1.', version: '0.3.0', capabilities: ['ticketing'], health: {} },
  fields: [{ key: 'project', label: 'Project', kind: 'text', required: true }],
};

export const PAGERDUTY: FakePlugin = {
  listing: {
    id: 'pagerduty', name: 'PagerDuty', description: 'Declares incidents from PagerDuty V3 webhooks.', version: '2.1.0', capabilities: ['alert-source'],
    webhookUrl: 'https://muster.example.com/webhooks/pagerduty',
    health: { lastSuccessAt: new Date('2026-11-22T02:00:00Z'), lastFailureAt: new Date('2026-11-22T02:30:00Z'), lastFailure: 'HTTP 401 from api.pagerduty.com' },
  },
  fields: [{ key: 'secret:WEBHOOK_SECRET', label: 'WEBHOOK_SECRET', kind: 'secret', required: true }],
  inFile: true,
};

export const GONE: FakePlugin = {
  listing: { id: 'oldmon', name: 'oldmon', description: 'This plugin is no longer available on this server (cannot find module).', version: '', capabilities: [], health: { lastFailure: 'cannot find module' } },
  fields: [],
  orphan: true,
};

export class FakePluginAdministration implements PluginAdministration {
  readonly calls: string[] = [];
  readonly installations = new Map<string, FakeInstallation>();
  readonly removedOrphans = new Set<string>();
  echoValues = false;
  /** Thrown by the next install, instead of installing. */
  failNext?: unknown;

  constructor(readonly plugins: readonly FakePlugin[] = [GRAFANA, JIRA, PAGERDUTY]) {}

  installed(tenantId: string, pluginId: string): FakeInstallation | undefined {
    return this.installations.get(`${tenantId}/${pluginId}`);
  }

  async list(tenantId: string): Promise<PluginListing[]> {
    this.calls.push(`list ${tenantId}`);
    return this.plugins.map((p) => this.listingOf(tenantId, p));
  }

  async form(tenantId: string, pluginId: string): Promise<PluginForm | undefined> {
    this.calls.push(`form ${tenantId} ${pluginId}`);
    const plugin = this.plugins.find((p) => p.listing.id === pluginId);
    if (!plugin || plugin.orphan) return undefined;
    const stored = this.installed(tenantId, pluginId);
    const fields = plugin.fields.map((f): PluginField => {
      if (f.kind === 'secret') return { ...f, isSet: !!stored?.values[f.key] };
      const value = stored?.values[f.key];
      return value === undefined ? f : { ...f, value };
    });
    return { plugin: this.listingOf(tenantId, plugin), fields };
  }

  async install(request: PluginInstallRequest): Promise<PluginListing> {
    this.calls.push(`install ${request.tenantId} ${request.pluginId}`);
    if (this.failNext) {
      const failure = this.failNext;
      this.failNext = undefined;
      throw failure;
    }
    const plugin = this.plugins.find((p) => p.listing.id === request.pluginId);
    if (!plugin) throw new MusterError('not_found', `No plugin ${request.pluginId}.`);
    const stored = this.installed(request.tenantId, request.pluginId);
    const problems: Record<string, string> = {};
    const values: Record<string, string> = {};
    for (const field of plugin.fields) {
      const typed = request.values[field.key] ?? '';
      const kept = field.kind === 'secret' && typed === '' ? stored?.values[field.key] ?? '' : typed;
      const said = this.echoValues ? ` (got "${typed}")` : '';
      if (field.required && kept === '') problems[field.key] = `Required${said}.`;
      else if (field.kind === 'secret' && typed !== '' && typed.length < 8) problems[field.key] = `Must be at least 8 characters${said}.`;
      else if (field.kind === 'number' && kept !== '' && !/^\d+$/.test(kept)) problems[field.key] = `Must be a whole number${said}.`;
      else if (field.kind === 'choice' && kept !== '' && !field.choices?.includes(kept)) problems[field.key] = `Choose one of ${field.choices?.join(', ')}.`;
      else if (field.kind === 'json' && kept !== '') {
        try {
          const parsed = JSON.parse(kept) as Record<string, unknown>;
          const bad = Object.entries(parsed).find(([, level]) => typeof level !== 'string' || !/^SEV\d$/.test(level));
          if (bad) problems[`${field.key}.${bad[0]}`] = `Must be a severity level like SEV1${said}.`;
        } catch {
          problems[field.key] = `Not valid JSON${said}.`;
        }
      }
      values[field.key] = kept;
    }
    if (Object.keys(problems).length) throw new MusterError('validation_failed', 'Some settings are not valid.', { fields: problems });
    this.installations.set(`${request.tenantId}/${request.pluginId}`, { values, by: request.by, platform: request.platform, workspaceId: request.workspaceId });
    return this.listingOf(request.tenantId, plugin);
  }

  async uninstall(tenantId: string, pluginId: string, by: PersonRef): Promise<PluginListing> {
    this.calls.push(`uninstall ${tenantId} ${pluginId} by ${by.id}`);
    const plugin = this.plugins.find((p) => p.listing.id === pluginId);
    const key = `${tenantId}/${pluginId}`;
    const removed = plugin?.orphan ? !this.removedOrphans.has(key) && !!this.removedOrphans.add(key) : this.installations.delete(key);
    if (!plugin || !removed) throw new MusterError('not_found', `${pluginId} is not installed.`);
    return this.listingOf(tenantId, plugin);
  }

  private listingOf(tenantId: string, plugin: FakePlugin): PluginListing {
    const stored = this.installed(tenantId, plugin.listing.id);
    if (plugin.inFile) return { ...plugin.listing, installedBy: 'config' };
    if (plugin.orphan) return this.removedOrphans.has(`${tenantId}/${plugin.listing.id}`) ? { ...plugin.listing } : { ...plugin.listing, installedBy: 'chat' };
    return stored ? { ...plugin.listing, installedBy: 'chat', installer: stored.by } : { ...plugin.listing };
  }
}
