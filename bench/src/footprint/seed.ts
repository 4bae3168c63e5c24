import { Incident, SeverityCatalog, timelineEntry, type PersonRef } from '@muster/core';
import { createStore, type Store } from '@muster/store';
import type { Progress } from '../support/progress';

export interface SeedPlan {
  readonly incidents: number;
  readonly entries: number;
  /** INC-1's entries (the catch-up's incident); the rest are spread evenly over the others. */
  readonly bigIncidentEntries: number;
}

export interface Seeded {
  readonly incidents: number;
  readonly entries: number;
  readonly seconds: number;
  /** INC-1's id, for the floors' direct SQL. */
  readonly bigIncidentId: string;
}

type Row = Record<string, unknown>;

/** Rows per INSERT: well inside both drivers' placeholder limits (17 columns × 500). */
const ROWS_PER_STATEMENT = 500;
const OPEN_EVERY = 10;

/**
 * 10,000 incidents and 1,000,000 timeline entries in a few seconds to a minute: the store migrates
 * the database and writes one incident (with its roles) and one entry of each kind through its own
 * repositories, so the rows are in exactly the shape it writes them; those rows are then copied with
 * new ids, numbers, titles and texts in multi-row INSERTs straight into the tables.
 */
export async function seedFootprint(url: string, plan: SeedPlan, progress: Progress): Promise<Seeded> {
  const started = Date.now();
  const store = await createStore(url);
  try {
    const templates = await templateRows(store);
    const sqlite = url.startsWith('sqlite');
    const insert = sqlite ? sqliteInserter(store) : mariaDbInserter(store);
    await store.dataSource.query('DELETE FROM timeline_entries');
    await store.dataSource.query('DELETE FROM incident_roles');
    await store.dataSource.query('DELETE FROM incidents');

    const incidents: Row[] = [];
    const roles: Row[] = [];
    for (let n = 1; n <= plan.incidents; n++) {
      const id = `seed-inc-${n}`;
      const status = n % OPEN_EVERY === 0 ? 'investigating' : 'closed';
      incidents.push({ ...templates.incident, id, number: n, title: `${SERVICES[n % SERVICES.length]} errors after deploy ${n}`, status, severity: n % 4 === 0 ? 'SEV1' : 'SEV2' });
      for (const role of templates.roles) roles.push({ ...role, incident_id: id });
    }
    await insert('incidents', incidents);
    await insert('incident_roles', roles);
    progress.line(`  seeded ${plan.incidents} incidents`);

    const others = plan.incidents - 1;
    const perOther = Math.floor((plan.entries - plan.bigIncidentEntries) / Math.max(1, others));
    const kinds = templates.entries;
    let written = 0;
    let batch: Row[] = [];
    const flush = async () => {
      if (!batch.length) return;
      await insert('timeline_entries', batch);
      written += batch.length;
      batch = [];
    };
    for (let n = 1; n <= plan.incidents; n++) {
      const count = n === 1 ? plan.bigIncidentEntries : perOther + (n - 2 < (plan.entries - plan.bigIncidentEntries) - perOther * others ? 1 : 0);
      for (let i = 0; i < count; i++) {
        // Mostly chat, now and then a note or a status change, as rooms sound.
        const template = i % 50 === 49 ? kinds.status_change! : i % 10 === 9 ? kinds.note! : kinds.message!;
        const key = `seed:${n}:${i}`;
        batch.push({ ...template, id: key, incident_id: `seed-inc-${n}`, idempotency_key: key, text: `${WORDS[i % WORDS.length]} on host-${i % 37}, p99 ${200 + (i % 300)} ms (${i})` });
        if (batch.length === ROWS_PER_STATEMENT) await flush();
      }
      if (n % 1000 === 0) progress.line(`  seeded ${written} timeline entries (${Math.round((Date.now() - started) / 1000)} s)`);
    }
    await flush();
    if (!sqlite) await store.dataSource.query('ANALYZE TABLE incidents, incident_roles, timeline_entries');
    return { incidents: plan.incidents, entries: written, seconds: (Date.now() - started) / 1000, bigIncidentId: 'seed-inc-1' };
  } finally {
    await store.close();
  }
}

