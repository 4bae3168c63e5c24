import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { verifyMusterSignature, type SignatureCheck } from '../signature';

/** One request the receiver got: the body's exact bytes, and what the signature check said. */
export interface ReceivedDelivery {
  readonly path: string;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  readonly rawBody: string;
  readonly check: SignatureCheck;
}

/**
 * A webhook receiver on 127.0.0.1 (port 0), as a customer would run one: records every delivery,
 * checks its signature with `verifyMusterSignature`, answers 200 unless a test scripts otherwise
 * (per path, so several "URLs" can share one server).
 */
export class FakeReceiver {
  readonly deliveries: ReceivedDelivery[] = [];
  private readonly scripted = new Map<string, { status: number; retryAfter?: string }[]>();
  private readonly always = new Map<string, number>();
  private readonly hanging = new Set<string>();
  private readonly server: Server;

  private constructor(private readonly secret: string) {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        const path = req.url ?? '/';
        const rawBody = Buffer.concat(chunks).toString('utf8');
        this.deliveries.push({ path, headers: req.headers, rawBody, check: verifyMusterSignature(this.secret, req.headers, rawBody) });
        if (this.hanging.delete(path)) return; // never answered: the sender's time-out decides
        const next = this.scripted.get(path)?.shift() ?? { status: this.always.get(path) ?? 200 };
        res.writeHead(next.status, { 'content-type': 'application/json', ...(next.retryAfter === undefined ? {} : { 'retry-after': next.retryAfter }) });
        res.end(JSON.stringify(next.status < 300 ? { ok: true } : { error: `scripted ${next.status}` }));
      });
    });
  }

  static async start(secret: string): Promise<FakeReceiver> {
    const receiver = new FakeReceiver(secret);
    await new Promise<void>((resolve) => receiver.server.listen(0, '127.0.0.1', resolve));
    return receiver;
  }

  url(path = '/hook'): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}${path}`;
  }

  get host(): string {
    return new URL(this.url()).host;
  }

  /** The next request to `path` is answered `status` (with Retry-After when given). */
  failNext(path: string, status: number, options: { readonly retryAfter?: number } = {}): void {
    const list = this.scripted.get(path) ?? [];
    list.push({ status, ...(options.retryAfter === undefined ? {} : { retryAfter: String(options.retryAfter) }) });
    this.scripted.set(path, list);
  }

  /** Every request to `path` is answered `status` from now on. */
  answerAlways(path: string, status: number): void {
    this.always.set(path, status);
  }

  /** The next request to `path` is recorded and never answered. */
  hangNext(path: string): void {
    this.hanging.add(path);
  }

  to(path: string): ReceivedDelivery[] {
    return this.deliveries.filter((d) => d.path === path);
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
