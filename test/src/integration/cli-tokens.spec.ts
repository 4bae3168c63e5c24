import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'chai';
import { call, createMariaDbDatabase, removeDir, runCli, startChild, tempDir, type ChildServer, type CliResult } from './server-support';

/** `muster tokens …` as a user runs it: the real CLI in a child process, against SQLite and MariaDB. */
interface Target {
  readonly label: string;
  setUp(dir: string): Promise<{ env: Record<string, string>; tearDown(): Promise<void> }>;
}

const TARGETS: readonly Target[] = [
  { label: 'SQLite', setUp: async () => ({ env: {}, tearDown: async () => undefined }) },
  {
    label: 'MariaDB',
    async setUp(dir) {
      const db = await createMariaDbDatabase();
      const env = { MUSTER_DATABASE_URL: `mysql://root@127.0.0.1:3306/${db.name}` };
      const migrated = await runCli(['migrate'], { cwd: dir, env });
      expect(migrated.code, migrated.stderr).to.equal(0);
      return { env, tearDown: () => db.drop() };
    },
  },
];

const TOKEN = /^\s+(mst_[A-Za-z0-9_-]{43})$/m;
const ID = /\(id ([0-9a-f-]{36})\)/;

function created(result: CliResult): { token: string; id: string } {
  expect(result.code, result.stderr).to.equal(0);
  return { token: TOKEN.exec(result.stdout)![1]!, id: ID.exec(result.stdout)![1]! };
}

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

