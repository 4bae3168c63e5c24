import { expect } from 'chai';
import type { IncidentFilter, Repositories, TimelineEntry, TimelineQuery } from '@muster/core';
import { createStore, type Store } from '@muster/store';
import { declare, entry, T0, minutesAfter } from '../contract/fixtures';
import { mariaDbTarget, sqliteTarget } from '../contract/sql-targets';

/**
 * Issue 14: the list, incident, timeline and dashboard list/search reads keep a p99 under 50 ms at
 * 10,000 incidents and 1,000,000 timeline entries only if none of them scans incidents or
 * timeline_entries whole. Each read runs through the real repositories; every SELECT they send is
 * captured and EXPLAINed on the same database, and a full table scan of either table fails the spec.
 * (LIKE '%word%' cannot use an index: the search still narrows by tenant through one, then filters.)
 */

// The statements the store sends go through this one function (packages/store/src/sql/sql.ts).
// eslint-disable-next-line @typescript-eslint/no-require-imports -- patched in place to observe, not replaced
const sqlModule = require('@muster/store/dist/sql/sql') as { sql: (tx: unknown, statement: string, params?: readonly unknown[]) => Promise<unknown> };

const WATCHED = /\b(incidents|timeline_entries)\b/;

interface Captured { readonly statement: string; readonly params: readonly unknown[] }

async function captured(run: () => Promise<unknown>): Promise<Captured[]> {
  const original = sqlModule.sql;
  const seen: Captured[] = [];
  sqlModule.sql = (tx, statement, params = []) => {
    if (/^\s*SELECT/i.test(statement)) seen.push({ statement, params: [...params] });
    return original(tx, statement, params);
  };
  try {
    await run();
  } finally {
    sqlModule.sql = original;
  }
  return seen;
}

/** Plan rows that read a watched table whole. */
async function fullScans(store: Store, isMariaDb: boolean, q: Captured): Promise<string[]> {
  const params = q.params.map((p) => (typeof p === 'boolean' ? Number(p) : p));
  if (isMariaDb) {
    const rows = (await store.dataSource.query(`EXPLAIN ${q.statement}`, params)) as { table: string | null; type: string; key: string | null }[];
    return rows.filter((r) => r.type === 'ALL' && r.table !== null && WATCHED.test(r.table)).map((r) => `${r.table}: type ALL`);
  }
  const rows = (await store.dataSource.query(`EXPLAIN QUERY PLAN ${q.statement}`, params)) as { detail: string }[];
  // "SCAN t" alone is a full table scan; "SCAN t USING INDEX …" walks an index in order (newest first + LIMIT).
  return rows.map((r) => r.detail).filter((d) => /^SCAN (incidents|timeline_entries)\b/.test(d) && !/USING (COVERING )?INDEX/.test(d));
}

