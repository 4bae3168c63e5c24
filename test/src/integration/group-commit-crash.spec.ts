import { expect } from 'chai';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { createStore } from '@muster/store';
import { mariaDbTarget, sqliteTarget } from '../contract/sql-targets';

/**
 * Issue 14's group commit, killed mid-group: the process dies (SIGKILL) inside a unit while the
 * group's earlier units have written and nothing is committed yet. Every unit's rows must be all there
 * or all absent, every unit answered before the kill all there, and none of the killed group's.
 */
const CHILD = join(__dirname, 'group-commit-crash-child.js');

function runChild(url: string): Promise<{ lines: string[]; signal: NodeJS.Signals | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CHILD, url], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => { out += d.toString(); });
    child.stderr.on('data', (d: Buffer) => { stderr += d.toString(); });
    child.on('error', reject);
    child.on('exit', (_code, signal) => resolve({ lines: out.split('\n').filter(Boolean), signal, stderr }));
  });
}

for (const target of [sqliteTarget, mariaDbTarget]) {
  describe(`group commit killed mid-group on ${target.label} (child process)`, function () {
    this.timeout(60_000);

    it('keeps every unit whole or absent: the answered ones all there, the killed group not at all', async () => {
      const { url, cleanup } = await target.fresh();
      try {
        const { lines, signal, stderr } = await runChild(url);
        expect(signal, stderr).to.equal('SIGKILL');
        expect(lines).to.include('first group committed');
        const answered = lines.filter((l) => l.startsWith('answered ')).map((l) => Number(l.slice('answered '.length)));
        expect(answered.sort((a, b) => a - b)).to.deep.equal([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);

        const store = await createStore(url);
        try {
          const q = target.isMariaDb ? '`key`' : '"key"';
          const keys = async (sql: string) => new Set((await store.dataSource.query(sql) as { k: string }[]).map((r) => r.k));
          const inbox = await keys(`SELECT ${q} AS k FROM inbox WHERE ${q} LIKE 'crash:%'`);
          const entries = await keys(`SELECT idempotency_key AS k FROM timeline_entries WHERE idempotency_key LIKE 'crash:%'`);
          const outbox = await keys(`SELECT idempotency_key AS k FROM outbox WHERE idempotency_key LIKE 'crash:%'`);
          const whole: number[] = [];
          for (let i = 0; i < 40; i++) {
            const parts = [inbox.has(`crash:${i}`), entries.has(`crash:${i}:0`), entries.has(`crash:${i}:1`), outbox.has(`crash:${i}`)];
            expect(parts.every((p) => p === parts[0]), `unit ${i} half-written: ${parts.join(', ')}`).to.equal(true);
            if (parts[0]) whole.push(i);
          }
          expect(whole, 'committed: exactly the first group').to.deep.equal([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
        } finally {
          await store.close();
        }
      } finally {
        await cleanup();
      }
    });
  });
}
