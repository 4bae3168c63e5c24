import { expect } from 'chai';
import { isMusterError } from '@muster/core';
import { parseDatabaseUrl } from './database-url';

describe('parseDatabaseUrl', () => {
  it('reads the SQLite forms', () => {
    expect(parseDatabaseUrl('sqlite:./data/muster.db')).to.deep.equal({ kind: 'sqlite', path: './data/muster.db' });
    expect(parseDatabaseUrl('sqlite::memory:')).to.deep.equal({ kind: 'sqlite', path: ':memory:' });
    expect(parseDatabaseUrl('sqlite:///var/lib/muster/muster.db')).to.deep.equal({ kind: 'sqlite', path: '/var/lib/muster/muster.db' });
    expect(parseDatabaseUrl('  SQLite:muster.db ')).to.deep.equal({ kind: 'sqlite', path: 'muster.db' });
  });

  it('reads MySQL and MariaDB URLs, decoding an encoded password and defaulting the port', () => {
    expect(parseDatabaseUrl('mysql://muster:p%40ss%2Fw0rd@db.internal:3307/muster')).to.deep.equal({
      kind: 'mysql', flavour: 'mysql', host: 'db.internal', port: 3307, user: 'muster', password: 'p@ss/w0rd', database: 'muster',
    });
    expect(parseDatabaseUrl('mariadb://root@127.0.0.1/incidents')).to.include({ flavour: 'mariadb', port: 3306, password: '', database: 'incidents' });
    expect(parseDatabaseUrl('mysql://u:p@[::1]:3306/db')).to.include({ host: '::1' });
  });

  const refusals: [string, RegExp][] = [
    ['', /it is empty/],
    ['postgres://u:hunter2@h/db', /scheme "postgres:"/],
    ['./data/muster.db', /does not start with sqlite: or mysql:\/\//],
    ['sqlite:', /names no file/],
    ['mysql:u:hunter2@h/db', /needs \/\/ before the user and host/],
    ['mysql://u:hunter2@h:99999/db', /cannot be read/],
    ['mysql://u:hunter2@h:3306', /names no database/],
    ['mysql://u:hunter2@h:3306/db?ssl=true', /take no \?options/],
    ['mysql://:hunter2@h:3306/db', /names no user/],
  ];
  for (const [url, problem] of refusals) {
    it(`refuses ${JSON.stringify(url)} in one line, with both accepted forms and no password`, () => {
      let error: unknown;
      try {
        parseDatabaseUrl(url);
      } catch (e) {
        error = e;
      }
      expect(isMusterError(error, 'configuration'), String(error)).to.equal(true);
      const { message } = error as Error;
      expect(message).to.match(problem);
      expect(message).to.contain('sqlite:./data/muster.db').and.to.contain('mysql://user:password@host:3306/database');
      expect(message).to.not.contain('hunter2');
      expect(message).to.not.contain('\n');
    });
  }
});
