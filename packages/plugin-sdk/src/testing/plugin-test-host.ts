import type { z } from 'zod';
import type { Capability, ProvidedCapabilities } from '../capabilities';
import type { PluginCommand } from '../commands';
import { PluginConfigError } from '../errors';
import type { PluginEventHandler, PluginEventName } from '../events';
import type { HttpRequest, PluginContext, PluginHttp } from '../plugin-context';
import type { PluginDefinition } from '../plugin-definition';
import { secretEnvName } from '../define-plugin';

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
  /** Answers the plugin's HTTP calls (default: every call fails, so a test says what the remote side does). */
  readonly http?: PluginHttp;
}

export interface RecordedLog {
  readonly level: 'debug' | 'info' | 'warn' | 'error';
  readonly msg: string;
  readonly fields?: Record<string, unknown>;
}

/** What activating a plugin in the test host did, for assertions. */
export interface ActivatedPlugin<C extends Capability> {
  readonly ports: ProvidedCapabilities<C>;
  readonly ctx: PluginContext;
  readonly logs: RecordedLog[];
  readonly storage: Map<string, unknown>;
  readonly commands: PluginCommand[];
  readonly subscriptions: { readonly event: PluginEventName; readonly handler: PluginEventHandler<PluginEventName> }[];
  readonly httpCalls: HttpRequest[];
}

/**
 * Activates a plugin the way Muster's host does (config validated by its schema first, secrets by
 * name, severities most severe first), without a server: what a third party tests a plugin with.
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
  const log = (level: RecordedLog['level']) => (msg: string, fields?: Record<string, unknown>) => { logs.push({ level, msg, fields }); };
  const http: PluginHttp = {
    async request(request) {
      httpCalls.push(request);
      if (options.http) return options.http.request(request);
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
      get: async <T>(key: string) => (storage.has(key) ? structuredClone(storage.get(key)) as T : undefined),
      set: async (key, value) => { storage.set(key, structuredClone(value)); },
      delete: async (key) => { storage.delete(key); },
    },
    http,
    severities: options.severities ?? TEST_SEVERITIES,
    installation: { tenantId: options.tenantId ?? 'default', source: 'config' },
    on: (event, handler) => { subscriptions.push({ event, handler: handler as PluginEventHandler<PluginEventName> }); },
    registerCommand: (command) => { commands.push(command); },
  };
  const ports = await plugin.activate(ctx);
  return { ports, ctx: ctx as PluginContext, logs, storage, commands, subscriptions, httpCalls };
}
