import { OutboxPump, SERVER_TOKENS, type RunningServer } from '@muster/server';
import type { Store } from '@muster/store';

/**
 * Waits until a running server has nothing left to do: every platform's after-ack follow-ups are done
 * and the outbox is empty (retries included). A bounded wait for a condition, so a spec can then assert
 * what was, and was not, posted.
 */
export async function settleServer(server: RunningServer, timeoutMs = 30_000): Promise<void> {
  const pump = server.container.get<OutboxPump>(SERVER_TOKENS.OutboxPump);
  const outbox = server.container.get<Store>(SERVER_TOKENS.Store).repositories.outbox;
  const until = Date.now() + timeoutMs;
  for (;;) {
    await server.idle();
    await pump.drainUntilIdle(5_000);
    await server.idle();
    if ((await outbox.depth()) === 0) return;
    if (Date.now() > until) throw new Error('The outbox did not drain in time');
    await new Promise((r) => setTimeout(r, 100));
  }
}

/**
 * Waits until a running server is quiet now: follow-ups done and the outbox drained of everything due.
 * Work waiting to be retried later stays queued (settleServer would wait for it too).
 */
export async function quietServer(server: RunningServer): Promise<void> {
  await server.idle();
  await server.container.get<OutboxPump>(SERVER_TOKENS.OutboxPump).drainUntilIdle(5_000);
  await server.idle();
}
