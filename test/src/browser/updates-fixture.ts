/**
 * A real server with incidents whose stakeholder update drafts are awaiting approval, made the way
 * people make them: commands typed into the console chat (`declare`, then `INC-n update external`),
 * the summarizer drafting offline (no OPENAI_API_KEY), the outbox run until quiet.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { PersonRef, StatusUpdate } from '@muster/core';
import { quietServer } from '../e2e/settle-server';
import { removeDir, startInProcess, tempDir, type InProcessServer } from '../integration/server-support';
import { consoleUser, typeCommand } from './browser-kit';

/** Declares INC-<n> (the declarer is its Incident Commander). */
export async function declare(server: InProcessServer, by: PersonRef, title: string, flags = ''): Promise<string> {
  const answer = await typeCommand(server, by, `declare ${title} --sev SEV2 ${flags}`.trim());
  const ref = /INC-\d+/.exec(answer)?.[0];
  if (!ref) throw new Error(`declare did not answer with a reference: ${answer}`);
  await quietServer(server.running);
  return ref;
}

/** Asks for an external draft on `ref` as `by` and returns it once the drafting job stored it. */
export async function askForDraft(server: InProcessServer, by: PersonRef, ref: string): Promise<StatusUpdate> {
  const before = await updatesOf(server, ref);
  await typeCommand(server, by, `${ref} update external`);
  await quietServer(server.running);
  const fresh = (await updatesOf(server, ref)).filter((u) => !before.some((b) => b.id === u.id));
  if (fresh.length !== 1) throw new Error(`expected one new draft on ${ref}, found ${fresh.length}`);
  return fresh[0]!;
}

export async function incidentId(server: InProcessServer, ref: string): Promise<string> {
  const found = await server.store.repositories.incidents.findByNumber('default', Number(ref.slice(4)));
  if (!found) throw new Error(`no ${ref}`);
  return found.id;
}

/** What the store holds now, read past every layer of the web. */
export async function updatesOf(server: InProcessServer, ref: string): Promise<StatusUpdate[]> {
  return server.store.repositories.statusUpdates.listByIncident(await incidentId(server, ref));
}

export async function updateNow(server: InProcessServer, id: string): Promise<StatusUpdate> {
  const found = await server.store.repositories.statusUpdates.findById(id);
  if (!found) throw new Error(`no update ${id}`);
  return found;
}

export const ana = consoleUser('ana');
export const bob = consoleUser('bob');

export interface UpdatesWorld {
  readonly server: InProcessServer;
  readonly dir: string;
  stop(): Promise<void>;
}

/** `yaml`: lines of a muster.yaml written before the server starts (tenants, stakeholder channels). */
export async function startUpdatesWorld(label: string, yaml: readonly string[] = []): Promise<UpdatesWorld> {
  const dir = tempDir(label);
  if (yaml.length) writeFileSync(join(dir, 'muster.yaml'), `${yaml.join('\n')}\n`);
  const server = await startInProcess(dir);
  return { server, dir, stop: async () => { await server.stop(); removeDir(dir); } };
}
