import { expect } from 'chai';
import { isMusterError } from '@muster/core';
import { translateDatabaseError } from './errors';

const driver = (code: string, errno: number, message: string) => Object.assign(new Error(message), { code, errno });

describe('translateDatabaseError: a read-only server after a failover', () => {
  it('answers a write refused by a read-only server (MySQL/MariaDB 1290) as unavailable, saying to try again', () => {
    const error = translateDatabaseError(driver('ER_OPTION_PREVENTS_STATEMENT', 1290, 'The MySQL server is running with the --read-only option so it cannot execute this statement'));
    expect(isMusterError(error, 'unavailable')).to.equal(true);
    expect((error as Error).message).to.equal('The database is read-only just now (a failover under way?); nothing was saved. Try again in a moment.');
  });

  it('does the same inside a read-only transaction (1792), and through the wrapper TypeORM puts around it', () => {
    const wrapped = Object.assign(new Error('query failed'), { driverError: driver('ER_CANT_EXECUTE_IN_READ_ONLY_TRANSACTION', 1792, 'Cannot execute statement in a READ ONLY transaction.') });
    expect(isMusterError(translateDatabaseError(wrapped), 'unavailable')).to.equal(true);
  });

  it('leaves 1290 for another option alone: a setting to fix, not a moment to wait', () => {
    const other = driver('ER_OPTION_PREVENTS_STATEMENT', 1290, 'The MySQL server is running with the --secure-file-priv option so it cannot execute this statement');
    expect(translateDatabaseError(other)).to.equal(other);
  });
});
