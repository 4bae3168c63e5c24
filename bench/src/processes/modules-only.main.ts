/**
 * The idle-RSS floor: a bare Node process that loads the same packages the server loads (the server
 * and everything it imports: store, core, the platform SDKs) and starts nothing. Muster's idle RSS
 * minus this is what its running state costs (database handles, caches, timers, the HTTP server).
 */
import { serveDriver } from './ipc';
import { memoryReading } from './memory-reading';

// eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded for its weight only
require('@muster/server');

serveDriver({}, { memory: memoryReading }, async () => undefined);
