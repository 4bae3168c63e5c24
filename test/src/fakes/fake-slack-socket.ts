/**
 * A fake Slack Socket Mode endpoint on 127.0.0.1, from Slack's documented protocol: the Web API's
 * `apps.connections.open` (app-level token, `xapp-…`) answers a `ws://` URL; on connecting the
 * client gets `{type:'hello'}`, then envelopes `{envelope_id, type, payload, accepts_response_payload}`,
 * and answers each with an ack `{envelope_id, payload?}`. `{type:'disconnect', reason}` asks the
 * client to reconnect (a new apps.connections.open, a new socket).
 *
 *   const socket = await FakeSlackSocket.start(slack);   // serves apps.connections.open on the fake Web API
 *   socket.appToken                                      // pass as SLACK_APP_TOKEN
 *   const ack = await socket.deliver('events_api', envelope)   // resolves with the ack
 *   socket.send('events_api', envelope)                  // → envelope_id; socket.acksFor(id)
 *   socket.disconnect('refresh_requested'); await socket.nextConnection()
 */
import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import type { FakeSlackApi } from './fake-slack-api';

export type EnvelopeType = 'events_api' | 'slash_commands' | 'interactive';
export interface SocketAck { readonly envelope_id: string; readonly payload?: Record<string, unknown> }

export class FakeSlackSocket {
  readonly appToken = 'xapp-1-A0MUSTER-fake-app-level-token';
  /** Every ack received, in order. */
  readonly acks: SocketAck[] = [];
  /** How many sockets have connected (and been greeted) so far. */
  connections = 0;
  private current: WebSocket | undefined;
  private readonly ackWaiters = new Map<string, (ack: SocketAck) => void>();
  private connectionWaiters: (() => void)[] = [];
  private tickets = 0;

  private constructor(private readonly server: WebSocketServer, private readonly port: number) {
    server.on('connection', (ws) => this.accept(ws));
  }

  static async start(slack: FakeSlackApi): Promise<FakeSlackSocket> {
    const server = new WebSocketServer({ host: '127.0.0.1', port: 0 });
    await new Promise<void>((resolve) => server.once('listening', resolve));
    const socket = new FakeSlackSocket(server, (server.address() as AddressInfo).port);
    slack.serveAppLevel('apps.connections.open', socket.appToken, () => ({ url: `ws://127.0.0.1:${socket.port}/link/?ticket=${++socket.tickets}&app_id=A0MUSTER` }));
    return socket;
  }

  /** Sends an envelope on the current connection; returns its envelope_id. */
  send(type: EnvelopeType, payload: unknown, options: { envelopeId?: string; retryAttempt?: number } = {}): string {
    if (!this.current) throw new Error('No Socket Mode client is connected');
    const envelopeId = options.envelopeId ?? randomUUID();
    const retry = options.retryAttempt ? { retry_attempt: options.retryAttempt, retry_reason: 'timeout' } : {};
    this.current.send(JSON.stringify({ envelope_id: envelopeId, type, payload, accepts_response_payload: type !== 'events_api', ...retry }));
    return envelopeId;
  }

  /** Sends an envelope and resolves with its ack. */
  deliver(type: EnvelopeType, payload: unknown, options: { envelopeId?: string; retryAttempt?: number } = {}): Promise<SocketAck> {
    const envelopeId = options.envelopeId ?? randomUUID();
    const acked = new Promise<SocketAck>((resolve) => this.ackWaiters.set(envelopeId, resolve));
    this.send(type, payload, { ...options, envelopeId });
    return acked;
  }

  acksFor(envelopeId: string): SocketAck[] {
    return this.acks.filter((a) => a.envelope_id === envelopeId);
  }

  /** Slack's request to reconnect (it sends this before rotating a connection). */
  disconnect(reason: 'refresh_requested' | 'warning' | 'link_disabled' = 'refresh_requested'): void {
    this.current?.send(JSON.stringify({ type: 'disconnect', reason, debug_info: { host: 'fake-slack' } }));
  }

  /** Resolves when the next client has connected and been greeted. */
  nextConnection(): Promise<void> {
    return new Promise((resolve) => this.connectionWaiters.push(resolve));
  }

  async close(): Promise<void> {
    for (const client of this.server.clients) client.terminate();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private accept(ws: WebSocket): void {
    this.current = ws;
    ws.on('message', (data) => {
      let ack: SocketAck;
      try {
        ack = JSON.parse(String(data)) as SocketAck;
      } catch {
        return;
      }
      if (typeof ack.envelope_id !== 'string') return;
      this.acks.push(ack);
      this.ackWaiters.get(ack.envelope_id)?.(ack);
      this.ackWaiters.delete(ack.envelope_id);
    });
    ws.on('close', () => {
      if (this.current === ws) this.current = undefined;
    });
    ws.send(JSON.stringify({ type: 'hello', num_connections: 1, debug_info: { host: 'fake-slack', approximate_connection_time: 18060 }, connection_info: { app_id: 'A0MUSTER' } }));
    this.connections++;
    const waiters = this.connectionWaiters;
    this.connectionWaiters = [];
    for (const resolve of waiters) resolve();
  }
}
