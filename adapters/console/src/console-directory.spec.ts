import { expect } from 'chai';
import { ConsoleDirectory } from './console-directory';

describe('ConsoleDirectory', () => {
  const directory = new ConsoleDirectory();

  it('resolves @name and name to the same console person', async () => {
    const expected = { platform: 'console', id: 'sre-lead', name: 'sre-lead' };
    expect(await directory.resolve('console', 'local', '@sre-lead')).to.deep.equal(expected);
    expect(await directory.resolve('console', 'local', 'sre-lead')).to.deep.equal(expected);
    expect(await directory.resolve('console', 'local', '@first.last_2')).to.deep.include({ id: 'first.last_2' });
  });

  it('finds nobody for anything that is not a handle, so core can say whom it could not find', async () => {
    for (const typed of ['@SRE-Lead', '@two words', '@', '<@U123>', '@a\x1b[31m', `@${'a'.repeat(65)}`]) {
      expect(await directory.resolve('console', 'local', typed), typed).to.equal(undefined);
    }
  });

  it('knows nobody on other platforms', async () => {
    expect(await directory.resolve('slack', 'T1', '@sre-lead')).to.equal(undefined);
  });
});
