import type { DataSource, EntityManager } from 'typeorm';

/** The two SQL families Muster runs on. MariaDB is `mysql` here: same driver (mysql2), same SQL. */
export type Dialect = 'mysql' | 'sqlite';

export function dialectOf(source: DataSource | EntityManager): Dialect {
  const type = ('dataSource' in source ? source.dataSource : source).options.type;
  return type === 'mysql' || type === 'mariadb' ? 'mysql' : 'sqlite';
}