for (const target of TARGETS) {
  describe(`muster tokens (the CLI as a child process, ${target.label})`, function () {
    this.timeout(60_000);
    let dir: string;
    let env: Record<string, string>;
    let tearDown: () => Promise<void>;
    const cli = (...args: string[]) => runCli(['tokens', ...args], { cwd: dir, env });

    beforeEach(async () => {
      dir = tempDir('tokens');
      ({ env, tearDown } = await target.setUp(dir));
    });
    afterEach(async () => {
      await tearDown();
      removeDir(dir);
    });

    it('creates a token once per name and tenant, refusing a duplicate by naming the token that has it', async () => {
      const first = created(await cli('create', 'ci'));
      const again = await cli('create', 'ci');
      expect(again.code).to.equal(1);
      expect(again.stdout).to.equal('');
      expect(again.stderr).to.include(`already has a token named "ci" (id ${first.id}`).and.include('choose another name');
      expect(again.stderr).to.not.match(/mst_|\n\s+at /);
      // The same name in another tenant is another token.
      const other = created(await cli('create', 'ci', '--tenant', 'acme'));
      expect(other.id).to.not.equal(first.id);
      const list = await cli('list');
      expect(list.stdout.trim().split('\n')).to.have.length(3);
    });

    it('lists id, name, tenant, dates and revocation, never the token or its hash', async () => {
      const ci = created(await cli('create', 'ci', 'pipeline'));
      const bot = created(await cli('create', '--tenant=acme', 'status-bot'));
      const list = await cli('list');
      expect(list.code, list.stderr).to.equal(0);
      const [header, ...rows] = list.stdout.trim().split('\n');
      expect(header!.split(/\s{2,}/)).to.deep.equal(['ID', 'NAME', 'TENANT', 'SCOPES', 'CREATED', 'LAST USED', 'REVOKED']);
      expect(rows[0]!.split(/\s{2,}/)).to.include.members([ci.id, 'ci pipeline', 'default', 'read,write', 'never', 'no']);
      expect(rows[1]!.split(/\s{2,}/)).to.include.members([bot.id, 'status-bot', 'acme', 'never', 'no']);
      for (const { token } of [ci, bot]) {
        expect(list.stdout).to.not.include(token.slice(4, 20));
        expect(list.stdout).to.not.include(sha256(token).slice(0, 16));
      }
      const acme = await cli('list', '--tenant', 'acme');
      expect(acme.stdout).to.include(bot.id).and.not.include(ci.id);
      const empty = await cli('list', '--tenant', 'nobody');
      expect([empty.code, empty.stdout]).to.deep.equal([0, 'There are no API tokens in tenant nobody. Create one with: npx muster tokens create <name>\n']);
    });

    it('revokes by id and by name (in its tenant), and the server refuses the token at once with 401', async () => {
      const byId = created(await cli('create', 'by-id'));
      const byName = created(await cli('create', 'deploy', '--tenant', 'acme'));
      const kept = created(await cli('create', 'deploy'));
      const server: ChildServer = await startChild(dir, env);
      try {
        const incidents = `${server.url}/api/v1/incidents`;
        for (const { token } of [byId, byName, kept]) expect((await call(incidents, { token })).status).to.equal(200);

        const revokedId = await cli('revoke', byId.id);
        expect(revokedId.code, revokedId.stderr).to.equal(0);
        expect(revokedId.stdout).to.include(`Revoked API token "by-id" (id ${byId.id}, tenant default)`);
        const refused = await call(incidents, { token: byId.token });
        expect(refused.status).to.equal(401);
        expect(refused.headers.get('www-authenticate')).to.include('invalid_token');

        const revokedName = await cli('revoke', 'deploy', '--tenant', 'acme');
        expect(revokedName.code, revokedName.stderr).to.equal(0);
        expect(revokedName.stdout).to.include(`(id ${byName.id}, tenant acme)`);
        expect((await call(incidents, { token: byName.token })).status).to.equal(401);
        // The "deploy" of tenant default was not touched.
        expect((await call(incidents, { token: kept.token })).status).to.equal(200);

        const twice = await cli('revoke', byId.id);
        expect(twice.code).to.equal(0);
        expect(twice.stdout).to.include('was already revoked at');
      } finally {
        server.child.kill('SIGTERM');
        await server.exited;
      }
      const list = await cli('list');
      const row = (id: string) => list.stdout.split('\n').find((line) => line.startsWith(id))!;
      expect(row(byId.id)).to.match(/\d{4}-\d\d-\d\d \d\d:\d\dZ$/);
      expect(row(byId.id)).to.not.match(/never/);
      expect(row(kept.id)).to.match(/\sno$/);
    });

    it('gives a token the scopes asked for (default read and write), lists them, and refuses an unknown scope', async () => {
      const plain = await cli('create', 'ci');
      expect(plain.stdout).to.include('with scopes read, write:');
      const catalogue = created(await cli('create', 'catalogue-bot', '--scope', 'Admin,read'));
      const list = (await cli('list')).stdout;
      expect(list.split('\n')[0]).to.match(/\bSCOPES\b/);
      expect(list.split('\n').find((line) => line.startsWith(catalogue.id))).to.match(/\sread,admin\s/);
      for (const args of [['--scope', 'root'], ['--scope', ','], ['--scope']]) {
        const refused = await cli('create', 'x', ...args);
        expect(refused.code, args.join(' ')).to.equal(2);
        expect(refused.stderr).to.match(/--scope needs one or more of read, write, admin/);
      }
      expect((await cli('list')).stdout).to.not.match(/^\S+\s+x\s/m);
    });

    it('says what to do for an unknown id or name, and revokes nothing', async () => {
      const ci = created(await cli('create', 'ci'));
      const unknown = await cli('revoke', '00000000-0000-0000-0000-000000000000');
      expect(unknown.code).to.equal(1);
      expect(unknown.stderr).to.include('There is no API token with the id "00000000-0000-0000-0000-000000000000"').and.include('npx muster tokens list');
      // A name exists only in its own tenant.
      const elsewhere = await cli('revoke', 'ci', '--tenant', 'acme');
      expect(elsewhere.code).to.equal(1);
      expect(elsewhere.stderr).to.include('in tenant acme');
      expect((await cli('list')).stdout).to.match(new RegExp(`^${ci.id}.*\\sno$`, 'm'));
    });

    it('refuses hostile names: terminal escapes and newlines, and names too long to store', async () => {
      const escape = await cli('create', 'ci\u001b[2J\nfake row');
      expect(escape.code).to.equal(1);
      expect(escape.stderr).to.include('cannot contain control characters');
      const long = await cli('create', 'x'.repeat(192));
      expect(long.code).to.equal(1);
      expect(long.stderr).to.include('at most 191 characters');
      expect((await cli('list')).stdout).to.include('There are no API tokens');
    });
  });
}

describe('muster tokens with a malformed command line', function () {
  this.timeout(120_000);
  let dir: string;
  before(() => { dir = tempDir('tokens-usage'); });
  after(() => removeDir(dir));

  it('refuses a malformed command line with exit code 2 before touching the database', async () => {
    const cases: string[][] = [[], ['lis'], ['create'], ['create', '  '], ['revoke'], ['list', 'extra'], ['create', 'x', '--tenant'],
      ['create', 'x', '--tenant', 'has space'], ['create', 'x', '--tenant', 'a', '--tenant', 'b'], ['create', 'x', '--admin'], ['constructor']];
    for (const args of cases) {
      const result = await runCli(['tokens', ...args], { cwd: dir });
      expect([result.code, result.stdout], args.join(' ')).to.deep.equal([2, '']);
      expect(result.stderr, args.join(' ')).to.match(/^muster: .*muster tokens/s);
    }
    // Nothing was opened, so nothing was created.
    expect(existsSync(join(dir, 'data'))).to.equal(false);
  });
});
