import { MusterError } from '@muster/core';

/** Where the database is, parsed from `MUSTER_DATABASE_URL`. */
export type DatabaseLocation =
  | { readonly kind: 'sqlite'; readonly path: string }
  | { readonly kind: 'mysql'; readonly flavour: 'mysql' | 'mariadb'; readonly host: string; readonly port: number; readonly user: string; readonly password: string; readonly database: string };

export const ACCEPTED_FORMS = 'sqlite:./data/muster.db (or sqlite::memory:) or mysql://user:password@host:3306/database';

/**
 * Reads a database URL. A bad one is refused with one line that names the problem and shows the two
 * accepted forms. The URL itself is never repeated: it may hold a password.
 */
export function parseDatabaseUrl(url: string): DatabaseLocation {
  const text = url.trim();
  if (!text) return refuse('it is empty');
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(text)?.[1]?.toLowerCase();
  if (scheme === 'sqlite') return parseSqlite(text.slice('sqlite:'.length));
  if (scheme === 'mysql' || scheme === 'mariadb') return parseMysql(text, scheme);
  return refuse(scheme ? `the scheme "${scheme}:" is not one Muster speaks` : 'it does not start with sqlite: or mysql://');
}

function parseSqlite(rest: string): DatabaseLocation {
  // sqlite:///abs/path and sqlite://./rel are common spellings from other tools; accept them too.
  const path = rest.startsWith('//') ? rest.slice(2) : rest;
  if (!path) return refuse('the sqlite: URL names no file');
  if (path === ':memory:') return { kind: 'sqlite', path };
  if (path.includes('?')) return refuse('sqlite: URLs take no ?options');
  return { kind: 'sqlite', path };
}

function parseMysql(text: string, scheme: 'mysql' | 'mariadb'): DatabaseLocation {
  if (!text.slice(scheme.length + 1).startsWith('//')) return refuse(`a ${scheme}: URL needs // before the user and host`);
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return refuse(`the ${scheme}:// URL cannot be read (check the port is a number, and percent-encode @ / : # in the password)`);
  }
  if (!url.hostname) return refuse(`the ${scheme}:// URL names no host`);
  const port = url.port ? Number(url.port) : 3306;
  const database = decode(url.pathname.replace(/^\//, ''));
  if (!database) return refuse(`the ${scheme}:// URL names no database after the host (…:3306/database)`);
  if (database.includes('/')) return refuse(`the database name in the ${scheme}:// URL contains "/"`);
  if (url.search) return refuse(`${scheme}:// URLs take no ?options; Muster sets the connection options itself`);
  if (!url.username) return refuse(`the ${scheme}:// URL names no user (user:password@host)`);
  return { kind: 'mysql', flavour: scheme, host: url.hostname.replace(/^\[|\]$/g, ''), port, user: decode(url.username), password: decode(url.password), database };
}

function decode(part: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    return refuse('a part of the URL has a broken %-escape');
  }
}

function refuse(problem: string): never {
  throw new MusterError('configuration', `The database URL is not usable: ${problem}. Use ${ACCEPTED_FORMS}.`);
}
