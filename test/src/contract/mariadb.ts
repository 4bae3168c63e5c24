import { randomBytes } from 'node:crypto';
import { createConnection } from 'mysql2/promise';

export const MARIADB_HOST = '127.0.0.1';
export const MARIADB_PORT = 3306;
const ROOT = { host: MARIADB_HOST, port: MARIADB_PORT, user: 'root', password: '' };

/** How many cases ran against MariaDB, printed at the end so a run that quietly skipped it is visible. */
export const mariaDbCases = { ran: 0 };

export function countIfMariaDb(isMariaDb: boolean): void {
  if (isMariaDb) mariaDbCases.ran += 1;
}

/**
 * Creates a throw-away database `muster_contract_<random>` and returns its URL. MariaDB must be up:
 * the suite fails (it never skips) with a message saying how to start it.
 */
export async function createScratchDatabase(): Promise<{ url: string; name: string; drop(): Promise<void> }> {
  const name = `muster_contract_${randomBytes(6).toString('hex')}`;
  const admin = await createConnection({ ...ROOT, connectTimeout: 5000 }).catch((error: unknown) => {
    throw new Error(
      `MariaDB is not reachable at ${MARIADB_HOST}:${MARIADB_PORT} as root with an empty password (${(error as Error).message}). ` +
      'The contract suite needs it: start MariaDB (e.g. `service mariadb start`) and run the tests again.',
    );
  });
  try {
    await admin.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_bin`);
  } finally {
    await admin.end();
  }
  return {
    name,
    url: `mysql://root@${MARIADB_HOST}:${MARIADB_PORT}/${name}`,
    async drop() {
      const connection = await createConnection(ROOT);
      try {
        await connection.query(`DROP DATABASE IF EXISTS \`${name}\``);
      } finally {
        await connection.end();
      }
    },
  };
}
