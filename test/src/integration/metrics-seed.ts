/**
 * Incidents at known moments for the metrics suites (HTTP and Chromium): declared and moved on through
 * the real chat inbound port and REST API while a settable clock stands at each moment, so the numbers
 * on the page and in the CSV files are exact. Now is Wednesday 2026-11-25 12:00 UTC; with ?weeks=4 the
 * window is the weeks of 2026-11-02, -09, -16 and -23.
 */
import { randomUUID } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { TOKENS, type Clock, type InboundPort, type PersonRef, type RequestContext } from '@muster/core';
import { call, startInProcess, type InProcessServer } from './server-support';

export const METRICS_NOW = new Date('2026-11-25T12:00:00.000Z');

/** A clock that stands still where a test puts it; the server's timestamps all come from it. */
export class SettableClock implements Clock {
  current = METRICS_NOW;
  now(): Date { return new Date(this.current); }
  at(iso: string, plusMinutes = 0): void { this.current = new Date(Date.parse(iso) + plusMinutes * 60_000); }
}

export const alice: PersonRef = { platform: 'console', id: 'alice', name: 'alice' };
export const eve: PersonRef = { platform: 'console', id: 'eve', name: 'eve' };
export const root: PersonRef = { platform: 'console', id: 'root', name: 'root' };
export const mallory: PersonRef = { platform: 'console', id: 'mallory', name: 'mallory' };

/** Service names a spreadsheet would run, or that would break CSV or HTML, on one REST-declared incident. */
export const HOSTILE_SERVICES = ['=HYPERLINK("http://evil.example","x")', '+cmd', '@x', '-1+1', 'a,b "c"', '</script><script>alert(1)</script>'];

/** `workspaceId` `globex` is another tenant (muster.yaml of startMetricsServer). */
export async function chat(server: InProcessServer, person: PersonRef, text: string, workspaceId = 'local'): Promise<string> {
  const ctx: RequestContext = {
    actor: person, platform: 'console', workspaceId, conversation: { platform: 'console', workspaceId, conversationId: 'incidents' },
    idempotencyKey: `test:${randomUUID()}`,
  };
  const reply = await server.running.container.get<InboundPort>(TOKENS.InboundPort).command(ctx, text);
  return reply.view?.fallback ?? '';
}

export async function startMetricsServer(dir: string, clock: SettableClock): Promise<InProcessServer> {
  writeFileSync(join(dir, 'muster.yaml'), 'tenants: { globex: { console: [globex] } }\nadmins: [console:root]\n');
  return startInProcess(dir, { MUSTER_DATABASE_URL: `sqlite:${join(dir, 'muster.db')}` }, { clock });
}

/**
 * INC-1 SEV1 checkout: ack +10 min, mitigated +30, resolved +80, one action item done (week of 11-16).
 * INC-2 SEV2 (REST, hostile service names, hostile title): ack +20, resolved +200 (week of 11-16).
 * INC-3 SEV2 private, alice's, payroll: ack +5, resolved +45, one open action item (week of 11-23).
 * INC-4 SEV3 search, declined (week of 11-23). Globex's INC-1: globex-billing, resolved +7 (11-24).
 */
export async function seedMetrics(server: InProcessServer, clock: SettableClock): Promise<void> {
  const answers: string[] = [];
  const say = async (iso: string, minutes: number, text: string, who = alice, workspaceId = 'local') => {
    clock.at(iso, minutes);
    answers.push(`${text} → ${await chat(server, who, text, workspaceId)}`);
  };
  const d1 = '2026-11-16T09:00:00.000Z';
  await say(d1, 0, 'declare "Checkout errors" --sev SEV1 --service checkout');
  await say(d1, 10, 'INC-1 ack');
  await say(d1, 30, 'INC-1 mitigate');
  await say(d1, 80, 'INC-1 resolve');
  await say(d1, 90, 'INC-1 action Add a canary for checkout');
  await say(d1, 100, 'INC-1 actions done 1');

  const d2 = '2026-11-18T10:00:00.000Z';
  clock.at(d2);
  const declared = await call(`${server.url}/api/v1/incidents`, {
    token: server.token, headers: { 'idempotency-key': randomUUID() },
    json: { title: '<img src=x onerror=alert(1)> Search down', severity: 'SEV2', services: HOSTILE_SERVICES },
  });
  if (declared.status !== 201 && declared.status !== 200) throw new Error(`REST declare answered ${declared.status}: ${declared.text}`);
  await say(d2, 20, 'INC-2 ack');
  await say(d2, 200, 'INC-2 resolve');

  const d3 = '2026-11-23T08:00:00.000Z';
  await say(d3, 0, 'declare "Payroll breach" --sev SEV2 --private --service payroll');
  await say(d3, 5, 'INC-3 ack');
  await say(d3, 45, 'INC-3 resolve');
  await say(d3, 50, 'INC-3 action Rotate the payroll keys');

  const d4 = '2026-11-24T09:00:00.000Z';
  await say(d4, 0, 'declare "False alarm" --sev SEV3 --service search');
  await say(d4, 2, 'INC-4 decline');

  const g = '2026-11-24T10:00:00.000Z';
  await say(g, 0, 'declare "Globex outage" --sev SEV1 --service globex-billing', mallory, 'globex');
  await say(g, 7, 'INC-1 resolve', mallory, 'globex');
  clock.at(METRICS_NOW.toISOString());
  // The seed is only worth its numbers if every step was taken: check where each incident ended up.
  const statuses = async (tenantId: string) => (await server.store.repositories.incidents.list({ tenantId })).map((i) => `${i.snapshot().number}:${i.snapshot().status}`).sort().join(' ');
  const got = `${await statuses('default')} | ${await statuses('globex')}`;
  if (got !== '1:resolved 2:resolved 3:resolved 4:declined | 1:resolved') throw new Error(`The metrics seed did not go as planned (${got}):\n${answers.join('\n')}`);
}
