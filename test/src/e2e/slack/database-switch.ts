/**
 * A TCP proxy between the Muster server and MariaDB that a test can cut and restore, to make the
 * database unreachable for the running server without touching the machine's MariaDB service.
 * Cutting drops every open connection and stops listening; restoring listens on the same port again.
 */
import { connect, createServer, type Server, type Socket } from 'node:net';

export class DatabaseSwitch {
  private server: Server | undefined;
  private readonly sockets = new Set<Socket>();
  private port = 0;

  private constructor(private readonly targetPort: number, private readonly targetHost: string) {}

  static async start(targetPort = 3306, targetHost = '127.0.0.1'): Promise<DatabaseSwitch> {
    const proxy = new DatabaseSwitch(targetPort, targetHost);
    await proxy.listen(0);
    return proxy;
  }

  /** The port the server should use instead of MariaDB's. */
  get listenPort(): number {
    return this.port;
  }

  /** The database is gone: connections drop, new ones are refused. */
  async cut(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    for (const socket of this.sockets) socket.destroy();
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** The database is back, on the same port. */
  async restore(): Promise<void> {
    if (!this.server) await this.listen(this.port);
  }

  async close(): Promise<void> {
    await this.cut();
  }

  private async listen(port: number): Promise<void> {
    const server = createServer((client) => {
      const upstream = connect(this.targetPort, this.targetHost);
      for (const socket of [client, upstream]) {
        this.sockets.add(socket);
        socket.on('close', () => this.sockets.delete(socket));
        socket.on('error', () => socket.destroy());
      }
      client.pipe(upstream).pipe(client);
      client.on('close', () => upstream.destroy());
      upstream.on('close', () => client.destroy());
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => resolve());
    });
    this.server = server;
    this.port = (server.address() as { port: number }).port;
  }
}