const SERVICES = ['checkout', 'payments', 'login', 'search', 'catalog'];
const WORDS = ['Seeing 502s from the gateway', 'Rolling back the last deploy', 'Replica lag is climbing', 'Error rate back under 1%', 'Who owns the cache cluster?', 'Paging the database on-call'];

/** One incident with a commander and one entry per kind, written by the store itself; their raw rows. */
async function templateRows(store: Store): Promise<{ incident: Row; roles: Row[]; entries: Record<string, Row> }> {
  const at = new Date('2026-11-01T10:00:00.000Z');
  const alice: PersonRef = { platform: 'slack', id: 'U0ALICE', name: 'Alice' };
  const incident = Incident.declare({ id: 'template-inc', number: 1, title: 'template', severity: 'SEV2', declaredBy: alice, source: 'slack', at }, new SeverityCatalog());
  await store.repositories.incidents.save(incident);
  for (const kind of ['message', 'note', 'status_change'] as const) {
    await store.repositories.timeline.append(timelineEntry({ id: `template-${kind}`, incidentId: 'template-inc', kind, occurredAt: at, recordedAt: at, actor: alice, source: 'slack', text: kind, idempotencyKey: `template:${kind}` }));
  }
  const [row] = (await store.dataSource.query('SELECT * FROM incidents')) as Row[];
  const roles = ((await store.dataSource.query('SELECT * FROM incident_roles')) as Row[]).map(({ id: _serial, ...rest }) => rest);
  const entries = Object.fromEntries(((await store.dataSource.query('SELECT * FROM timeline_entries')) as Row[]).map(({ position: _auto, ...rest }) => [String(rest.kind), rest]));
  return { incident: row!, roles, entries };
}

type Inserter = (table: string, rows: readonly Row[]) => Promise<void>;

const quoteName = (name: string, sqlite: boolean) => (sqlite ? `"${name}"` : `\`${name}\``);

function statementFor(table: string, columns: readonly string[], count: number, sqlite: boolean): string {
  const tuple = `(${columns.map(() => '?').join(', ')})`;
  return `INSERT INTO ${table} (${columns.map((c) => quoteName(c, sqlite)).join(', ')}) VALUES ${Array.from({ length: count }, () => tuple).join(', ')}`;
}

/** better-sqlite3 directly, in one transaction per call: what a bulk load on SQLite should be. */
function sqliteInserter(store: Store): Inserter {
  // TypeORM types the driver's handle as `any`; for this driver it is a better-sqlite3 Database.
  const db = (store.dataSource.driver as unknown as { databaseConnection: { prepare(sql: string): { run(...p: unknown[]): unknown }; exec(sql: string): void } }).databaseConnection;
  return async (table, rows) => {
    if (!rows.length) return;
    const columns = Object.keys(rows[0]!);
    db.exec('BEGIN');
    try {
      for (let i = 0; i < rows.length; i += ROWS_PER_STATEMENT) {
        const chunk = rows.slice(i, i + ROWS_PER_STATEMENT);
        db.prepare(statementFor(table, columns, chunk.length, true)).run(...chunk.flatMap((r) => columns.map((c) => r[c])));
      }
      db.exec('COMMIT');
    } catch (error) {
      db.exec('ROLLBACK');
      throw error;
    }
  };
}

/** mysql2 hands JSON columns back parsed, and would expand an object or array given as a parameter: send them as JSON text. */
const asParam = (value: unknown): unknown =>
  value !== null && typeof value === 'object' && !(value instanceof Date) && !Buffer.isBuffer(value) ? JSON.stringify(value) : value;

function mariaDbInserter(store: Store): Inserter {
  return async (table, rows) => {
    if (!rows.length) return;
    const columns = Object.keys(rows[0]!);
    for (let i = 0; i < rows.length; i += ROWS_PER_STATEMENT) {
      const chunk = rows.slice(i, i + ROWS_PER_STATEMENT);
      await store.dataSource.query(statementFor(table, columns, chunk.length, false), chunk.flatMap((r) => columns.map((c) => asParam(r[c]))));
    }
  };
}
