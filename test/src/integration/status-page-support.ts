/**
 * What the status page suites share: a real server with a muster.yaml of public and internal
 * services in two tenants, incidents declared through the REST API (as a tool would) and stakeholder
 * updates in every state, stored through the store with core's own state changes (the REST API has no
 * route to draft or approve one; chat does, and the Slack e2e spec goes through it).
 */
import { randomUUID } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  approveStatusUpdate, draftStatusUpdate, Incident, markStatusUpdatePublished, rejectStatusUpdate, SeverityCatalog,
  type Audience, type PersonRef, type StatusUpdate,
} from '@muster/core';
import { call, createMariaDbDatabase, removeDir, startInProcess, tempDir, type InProcessServer } from './server-support';

export const ACME = 'acme';
/** Hostile on purpose: every form of the page must carry it as text (HTML, JSON, XML). */
export const PAGE_TITLE = 'Example & Co <b>status</b> ]]>';
const COMMS: PersonRef = { platform: 'console', id: '@comms', name: 'Casey Comms' };

export type UpdateState = 'draft' | 'pending_approval' | 'approved' | 'published' | 'rejected';

export class StatusFixture {
  private constructor(readonly server: InProcessServer, readonly dir: string, readonly acmeToken: string, private readonly dropDatabase?: () => Promise<void>) {}

  /** On a SQLite file in a temp directory, or on a database of its own on the local MariaDB. */
  static async start(label = 'status', database: 'sqlite' | 'mariadb' = 'sqlite', options: { homeTenant?: string } = {}): Promise<StatusFixture> {
    const dir = tempDir(label);
    writeFileSync(join(dir, 'muster.yaml'), [
      'tenants: { acme: { slack: [T0ACME] } }',
      'services:',
      '  checkout: { public: true, description: "Card payments and the basket" }',
      '  search: { public: true }',
      '  billing-db: { description: "Internal ledger database" }',
      '  acme-portal: { public: true, tenant: acme }',
      `statusPage: { title: ${JSON.stringify(PAGE_TITLE)}, intro: "Questions? Write to support@example.com."${options.homeTenant ? `, tenant: ${options.homeTenant}` : ''} }`,
      '',
    ].join('\n'));
    const maria = database === 'mariadb' ? await createMariaDbDatabase() : undefined;
    const url = maria ? `mysql://root@127.0.0.1:3306/${maria.name}` : `sqlite:${join(dir, 'muster.db')}`;
    const server = await startInProcess(dir, { MUSTER_DATABASE_URL: url, MUSTER_AUTO_MIGRATE: 'true' });
    const { token } = await server.store.apiTokens.create(`acme-${randomUUID().slice(0, 8)}`, { tenantId: ACME });
    return new StatusFixture(server, dir, token, maria?.drop.bind(maria));
  }

  get url(): string { return this.server.url; }

  /** Declares through POST /api/v1/incidents; returns the stored incident. */
  async declare(title: string, options: { severity?: string; services?: string[]; private?: boolean; tenant?: 'default' | 'acme' } = {}): Promise<Incident> {
    const token = options.tenant === ACME ? this.acmeToken : this.server.token;
    const { tenant: _tenant, ...body } = options;
    const answer = await call(`${this.url}/api/v1/incidents`, { token, json: { title, ...body } });
    if (answer.status !== 201) throw new Error(`declare answered ${answer.status}: ${answer.text}`);
    return (await this.server.store.repositories.incidents.findByNumber(options.tenant ?? 'default', answer.body.number))!;
  }

  async transition(incident: Incident, action: 'acknowledge' | 'mitigate' | 'resolve' | 'reopen' | 'close', tenant: 'default' | 'acme' = 'default'): Promise<void> {
    const answer = await call(`${this.url}/api/v1/incidents/${incident.reference}/transitions`, { token: tenant === ACME ? this.acmeToken : this.server.token, json: { action } });
    if (answer.status !== 200) throw new Error(`${action} answered ${answer.status}: ${answer.text}`);
  }

  async setSeverity(incident: Incident, severity: string): Promise<void> {
    const answer = await call(`${this.url}/api/v1/incidents/${incident.reference}/severity`, { method: 'PUT', token: this.server.token, json: { severity } });
    if (answer.status !== 200) throw new Error(`severity answered ${answer.status}: ${answer.text}`);
  }

  /** An update in `state`, moved there by core's own transitions (a `draft` is stored as one on purpose). */
  async update(incident: Incident, body: string, state: UpdateState, audience: Audience = 'external', at = new Date()): Promise<StatusUpdate> {
    const repo = this.server.store.repositories.statusUpdates;
    let u = draftStatusUpdate({ id: randomUUID(), incidentId: incident.id, audience, body, author: { kind: 'person', person: COMMS }, at });
    if (state === 'draft') u = { ...u, state: 'draft' };
    if (state === 'rejected') u = rejectStatusUpdate(u, COMMS, at, 'not yet');
    if (state === 'approved' || state === 'published') u = approveStatusUpdate(u, COMMS, at);
    if (state === 'published') u = markStatusUpdatePublished(u, [{ kind: 'slack-channel', name: '#status' }], at);
    return repo.save(u);
  }

  /**
   * An incident declared at noon UTC `daysAgo` days ago and resolved an hour later, stored directly
   * (the API declares now). Noon, so the hour never spans two days whenever the suite runs.
   */
  async oldIncident(daysAgo: number, title: string, services: string[]): Promise<Incident> {
    const repos = this.server.store.repositories;
    const day = new Date(Date.now() - daysAgo * 24 * 60 * 60 * 1000);
    const at = new Date(Date.UTC(day.getUTCFullYear(), day.getUTCMonth(), day.getUTCDate(), 12));
    const incident = Incident.declare({
      id: randomUUID(), number: await repos.incidents.nextNumber('default'), title, severity: 'SEV2', services,
      declaredBy: COMMS, source: 'api', at,
    }, new SeverityCatalog());
    incident.transitionTo('resolved', COMMS, new Date(at.getTime() + 60 * 60 * 1000));
    await repos.incidents.save(incident);
    return incident;
  }

  async stop(): Promise<void> {
    try {
      await this.server.stop();
    } finally {
      removeDir(this.dir);
      await this.dropDatabase?.();
    }
  }
}
