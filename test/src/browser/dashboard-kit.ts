/**
 * Shared by the dashboard suites: a real server (SQLite in a temp dir) with the console chat on and its
 * output captured, so a test can read what a person in an incident room sees (the card, its refreshes);
 * incidents seeded straight into the store when a suite needs many, and a signed-in cookie for the
 * HTTP-level checks that need no browser.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { randomUUID } from 'node:crypto';
import { Incident, SeverityCatalog, TOKENS, type NewIncident, type PersonRef, type Repositories } from '@muster/core';
import { removeDir, startInProcess, tempDir, type InProcessServer } from '../integration/server-support';

export interface DashboardServer extends InProcessServer {
  /** Everything the console chat printed so far (rooms, cards, card refreshes), without colour. */
  consoleText(): string;
  /** Resolves once the console printed text matching `pattern` (what a person in the room would read). */
  consoleShows(pattern: RegExp): Promise<string>;
  dir: string;
  close(): Promise<void>;
}

export async function startDashboard(label: string, yaml = ''): Promise<DashboardServer> {
  const dir = tempDir(label);
  if (yaml) writeFileSync(join(dir, 'muster.yaml'), yaml);
  const output = new PassThrough();
  let text = '';
  const waiters: { pattern: RegExp; resolve: (t: string) => void }[] = [];
  output.on('data', (chunk: Buffer) => {
    text += chunk.toString('utf8');
    for (const w of waiters.splice(0)) {
      if (w.pattern.test(text)) w.resolve(text);
      else waiters.push(w);
    }
  });
  const server = await startInProcess(dir, { MUSTER_CONSOLE: 'on' }, { consoleOutput: output, consoleColor: false });
  return {
    ...server, dir,
    consoleText: () => text,
    consoleShows: (pattern) => (pattern.test(text) ? Promise.resolve(text) : new Promise((resolve) => waiters.push({ pattern, resolve }))),
    close: async () => {
      await server.stop();
      removeDir(dir);
    },
  };
}

/** An incident written straight to the store (as a declaration would leave it), for suites that need many. */
export async function seedIncident(server: Pick<InProcessServer, 'running'>, input: Partial<NewIncident> & { declaredBy: PersonRef }): Promise<Incident> {
  const repos = server.running.container.get<Repositories>(TOKENS.Repositories);
  const tenantId = input.tenantId ?? 'default';
  const incident = Incident.declare({
    id: randomUUID(), number: await repos.incidents.nextNumber(tenantId), title: 'Seeded incident', severity: 'SEV2', source: 'console',
    at: new Date(), declarerTakesCommand: true, ...input, tenantId,
  }, new SeverityCatalog());
  await repos.incidents.save(incident);
  return incident;
}

/** A session cookie for `person`, made the way sign-in makes one, for fetch-level checks. */
export async function sessionCookieFor(server: Pick<InProcessServer, 'store'>, person: PersonRef, workspaceId = 'local', tenantId = 'default'): Promise<string> {
  const { token: link } = await server.store.webSessions.createSignInLink({ person, workspaceId, tenantId });
  const identity = await server.store.webSessions.redeemSignInLink(link);
  const { token } = await server.store.webSessions.createSession(identity!, 'link');
  return `muster_session=${token}`;
}

/** A signed-in GET of a dashboard page: status and HTML. */
export async function getPage(server: Pick<InProcessServer, 'url'>, cookie: string, path: string): Promise<{ status: number; html: string }> {
  const response = await fetch(`${server.url}${path}`, { headers: { cookie }, redirect: 'manual' });
  return { status: response.status, html: await response.text() };
}

/** The incident references a list page shows, in order. */
export const listedReferences = (html: string): string[] => [...html.matchAll(/class="incident-link"[^>]*>(INC-\d+)</g)].map((m) => m[1]!);