for (const target of [sqliteTarget, mariaDbTarget]) {
  describe(`query plans on ${target.label}: no full scan of incidents or timeline_entries`, function () {
    this.timeout(120_000);
    let store: Store;
    let cleanup: () => Promise<void>;
    let repos: Repositories;
    let incidentId: string;
    let last: TimelineEntry;

    before(async () => {
      const fresh = await target.fresh();
      cleanup = fresh.cleanup;
      store = await createStore(fresh.url);
      repos = store.repositories;
      // Enough rows that MariaDB's optimizer would rather scan than use a useless index.
      for (let n = 1; n <= 300; n++) {
        const incident = declare(n, { at: minutesAfter(T0, n), title: n % 7 ? `Checkout is failing ${n}` : `Login outage ${n}`, severity: n % 3 ? 'SEV2' : 'SEV1', services: n % 5 ? ['checkout'] : ['login'] });
        await repos.incidents.save(incident);
        if (n === 1) incidentId = incident.snapshot().id;
      }
      const kinds = ['message', 'message', 'message', 'note', 'status_change'] as const;
      const entries = Array.from({ length: 3_000 }, (_, i) => entry(incidentId, { kind: kinds[i % kinds.length]!, text: `line ${i}`, highlighted: i % 50 === 0 }));
      for (let i = 0; i < entries.length; i += 500) await repos.timeline.appendMany(entries.slice(i, i + 500));
      last = (await repos.timeline.list(incidentId, { newest: 1 }))[0]!;
      if (target.isMariaDb) await store.dataSource.query('ANALYZE TABLE incidents, timeline_entries, incident_roles, incident_rooms');
    });
    after(async () => {
      await store?.close();
      await cleanup?.();
    });

    const incidentLists: [string, IncidentFilter][] = [
      ['REST/dashboard list, newest first', { tenantId: 'default', limit: 50 }],
      ['next page', { tenantId: 'default', beforeNumber: 200, limit: 50 }],
      ['previous page', { tenantId: 'default', afterNumber: 100, oldestFirst: true, limit: 50 }],
      ['open incidents (chat `list`, dashboard default)', { tenantId: 'default', statuses: ['triage', 'investigating', 'mitigated'], limit: 50 }],
      ['by severity', { tenantId: 'default', severities: ['SEV1'], limit: 50 }],
      ['without private ones', { tenantId: 'default', excludePrivate: true, limit: 50 }],
      ['search text', { tenantId: 'default', text: 'login', limit: 50 }],
      ['search a reference', { tenantId: 'default', text: 'INC-42', limit: 50 }],
      ['by service', { tenantId: 'default', service: 'login', limit: 50 }],
      ['declared in a range (status page, metrics, dashboard dates)', { tenantId: 'default', declaredFrom: minutesAfter(T0, 100), declaredBefore: minutesAfter(T0, 200), limit: 200 }],
    ];
    for (const [what, filter] of incidentLists) {
      it(`incident list: ${what}`, async () => {
        const queries = await captured(() => repos.incidents.list(filter));
        expect(queries.filter((q) => WATCHED.test(q.statement)).length).to.be.greaterThan(0);
        for (const q of queries) expect(await fullScans(store, target.isMariaDb, q), q.statement).to.deep.equal([]);
      });
    }

    it('one incident: by reference, by id, by room', async () => {
      const incident = (await repos.incidents.findByNumber('default', 1))!;
      const queries = await captured(async () => {
        await repos.incidents.findByNumber('default', 150);
        await repos.incidents.findById(incident.snapshot().id);
        await repos.incidents.findByRoom({ platform: 'slack', workspaceId: 'T1', conversationId: 'C1' });
      });
      for (const q of queries) expect(await fullScans(store, target.isMariaDb, q), q.statement).to.deep.equal([]);
    });

    const timelineReads: [string, TimelineQuery][] = [
      ['first page (REST, dashboard)', { limit: 100 }],
      ['a later page', { afterPosition: 1_000, limit: 500 }],
      ['the newest (chat `timeline`)', { newest: 30 }],
      ['changes only (update due)', { kinds: ['severity_change', 'status_change'] }],
      ['highlights', { highlightedOnly: true, limit: 100 }],
    ];
    for (const [what, query] of timelineReads) {
      it(`timeline: ${what}`, async () => {
        const queries = await captured(() => repos.timeline.list(incidentId, query));
        expect(queries.length).to.be.greaterThan(0);
        for (const q of queries) expect(await fullScans(store, target.isMariaDb, q), q.statement).to.deep.equal([]);
      });
    }

    it('timeline: count, by key, by external message', async () => {
      const queries = await captured(async () => {
        await repos.timeline.count(incidentId);
        await repos.timeline.findByKey(last.idempotencyKey);
        await repos.timeline.findByExternal({ platform: 'slack', conversationId: 'C1', messageId: '1.2' });
      });
      expect(queries).to.have.length(3);
      for (const q of queries) expect(await fullScans(store, target.isMariaDb, q), q.statement).to.deep.equal([]);
    });

    it('the check itself: a filter no index serves is reported as a full scan', async () => {
      const probe = { statement: 'SELECT id FROM timeline_entries WHERE text = ?', params: ['x'] };
      expect((await fullScans(store, target.isMariaDb, probe)).length).to.be.greaterThan(0);
    });
  });
}
