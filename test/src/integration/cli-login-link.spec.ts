import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'chai';
import { CLI, childEnv, removeDir, runCli, startInProcess, tempDir, type CliResult } from './server-support';
import { CookieJar, countRows, hop } from './web-sign-in-support';

const LINK = /^ {2}(https?:\/\/\S+\/login\/link\/([A-Za-z0-9_-]{43}))$/m;

const linkOf = (result: CliResult): { url: string; token: string } => {
  expect(result.code, result.stderr).to.equal(0);
  const match = LINK.exec(result.stdout)!;
  return { url: match[1]!, token: match[2]! };
};

/** `muster login-link` and the start banner's link, as a user runs them, redeemed by a real server afterwards. */
describe('muster login-link (the CLI as a child process, SQLite)', function () {
  this.timeout(60_000);
  let dir: string;
  const cli = (args: string[], env: Record<string, string> = {}) => runCli(['login-link', ...args], { cwd: dir, env });

  /** Redeems a link on a server over the same database, answering the session it made. */
  const redeem = async (token: string) => {
    const server = await startInProcess(dir);
    try {
      const stored = JSON.stringify(await server.store.dataSource.query('SELECT * FROM web_sign_in_links'));
      expect(stored, 'only the hash of the link is stored').to.contain(sha256(token)).and.to.not.contain(token);
      const jar = new CookieJar();
      const pressed = await hop(`${server.url}/login/link/${token}`, jar, { method: 'POST', headers: { origin: server.url, 'content-type': 'application/x-www-form-urlencoded' }, body: '' });
      expect(pressed.status, pressed.text).to.equal(303);
      return await server.store.webSessions.findSession(jar.get('muster_session')!);
    } finally {
      await server.stop();
    }
  };

  beforeEach(() => {
    dir = tempDir('login-link');
    writeFileSync(join(dir, 'muster.yaml'), [
      'admins: [slack:U0ADMIN, teams:aad-admin]',
      'tenants:',
      '  acme: { slack: [T0ACME], teams: [tid-acme] }',
      '',
    ].join('\n'));
  });
  afterEach(() => removeDir(dir));

  it('prints a link for the console user by default, with when it expires; only its hash is stored', async () => {
    const result = await cli([]);
    const { url, token } = linkOf(result);
    expect(url).to.match(/^http:\/\/localhost:3000\/login\/link\//);
    expect(result.stdout).to.contain('One-time sign-in link for console:you (workspace local)');
    expect(result.stdout).to.match(/until \d{4}-\d\d-\d\d \d\d:\d\dZ \(15 minutes\)/);
    const session = await redeem(token);
    expect(session).to.deep.include({ workspaceId: 'local', tenantId: 'default', method: 'link' });
    expect(session!.person).to.deep.include({ platform: 'console', id: 'you' });
  });

  it('uses MUSTER_PUBLIC_URL for the address when it is set', async () => {
    const { url } = linkOf(await cli([], { MUSTER_PUBLIC_URL: 'https://muster.example.com/' }));
    expect(url).to.match(/^https:\/\/muster\.example\.com\/login\/link\/[A-Za-z0-9_-]{43}$/);
  });

  it('--as an administrator: the only configured workspace of their platform, in its tenant', async () => {
    const { token } = linkOf(await cli(['--as', 'slack:U0ADMIN']));
    const session = await redeem(token);
    expect(session).to.deep.include({ workspaceId: 'T0ACME', tenantId: 'acme' });
    expect(session!.person).to.deep.include({ platform: 'slack', id: 'U0ADMIN' });
  });

  it('refuses --as someone who is not an administrator, saying what to do, and makes no link', async () => {
    const result = await cli(['--as', 'slack:U0SOMEONE']);
    expect(result.code).to.equal(1);
    expect(result.stdout).to.equal('');
    expect(result.stderr).to.contain('slack:U0SOMEONE is not an administrator').and.to.contain('admins: in muster.yaml');
    const server = await startInProcess(dir);
    try {
      expect(await countRows(server, 'web_sign_in_links')).to.equal(0);
    } finally {
      await server.stop();
    }
  });

  it('asks for --workspace when the platform has several, and takes it', async () => {
    writeFileSync(join(dir, 'muster.yaml'), 'admins: [slack:U0ADMIN]\ntenants:\n  acme: { slack: [T0ACME] }\n  globex: { slack: [T0GLOBEX] }\n');
    const ambiguous = await cli(['--as', 'slack:U0ADMIN']);
    expect(ambiguous.code).to.equal(1);
    expect(ambiguous.stderr).to.contain('with --workspace <id>').and.to.contain('T0ACME, T0GLOBEX');
    const { token } = linkOf(await cli(['--as', 'slack:U0ADMIN', '--workspace', 'T0GLOBEX']));
    expect(await redeem(token)).to.deep.include({ workspaceId: 'T0GLOBEX', tenantId: 'globex' });
  });

  it('refuses a command line that cannot be right with exit code 2', async () => {
    for (const args of [['--as'], ['--as', 'U0ADMIN'], ['--as', '<script>'], ['--workspace', 'T0ACME'], ['extra'], ['--bogus']]) {
      const result = await cli(args);
      expect(result.code, args.join(' ')).to.equal(2);
      expect(result.stderr, args.join(' ')).to.contain('Usage: muster login-link');
      expect(result.stderr).to.not.match(/\n\s+at /);
    }
  });

  it('the start banner carries a one-time link when the console chat is on, and the first line stays as it was', async () => {
    // stdin closed: the console session ends at once and the server stops after printing the banner.
    const out = await new Promise<string>((resolve) => {
      const child = spawn(process.execPath, [CLI, 'start'], { cwd: dir, env: childEnv({ MUSTER_CONSOLE: 'on', MUSTER_PORT: '0' }), stdio: ['ignore', 'pipe', 'pipe'] });
      let text = '';
      child.stdout.on('data', (d: Buffer) => { text += d.toString(); });
      child.on('close', () => resolve(text));
    });
    expect(out.split('\n')[0]).to.match(/^Muster is running at http:\/\/localhost:\d+$/);
    const line = /^ {2}dashboard: (http:\/\/localhost:\d+\/login\/link\/([A-Za-z0-9_-]{43})) \(one-time sign-in link, 15 minutes; `muster login-link` makes another\)$/m.exec(out);
    expect(line, out).to.not.equal(null);
    const session = await redeem(line![2]!);
    expect(session!.person).to.deep.include({ platform: 'console', id: 'you' });
  });

  it('the banner says how to sign in when the console chat is off', async () => {
    const server = await runCliStart(dir);
    expect(server).to.match(/^ {2}dashboard: http:\/\/localhost:\d+\/ \(sign in with `muster login-link`\)$/m);
  });
});

/** `muster start` with the console off, until its banner is out; then stopped. */
function runCliStart(cwd: string): Promise<string> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [CLI, 'start'], { cwd, env: childEnv({ MUSTER_CONSOLE: 'off', MUSTER_PORT: '0' }), stdio: ['ignore', 'pipe', 'pipe'] });
    let text = '';
    child.stdout.on('data', (d: Buffer) => {
      text += d.toString();
      if (/dashboard: .*\n/.test(text)) child.kill('SIGTERM');
    });
    child.on('close', () => resolve(text));
  });
}

const sha256 = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');
