import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';

/** The Redis the suites use (started by .ci/run); each suite works under a prefix of its own. */
export const TEST_REDIS_URL = 'redis://127.0.0.1:6379';

export const uniquePrefix = (label: string): string => `muster-test-${label}-${randomBytes(4).toString('hex')}`;

/** Deletes every key under `prefix` (what a suite leaves behind in the shared Redis). */
export async function deleteKeys(prefix: string): Promise<void> {
  const redis = new Redis(TEST_REDIS_URL);
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 500);
      cursor = next;
      if (keys.length) await redis.del(...keys);
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}
