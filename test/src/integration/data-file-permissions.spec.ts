import { chmodSync, mkdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'chai';
import { createStore } from '@muster/store';
import { removeDir, runCli, tempDir } from './server-support';

const mode = (path: string) => statSync(path).mode & 0o777;

/** The embedded database holds incident conversations and token hashes: nobody but its owner may read it. */
describe('data file permissions (SQLite)', function () {
  this.timeout(30_000);
  let dir: string;
  beforeEach(() => { dir = tempDir('perms'); });
  afterEach(() => removeDir(dir));

  it('creates ./data 0700 and muster.db with its -wal and -shm files 0600, whatever the umask lets through', async () => {
    // The usual umask 022 would leave 0755 / 0644: that is what must not happen.
    const previous = process.umask(0o022);
    try {
      const store = await createStore(`sqlite:${join(dir, 'data', 'muster.db')}`);
      try {
        await store.apiTokens.create('perms');
        expect(mode(join(dir, 'data'))).to.equal(0o700);
        for (const file of ['muster.db', 'muster.db-wal', 'muster.db-shm']) expect(mode(join(dir, 'data', file)), file).to.equal(0o600);
      } finally {
        await store.close();
      }
    } finally {
      process.umask(previous);
    }
  });

  it('does the same for `muster tokens create` on a fresh directory (the default ./data/muster.db)', async () => {
    const result = await runCli(['tokens', 'create', 'ci'], { cwd: dir });
    expect(result.code, result.stderr).to.equal(0);
    expect(mode(join(dir, 'data'))).to.equal(0o700);
    expect(mode(join(dir, 'data', 'muster.db'))).to.equal(0o600);
  });

  it('leaves the mode of a folder the user made alone (e.g. group-readable for backups)', async () => {
    const folder = join(dir, 'shared');
    mkdirSync(folder);
    chmodSync(folder, 0o750);
    const store = await createStore(`sqlite:${join(folder, 'muster.db')}`);
    await store.close();
    expect(mode(folder)).to.equal(0o750);
    expect(mode(join(folder, 'muster.db'))).to.equal(0o600);
  });
});
