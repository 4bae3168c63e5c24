import { expect } from 'chai';
import { buildApp } from '../container/app-harness.spec-helper';
import { TOKENS } from '../container/tokens';
import { OutboxDispatcher } from './outbox-dispatcher';
import type { OutboxHandler } from './outbox-handler';
import type { Logger } from '../ports/system.port';
import { MusterError } from '../../errors';

/** A handler of a module's own topic, told per call what to do: finish, throw, or never settle. */
class ScriptedHandler implements OutboxHandler<'test.effect'> {
  readonly topic = 'test.effect' as const;
  readonly handled: string[] = [];
  constructor(readonly timeoutMs: number | undefined, private readonly script: (key: string, attempt: number) => 'finish' | 'throw' | 'hang' | 'late-reject') {}
  handle(payload: Readonly<Record<string, unknown>>, message: { attempts: number }): Promise<void> {
    const key = String(payload.key);
    const step = this.script(key, message.attempts);
    if (step === 'throw') throw new Error(`${key} failed`);
    if (step === 'hang') return new Promise(() => {});
    if (step === 'late-reject') return new Promise((_, reject) => setTimeout(() => reject(new Error('late')), 60));
    this.handled.push(key);
    return Promise.resolve();
  }
}

function setUp(handler: OutboxHandler) {
  const app = buildApp();
  const logged: { level: string; msg: string; fields?: Record<string, unknown> }[] = [];
  const logger: Logger = {
    debug: () => {}, info: (msg, fields) => logged.push({ level: 'info', msg, fields }),
    warn: (msg, fields) => logged.push({ level: 'warn', msg, fields }), error: (msg, fields) => logged.push({ level: 'error', msg, fields }),
  };
  const dispatcher = new OutboxDispatcher(app.store.repositories, [handler, ...app.container.getAll<OutboxHandler>(TOKENS.OutboxHandler)], app.clock, logger);
  const enqueue = (...keys: string[]) => app.store.repositories.outbox.enqueue(keys.map((key) => ({ topic: 'test.effect', payload: { key }, idempotencyKey: `test.effect:${key}`, availableAt: app.clock.now() })));
  const row = (key: string) => [...app.store.database.outbox.values()].find((r) => r.idempotencyKey === `test.effect:${key}`)!;
  return { app, dispatcher, logged, enqueue, row };
}

describe('OutboxDispatcher', () => {
  it('counts a handler that never settles as a failed attempt at its time limit, logs it, and retries it later', async () => {
    const handler = new ScriptedHandler(30, (key, attempt) => (key === 'stuck' && attempt === 1 ? 'hang' : 'finish'));
    const { app, dispatcher, logged, enqueue, row } = setUp(handler);
    await enqueue('stuck', 'a', 'b');
    expect(await dispatcher.drain(), 'the others are done while it hangs').to.deep.equal({ done: 2, retried: 1, dead: 0 });
    expect(handler.handled).to.deep.equal(['a', 'b']);
    expect(row('stuck').lastError).to.match(/^unavailable: The test\.effect side effect did not finish within 30 ms/);
    const warning = logged.find((l) => l.level === 'warn')!;
    expect(warning.fields).to.deep.include({ topic: 'test.effect', id: row('stuck').id, attempt: 1 });
    expect(await dispatcher.drain(), 'not before its backoff').to.deep.equal({ done: 0, retried: 0, dead: 0 });
    app.clock.advance(1);
    expect(await dispatcher.drain()).to.deep.equal({ done: 1, retried: 0, dead: 0 });
    expect(handler.handled).to.deep.equal(['a', 'b', 'stuck']);
    expect(row('stuck').completedAt).to.be.instanceOf(Date);
  });

  it('keeps one throwing handler from affecting the others, whether it throws before or after its first await', async () => {
    const handler = new ScriptedHandler(undefined, (key) => (key === 'bad' ? 'throw' : key === 'later' ? 'late-reject' : 'finish'));
    const { app, dispatcher, enqueue, row } = setUp(handler);
    await enqueue('x', 'bad', 'later', 'y');
    expect(await dispatcher.drain()).to.deep.equal({ done: 2, retried: 2, dead: 0 });
    expect(row('bad').lastError).to.equal('bad failed');
    expect(row('later').lastError).to.equal('late');
    expect(row('x').completedAt && row('y').completedAt).to.be.instanceOf(Date);
    app.clock.advance(1);
    expect((await dispatcher.drain()).retried, 'retried again, still alone').to.equal(2);
    expect(handler.handled).to.deep.equal(['x', 'y']);
  });

  it('keeps a message of a topic nobody handles as a dead letter at once', async () => {
    const { app, dispatcher } = setUp(new ScriptedHandler(undefined, () => 'finish'));
    await app.store.repositories.outbox.enqueue([{ topic: 'nobody.handles', payload: {}, idempotencyKey: 'nobody.handles:1', availableAt: app.clock.now() }]);
    expect(await dispatcher.drain()).to.deep.equal({ done: 0, retried: 0, dead: 1 });
    const [dead] = await app.store.repositories.outbox.deadLetters(5);
    expect(dead!.lastError).to.equal('configuration: No handler for outbox topic "nobody.handles".');
  });

  it('takes a late failure of an abandoned attempt quietly: logged, not an unhandled rejection, not recorded over the retry', async () => {
    const unhandled: unknown[] = [];
    const listener = (reason: unknown) => unhandled.push(reason);
    process.on('unhandledRejection', listener);
    try {
      const handler = new ScriptedHandler(10, (_key, attempt) => (attempt === 1 ? 'late-reject' : 'finish'));
      const { app, dispatcher, logged, enqueue, row } = setUp(handler);
      await enqueue('slow');
      expect((await dispatcher.drain()).retried).to.equal(1);
      app.clock.advance(1);
      expect((await dispatcher.drain()).done).to.equal(1);
      const deadline = Date.now() + 5_000;
      while (!logged.some((l) => l.msg.startsWith('an outbox attempt abandoned')) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
      expect(logged.find((l) => l.msg.startsWith('an outbox attempt abandoned'))!.fields).to.deep.include({ topic: 'test.effect', outcome: 'rejected' });
      expect(row('slow').completedAt, 'the retry\'s success stands').to.be.instanceOf(Date);
      expect(unhandled).to.deep.equal([]);
    } finally {
      process.off('unhandledRejection', listener);
    }
  });

  it('refuses two handlers for one topic when it is built', () => {
    const app = buildApp();
    const one = new ScriptedHandler(undefined, () => 'finish');
    expect(() => new OutboxDispatcher(app.store.repositories, [one, new ScriptedHandler(undefined, () => 'finish')], app.clock, { debug() {}, info() {}, warn() {}, error() {} }))
      .to.throw(MusterError, 'Two outbox handlers are bound for the topic "test.effect"');
  });
});
