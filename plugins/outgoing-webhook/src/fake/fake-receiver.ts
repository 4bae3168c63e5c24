import { FakeRemote, type RecordedRequest, type RemoteAnswer } from '@muster/plugin-sdk/testing';
import { verifyMusterSignature, type SignatureCheck } from '../signature';

/** One request the receiver got: the body's exact bytes, and what the signature check said. */
export interface ReceivedDelivery {
  readonly path: string;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  readonly rawBody: string;
  readonly check: SignatureCheck;
}

/** A script's `match` for every method to exactly `path`. */
const toPath = (path: string): RegExp => new RegExp(`^[A-Z]+ ${path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`);
const bodyFor = (status: number): unknown => (status < 300 ? { ok: true } : { error: `scripted ${status}` });

/**
 * A webhook receiver on 127.0.0.1 (port 0), as a customer would run one: records every delivery,
 * checks its signature with `verifyMusterSignature` as it arrives, answers 200 unless a test scripts
 * otherwise (per path, so several "URLs" can share one server). The server is the SDK's `FakeRemote`.
 */
export class FakeReceiver {
  readonly deliveries: ReceivedDelivery[] = [];
  private readonly always = new Map<string, number>();
  private readonly server: FakeRemote;

  private constructor(secret: string) {
    this.server = new FakeRemote({
      route: (request) => this.answer(request),
      errorBody: bodyFor,
      onRequest: (request) => this.deliveries.push({ path: request.path, headers: request.headers, rawBody: request.body, check: verifyMusterSignature(secret, request.headers, request.body) }),
    });
  }

  static async start(secret: string): Promise<FakeReceiver> {
    const receiver = new FakeReceiver(secret);
    await receiver.server.start();
    return receiver;
  }

  url(path = '/hook'): string {
    return `${this.server.url}${path}`;
  }

  get host(): string {
    return this.server.host;
  }

  /** The next request to `path` is answered `status` (with Retry-After when given). */
  failNext(path: string, status: number, options: { readonly retryAfter?: number } = {}): void {
    this.server.failNext(status, { retryAfter: options.retryAfter, match: toPath(path) });
  }

  /** Every request to `path` is answered `status` from now on. */
  answerAlways(path: string, status: number): void {
    this.always.set(path, status);
  }

  /** The next request to `path` is recorded and never answered (the sender's time-out decides). */
  hangNext(path: string): void {
    this.server.hangNext(toPath(path));
  }

  to(path: string): ReceivedDelivery[] {
    return this.deliveries.filter((d) => d.path === path);
  }

  stop(): Promise<void> {
    return this.server.stop();
  }

  private answer(request: RecordedRequest): RemoteAnswer {
    const status = this.always.get(request.path) ?? 200;
    return { status, json: bodyFor(status) };
  }
}
