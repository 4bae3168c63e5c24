/**
 * Shared by the plugin-*.spec.ts suites: the fixture plugins (test/src/fixtures/plugins, loaded by
 * `package:` path like any third-party plugin), muster.yaml with a plugins section, webhook calls.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';

export const FIXTURE_DIR = resolve(__dirname, '../fixtures/plugins');

export const FIXTURES = ['fixture-source', 'fixture-broken', 'fixture-hang', 'fixture-typeerror', 'fixture-future'] as const;
export type FixtureId = (typeof FIXTURES)[number];

export interface PluginEntry {
  readonly enabled?: boolean;
  readonly package?: string;
  readonly config?: Record<string, unknown>;
}

/** A fixture's `package:` as muster.yaml in `dir` would name it: a path relative to the file. */
export function fixturePackage(dir: string, id: FixtureId): string {
  const path = relative(dir, join(FIXTURE_DIR, `${id}.js`));
  return path.startsWith('.') ? path : `./${path}`;
}

/** Writes muster.yaml (JSON is YAML) with `plugins` and any other top-level settings. */
export function writeMusterYaml(dir: string, plugins: Record<string, PluginEntry>, extra: Record<string, unknown> = {}): void {
  writeFileSync(join(dir, 'muster.yaml'), `${JSON.stringify({ ...extra, plugins }, null, 2)}\n`);
}

export interface WebhookAnswer {
  readonly status: number;
  readonly headers: Headers;
  readonly body: any; // eslint-disable-line @typescript-eslint/no-explicit-any -- JSON of any shape; the tests assert on it.
  readonly text: string;
}

export async function postWebhook(url: string, pluginId: string, init: { body?: unknown; raw?: string | Buffer; token?: string; headers?: Record<string, string>; method?: string } = {}): Promise<WebhookAnswer> {
  const headers: Record<string, string> = { 'content-type': 'application/json', ...init.headers };
  if (init.token) headers.authorization = `Bearer ${init.token}`;
  const body = init.raw ?? (init.body === undefined ? undefined : JSON.stringify(init.body));
  const response = await fetch(`${url}/webhooks/${encodeURIComponent(pluginId)}`, { method: init.method ?? 'POST', headers, body });
  const text = await response.text();
  let parsed: unknown;
  try { parsed = JSON.parse(text); } catch { parsed = undefined; }
  return { status: response.status, headers: response.headers, body: parsed, text };
}

/** Everything the server logged so far (startInProcess logs to test-server.log in its directory). */
export function serverLog(dir: string): string {
  try {
    return readFileSync(join(dir, 'test-server.log'), 'utf8');
  } catch {
    return '';
  }
}

export const firing = (id: string, title = `Alert ${id}`, extra: Record<string, unknown> = {}) => ({ alerts: [{ id, status: 'firing', title, ...extra }] });
export const resolvedAlert = (id: string) => ({ alerts: [{ id, status: 'resolved', title: `Alert ${id}` }] });
