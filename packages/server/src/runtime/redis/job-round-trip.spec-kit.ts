import { Queue, Worker } from 'bullmq';
import { createRedisConnection } from './redis-connection';

/**
 * Runs one BullMQ job through Redis at `url` (single node, Sentinel or Cluster) and answers what the
 * worker returned, as the queue reads it back from Redis, with its state. The wait is on the worker's
 * own 'completed' event, listened to before the job exists, so it cannot be missed: a QueueEvents
 * reader starts its stream read at '$' a moment after it says it is ready, and a job finished in that
 * moment is never announced (a cluster run once timed out that way with the job done).
 */
export async function runOneJob(url: string, prefix: string, jobId: string, n: number): Promise<{ state: string; value: unknown }> {
  // BullMQ leaves a connection it was given open when it closes: they are ended here, or a cluster
  // client would go on refreshing its slots from nodes shut down after the test, logging all the while.
  const connections = [createRedisConnection(url, `${jobId}-queue`), createRedisConnection(url, `${jobId}-worker`)];
  const queue = new Queue('outbox', { connection: connections[0], prefix });
  const worker = new Worker('outbox', async (job) => `done ${job.data.n}`, { connection: connections[1], prefix });
  const completed = new Promise<void>((resolve, reject) => {
    const deadline = setTimeout(() => reject(new Error(`the worker finished no job ${jobId} within 20 s`)), 20_000);
    worker.on('completed', (job) => { if (job.id === jobId) { clearTimeout(deadline); resolve(); } });
    worker.on('failed', (job, error) => { if (job?.id === jobId) { clearTimeout(deadline); reject(error); } });
  });
  try {
    await queue.add('outbox', { n }, { jobId });
    await completed;
    const stored = await queue.getJob(jobId);
    return { state: (await stored?.getState()) ?? 'missing', value: stored?.returnvalue };
  } finally {
    await worker.close();
    await queue.obliterate({ force: true }).catch(() => undefined);
    await queue.close();
    for (const connection of connections) connection.disconnect();
  }
}
