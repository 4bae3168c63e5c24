/**
 * The idle-RSS floor: a bare Node process that loads the same packages the server loads (the server
 * and everything it imports: store, core, the platform SDKs) and starts nothing. Muster's idle RSS
 * minus this is what its running state costs (database handles, caches, timers, the HTTP server).
 */
import { serveDriver } from './ipc';

// eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded for its weight only
require('@muster/server');

const mb = (bytes: number) => Math.round((bytes / 1048576) * 10) / 10;
serveDriver({}, { memory: () => ({ rssMb: mb(process.memoryUsage().rss), heapUsedMb: mb(process.memoryUsage().heapUsed) }) }, async () => undefined);
