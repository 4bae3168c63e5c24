import type { z } from 'zod';
import type { Capability, ProvidedCapabilities } from '../capabilities';
import type { CommandAnswer, PluginCommand } from '../commands';
import { PluginConfigError } from '../errors';
import { PLUGIN_EVENTS, type EventDelivery, type PluginEventHandler, type PluginEventName, type PluginEvents } from '../events';
import type { PluginService } from '../catalog';
import type { PluginIncident, PluginPerson } from '../incident';
import type { HttpRequest, PluginContext, PluginHttp } from '../plugin-context';
import type { PluginDefinition } from '../plugin-definition';
import { secretEnvName } from '../define-plugin';
import { deliver, type Delivery } from './deliver';
import { fakeHttp, type FakeHttpRoutes } from './fake-http';
import { TEST_ACTOR } from './fake-incident';
import type { WebhookRequestInit } from './webhook-request';

export const TEST_SEVERITIES = [
  { id: 'SEV1', label: 'Critical' },
  { id: 'SEV2', label: 'Major' },
  { id: 'SEV3', label: 'Minor' },
] as const;

export interface TestHostOptions {
  /** The raw config, as muster.yaml would give it: validated by the plugin's schema like the host does. */
  readonly config?: unknown;
  readonly secrets?: Readonly<Record<string, string>>;
  readonly severities?: readonly { readonly id: string; readonly label: string }[];
  readonly tenantId?: string;
  /** Set from `muster.yaml` (default) or installed from chat. */
  readonly source?: 'config' | 'chat';
  /**
   * Answers the plugin's HTTP calls: a `PluginHttp` (`fakeHttp(...)`, or a real client towards a
   * local server) or the routes of a `fakeHttp`. Default: every call fails, so a test says what the
   * remote side does.
   */
  readonly http?: PluginHttp | FakeHttpRoutes;
  /** The tenant's service catalogue as `ctx.services` answers it; default: empty. */
  readonly services?: readonly PluginService[];
  /** `ctx.installation.configDirectory`: where muster.yaml would be. */
  readonly configDirectory?: string;
}

export interface RecordedLog {
  readonly level: 'debug' | 'info' | 'warn' | 'error';
  readonly msg: string;
  readonly fields?: Record<string, unknown>;
}

/** What activating a plugin in the test host did, for assertions, and ways to drive it as the host would. */
export interface ActivatedPlugin<C extends Capability> {
  readonly ports: ProvidedCapabilities<C>;
  readonly ctx: PluginContext;
  readonly logs: RecordedLog[];
  readonly storage: Map<string, unknown>;
  readonly commands: PluginCommand[];
  readonly subscriptions: { readonly event: PluginEventName; readonly handler: PluginEventHandler<PluginEventName> }[];
  readonly httpCalls: HttpRequest[];
  /** Runs every handler the plugin registered for `event`, in order, as the outbox would; resolves to how many ran. */
  emit<E extends PluginEventName>(event: E, payload: PluginEvents[E], delivery?: Partial<EventDelivery>): Promise<number>;
  /** Runs a registered command as `/incident <name> <args>` would. */
  runCommand(name: string, args?: string, options?: { readonly incident?: PluginIncident; readonly actor?: PluginPerson }): Promise<CommandAnswer>;
  /** Delivers a webhook to the plugin's alert source (see `deliver`), with the installation's severities. */
  deliver(init: WebhookRequestInit): Promise<Delivery>;
  /** Calls the plugin's `deactivate` with its context, as uninstalling or stopping Muster does. */
  deactivate(): Promise<void>;
}

const COMMAND_NAME = /^[a-z][a-z0-9-]{0,29}$/;

/**
 * Activates a plugin the way Muster's host does (config validated by its schema first, secrets by
 * name, severities most severe first, storage holding JSON only), without a server: what a third
 * party tests a plugin with. Logs are recorded as the plugin wrote them (the host redacts fields
 * named like secrets; the kit does not, so `assertNoSecretIn(logs, ...)` catches a leak).
 */
