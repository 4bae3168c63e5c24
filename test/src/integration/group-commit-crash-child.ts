/**
 * Child process of group-commit-crash.spec.ts: a store at argv[2], a first group of units committed
 * and answered, then a second group in which one unit kills the process (SIGKILL) after the group's
 * earlier units have written. Each unit writes an inbox key, two timeline entries and an outbox message.
 */
import { createStore } from '@muster/store';
import { timelineEntry } from '@muster/core';

const FIRST = 10;
const SECOND = 30;
const KILL_IN = 20;

async function main(): Promise<void> {
  const store = await createStore(process.argv[2]!);
  const unit = (i: number, kill: boolean) => store.unitOfWork.run(async (tx) => {
    const at = new Date();
    await tx.inbox.claim(`crash:${i}`, at);
    const entry = (n: number) => timelineEntry({
      id: `crash-${i}-${n}`, incidentId: 'crash-incident', occurredAt: at, recordedAt: at, source: 'test', idempotencyKey: `crash:${i}:${n}`,
      kind: 'note', text: `unit ${i} entry ${n}`, data: {},
    });
    await tx.timeline.appendMany([entry(0), entry(1)]);
    await tx.outbox.enqueue([{ topic: 'test.crash', payload: { i }, idempotencyKey: `crash:${i}`, availableAt: at }]);
    if (kill) process.kill(process.pid, 'SIGKILL');
  }).then(() => process.stdout.write(`answered ${i}\n`));
  await Promise.all(Array.from({ length: FIRST }, (_, i) => unit(i, false)));
  process.stdout.write('first group committed\n');
  await Promise.all(Array.from({ length: SECOND }, (_, j) => unit(FIRST + j, j === KILL_IN)));
  process.stdout.write('not killed\n');
}

main().catch((error: unknown) => {
  process.stderr.write(`${String(error)}\n`);
  process.exit(1);
});
