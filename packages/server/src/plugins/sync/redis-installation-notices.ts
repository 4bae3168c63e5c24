import type { Logger } from '@muster/core';

import { createRedisConnection, redisTarget, type RedisConnection } from '../../runtime/redis/redis-connection';
import { parseNotice, type InstallationNotice, type InstallationNotices } from './installation-notices';

/** How long start-up waits for the subscription before going on (the reconcile covers what it misses). */
const SUBSCRIBE_WAIT_MS = 5_000;

/** The channel of one installation's notices: `<prefix>:plugin-installations` (prefix MUSTER_REDIS_PREFIX). */
export const noticeChannel = (prefix: string): string => `${prefix}:plugin-installations`;

/**
 * Notices over Redis pub/sub. Pub/sub keeps nothing for a subscriber that is away, which is why the
 * reconciler also runs on every reconnect. The sending connection has no offline queue: while Redis is
 * down a send fails at once (logged) instead of holding a chat command until Redis returns.
 */
export class RedisInstallationNotices implements InstallationNotices {
  private subscriber?: RedisConnection;
  private publisher?: RedisConnection;

  constructor(private readonly url: string, private readonly prefix: string, private readonly logger: Logger) {}

  async listen(handlers: { readonly notice: (notice: InstallationNotice) => void; readonly reconnected: () => void }): Promise<void> {
    const channel = noticeChannel(this.prefix);
    const subscriber = createRedisConnection(this.url, 'plugin-notices');
    this.subscriber = subscriber;
    this.publisher = createRedisConnection(this.url, 'plugin-notices-send', { enableOfflineQueue: false, maxRetriesPerRequest: 1 });
    this.publisher.on('error', () => undefined); // a send says it failed; reconnects are ioredis's
    let readyOnce = false;
    subscriber.on('error', (error: Error) => this.logger.warn('The plugin notice channel lost Redis; installations are reconciled from the database when it is back', { redis: redisTarget(this.url), error: error.message }));
    subscriber.on('ready', () => {
      // ioredis subscribes again by itself after a reconnect; what was said meanwhile is lost.
      if (readyOnce) handlers.reconnected();
      readyOnce = true;
    });
    subscriber.on('message', (heard: string, text: string) => {
      if (heard !== channel) return;
      const notice = parseNotice(text);
      if (notice) handlers.notice(notice);
    });
    const subscribed = subscriber.subscribe(channel).then(() => true, () => false);
    let timer: NodeJS.Timeout | undefined;
    const waited = new Promise<false>((resolve) => { timer = setTimeout(() => resolve(false), SUBSCRIBE_WAIT_MS); });
    const ok = await Promise.race([subscribed, waited]);
    clearTimeout(timer);
    if (!ok) this.logger.warn('Not yet hearing plugin notices from other instances (Redis is not answering); reconciling from the database until it does', { redis: redisTarget(this.url) });
  }

  async send(notice: InstallationNotice): Promise<void> {
    try {
      await this.publisher?.publish(noticeChannel(this.prefix), JSON.stringify(notice));
    } catch (error) {
      this.logger.warn('Other instances were not told of a plugin change (Redis); they pick it up at their next reconcile', { plugin: notice.pluginId, tenant: notice.tenantId, error: error instanceof Error ? error.message : String(error) });
    }
  }

  async close(): Promise<void> {
    for (const connection of [this.subscriber, this.publisher]) {
      if (!connection) continue;
      // QUIT on a connection that is not up waits in ioredis's offline queue for as long as Redis is
      // away (the subscriber retries forever): a shutdown with Redis down would never finish.
      if (connection.status !== 'ready') {
        connection.disconnect();
        continue;
      }
      await connection.quit().catch(() => connection.disconnect());
    }
    this.subscriber = this.publisher = undefined;
  }
}