export async function activateForTest<C extends Capability, S extends z.ZodType>(plugin: PluginDefinition<C, S>, options: TestHostOptions = {}): Promise<ActivatedPlugin<C>> {
  const parsed = plugin.configSchema.safeParse(options.config ?? {});
  if (!parsed.success) throw new PluginConfigError(`${plugin.id}: config is invalid: ${parsed.error.issues.map((i) => `${i.path.join('.') || '(top)'} ${i.message}`).join('; ')}`);
  const logs: RecordedLog[] = [];
  const storage = new Map<string, unknown>();
  const commands: PluginCommand[] = [];
  const subscriptions: ActivatedPlugin<C>['subscriptions'][number][] = [];
  const httpCalls: HttpRequest[] = [];
  const secrets = options.secrets ?? {};
  const severities = options.severities ?? TEST_SEVERITIES;
  const remote = options.http === undefined ? undefined : typeof options.http.request === 'function' ? options.http as PluginHttp : fakeHttp(options.http as FakeHttpRoutes);
  const log = (level: RecordedLog['level']) => (msg: string, fields?: Record<string, unknown>) => { logs.push({ level, msg, fields }); };
  const http: PluginHttp = {
    async request(request) {
      httpCalls.push(request);
      if (remote) return remote.request(request);
      throw new Error(`The test host has no HTTP answer for ${request.method} ${request.url}: pass options.http.`);
    },
  };
  const ctx: PluginContext<z.output<S>> = {
    pluginId: plugin.id,
    config: parsed.data,
    secrets: {
      get: (name) => secrets[name],
      require: (name) => {
        const value = secrets[name];
        if (value === undefined || value === '') throw new PluginConfigError(`Set ${secretEnvName(plugin.id, name)}.`, name);
        return value;
      },
    },
    logger: { debug: log('debug'), info: log('info'), warn: log('warn'), error: log('error') },
    storage: {
      get: async <T>(key: string) => (storage.has(key) ? asJson(storage.get(key)) as T : undefined),
      set: async (key, value) => { storage.set(key, asJson(value, key)); },
      delete: async (key) => { storage.delete(key); },
    },
    http,
    severities,
    installation: { tenantId: options.tenantId ?? 'default', source: options.source ?? 'config', ...(options.configDirectory && { configDirectory: options.configDirectory }) },
    services: { find: async (name: string) => (options.services ?? []).find((s) => s.name === name) },
    on: (event, handler) => {
      if (!PLUGIN_EVENTS.includes(event)) throw new Error(`ctx.on: "${String(event)}" is not an event a plugin can hear (${PLUGIN_EVENTS.join(', ')})`);
      subscriptions.push({ event, handler: handler as PluginEventHandler<PluginEventName> });
    },
    registerCommand: (command) => {
      if (!COMMAND_NAME.test(command.name)) throw new Error(`registerCommand: "${command.name}" must be one lower-case word`);
      if (commands.some((c) => c.name === command.name)) throw new Error(`registerCommand: "${command.name}" is registered twice`);
      commands.push(command);
    },
  };
  const ports = await plugin.activate(ctx);
  let deliveries = 0;
  return {
    ports, ctx: ctx as PluginContext, logs, storage, commands, subscriptions, httpCalls,
    async emit(event, payload, delivery = {}) {
      const handlers = subscriptions.filter((s) => s.event === event);
      const full: EventDelivery = { deliveryId: `test-delivery-${++deliveries}`, ...delivery };
      for (const { handler } of handlers) await handler(payload, full);
      return handlers.length;
    },
    async runCommand(name, args = '', { incident, actor = TEST_ACTOR } = {}) {
      const command = commands.find((c) => c.name === name);
      if (!command) throw new Error(`${plugin.id} registered no command "${name}" (it has: ${commands.map((c) => c.name).join(', ') || 'none'})`);
      if (command.takesIncident && !incident) throw new Error(`"${name}" takes an incident: pass { incident: fakeIncident() }, as the host always does`);
      return command.run({ args: args.trim(), actor, incident: command.takesIncident ? incident : undefined });
    },
    async deliver(init) {
      const source = (ports as Partial<ProvidedCapabilities<Capability>>)['alert-source'];
      if (!source) throw new Error(`${plugin.id} provides no alert-source`);
      return deliver(source, init, { severities });
    },
    async deactivate() {
      await plugin.deactivate?.(ctx);
    },
  };
}

/** A copy as the host's JSON column would give it back (a Date becomes its ISO string); refuses what JSON cannot hold. */
function asJson(value: unknown, key?: string): unknown {
  const text = JSON.stringify(value);
  if (text === undefined) throw new Error(`storage.set("${key}"): ${typeof value} is not a JSON value`);
  return JSON.parse(text);
}
