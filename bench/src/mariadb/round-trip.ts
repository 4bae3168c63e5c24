import { createConnection } from 'mysql2/promise';
import { MARIADB_HOST, MARIADB_PORT } from './scratch-databases';
import { median } from '../support/stats';

/**
 * One statement's round trip to MariaDB on an idle connection (median of `count` serial `SELECT 1`),
 * in milliseconds. Statements that run one after another on one connection cost at least this each,
 * which is what bounds a transaction whose units run in sequence.
 */
export async function mariaDbRoundTripMs(count = 2_000): Promise<number> {
  const connection = await createConnection({ host: MARIADB_HOST, port: MARIADB_PORT, user: 'root' });
  try {
    const samples: number[] = [];
    for (let i = 0; i < count; i++) {
      const started = performance.now();
      await connection.query('SELECT 1');
      samples.push(performance.now() - started);
    }
    return median(samples);
  } finally {
    await connection.end();
  }
}
