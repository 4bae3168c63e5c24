import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, symlinkSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { expect } from 'chai';
import { FakeSlackApi } from '../fakes/fake-slack-api';
import { andList, commandLines, readmeShellBlocks, shellBlocks, type ShellBlock } from './readme-commands';
import { createMariaDbDatabase, removeDir, tempDir } from './server-support';

const ROOT = resolve(__dirname, '../../..');

/**
 * Parts of README commands that are not run, and why. Kept tiny on purpose: anything else a README
 * shows must run here as written. The test fails if an entry is no longer in any README.
 */
const SKIPPED: Readonly<Record<string, string>> = {
  'npm ci': 'installs from the npm registry (a remote service); these commands run in a checkout where it has run',
  'npm test': 'is the suite this test is part of: running it from here would recurse',
};

/**
 * Benchmarks run for 2 to 20 minutes and create MariaDB databases of their own (a run stopped early
 * would leave them behind), so they are checked, not run: the script exists and `--help` accepts
 * the options and suite names the README uses.
 */
const BENCH = /^(npm run bench|node bench\/dist\/run\.js(\s.*)?)$/;

/** A placeholder a README shows for the reader's own database, and what it becomes here (a scratch database). */
const PLACEHOLDER_DATABASE = 'mysql://muster:secret@db:3306/muster';

/** Starts and keeps running: started, checked for the ready line and /readyz, then stopped. */
const SERVER = /(^|\s)(npm start|npx muster start)$/;
const READY = /Muster is running at http:\/\/localhost:(\d+)/;

/** A bound so a hung command fails the test with its output instead of hanging the suite (not a timing assertion). */
const BOUND_MS = 120_000;

interface Outcome { code: number | null; output: string }

/** A fresh checkout to run in: the repository's files (linked, so nothing is copied) but no data/, muster.yaml or earlier output. */
function sandbox(): string {
  const dir = tempDir('readme');
  const leaveOut = new Set(['.git', 'data', 'muster.yaml', 'muster-demo-postmortem.md', 'slack-manifest.json', 'muster-teams-app.zip', '.nx']);
  for (const entry of readdirSync(ROOT)) if (!leaveOut.has(entry) && !entry.endsWith('.log')) symlinkSync(join(ROOT, entry), join(dir, entry));
  return dir;
}

function shell(script: string, cwd: string, env: NodeJS.ProcessEnv) {
  // Its own process group, so stopping it stops npm, sh and node together.
  return spawn('bash', ['-e', '-c', script], { cwd, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
}

function runToEnd(script: string, cwd: string, env: NodeJS.ProcessEnv): Promise<Outcome> {
  return new Promise((done, fail) => {
    const child = shell(script, cwd, env);
    let output = '';
    child.stdout.on('data', (d: Buffer) => { output += d.toString(); });
    child.stderr.on('data', (d: Buffer) => { output += d.toString(); });
    const bound = setTimeout(() => { process.kill(-child.pid!, 'SIGKILL'); fail(new Error(`"${script}" did not finish:\n${output}`)); }, BOUND_MS);
    child.on('error', fail);
    child.on('close', (code) => { clearTimeout(bound); done({ code, output }); });
  });
}

/** Starts a server command, waits for its ready line, asks /readyz, stops it (SIGTERM) and returns what it printed. */
function startCheckStop(script: string, cwd: string, env: NodeJS.ProcessEnv): Promise<Outcome & { readyz: number }> {
  return new Promise((done, fail) => {
    const child = shell(script, cwd, env);
    let output = '';
    let readyz = 0;
    let checking = false;
    const bound = setTimeout(() => { process.kill(-child.pid!, 'SIGKILL'); fail(new Error(`"${script}" never said it was ready:\n${output}`)); }, BOUND_MS);
    const onData = (d: Buffer) => {
      output += d.toString();
      const ready = READY.exec(output);
      if (!ready || checking) return;
      checking = true;
      void fetch(`http://127.0.0.1:${ready[1]}/readyz`).then((r) => { readyz = r.status; }, () => { readyz = -1; })
        .finally(() => process.kill(-child.pid!, 'SIGTERM'));
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('error', fail);
    child.on('close', (code) => {
      clearTimeout(bound);
      if (!checking) fail(new Error(`"${script}" exited (${code}) before it was ready:\n${output}`));
      else done({ code, output, readyz });
    });
  });
}

describe('README commands (every ```sh block of every README.md, run as written)', function () {
  this.timeout(300_000);
  const blocks = readmeShellBlocks(ROOT);
  const ran: string[] = [];
  const skipped = new Set<string>();
  let slack: FakeSlackApi;
  let database: { name: string; drop(): Promise<void> };
  let env: NodeJS.ProcessEnv;
  const dirs: string[] = [];

  before(async () => {
    slack = await FakeSlackApi.start();
    database = await createMariaDbDatabase();
    // Only what the commands need: never the developer's own tokens. Port 0 so a busy 3000 cannot fail a README.
    env = { PATH: process.env.PATH, HOME: process.env.HOME, MUSTER_PORT: '0', SLACK_API_URL: slack.url };
  });
  after(async () => {
    await slack?.close();
    await database?.drop();
    for (const dir of dirs) removeDir(dir);
  });

  const substitute = (text: string) => text.split(PLACEHOLDER_DATABASE).join(`mysql://root@127.0.0.1:3306/${database.name}`);

  async function checkBench(part: string, cwd: string): Promise<void> {
    const help = await runToEnd('node bench/dist/run.js --help', cwd, env);
    expect(help.code, help.output).to.equal(0);
    if (part === 'npm run bench') {
      const scripts = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;
      expect(scripts.bench).to.match(/node bench\/dist\/run\.js$/);
      return;
    }
    const words = part.split(/\s+/).slice(2);
    for (let i = 0; i < words.length; i++) {
      expect(help.output, `bench option ${words[i]}`).to.include(words[i]!.startsWith('--') ? words[i]! : `  ${words[i]}`);
      if (words[i] === '--only') for (const suite of words[++i]!.split(',')) expect(help.output, `bench suite ${suite}`).to.match(new RegExp(`^  ${suite} `, 'm'));
    }
  }

  async function run(block: ShellBlock): Promise<void> {
    const cwd = sandbox();
    dirs.push(cwd);
    const exports: string[] = [];
    for (const line of block.lines) {
      if (/^export\s/.test(line)) {
        exports.push(substitute(line));
        continue;
      }
      for (const part of andList(line)) {
        if (part in SKIPPED) {
          skipped.add(part);
          continue;
        }
        if (BENCH.test(part)) {
          await checkBench(part, cwd);
          continue;
        }
        const script = [...exports, substitute(part)].join('\n');
        if (SERVER.test(part)) {
          const server = await startCheckStop(script, cwd, env);
          expect(server.readyz, `${block.where}: /readyz after "${part}"\n${server.output}`).to.equal(200);
          // The Slack README promises this line in the start log once its variables are set.
          if (exports.some((e) => e.includes('SLACK_'))) expect(server.output, block.where).to.include('"chatPlatforms":["slack"]');
          // And the Teams sections this one, for Teams (with credentials or in local anonymous mode).
          if (exports.some((e) => /MICROSOFT_APP_ID|TEAMS_ANONYMOUS/.test(e))) expect(server.output, block.where).to.include('"chatPlatforms":["teams"]');
        } else {
          const result = await runToEnd(script, cwd, env);
          expect(result.code, `${block.where}: "${part}" exited ${result.code}\n${result.output}`).to.equal(0);
        }
        ran.push(part);
      }
    }
  }

  it('finds the blocks: in every README that has them, in list items too', () => {
    const where = new Set(blocks.map((b) => b.where.split(':')[0]));
    expect([...where]).to.include.members(['README.md', 'adapters/slack/README.md', 'bench/README.md']);
    expect(blocks.flatMap((b) => b.lines)).to.include('npx muster tokens create ci');
  });

  for (const block of blocks) {
    it(`runs ${block.where}: ${block.lines.join(' ; ').slice(0, 100)}`, () => run(block));
  }

  it('ran the commands users are told to run, and skipped only what is listed, each still in a README', () => {
    expect(ran).to.include.members(['npx muster tokens create ci', 'npx muster tokens list', 'npx muster tokens revoke ci', 'npm start', 'npm run build', 'npx muster plugins check', 'npx muster plugins list']);
    expect(ran.some((c) => c.endsWith('npx muster migrate'))).to.equal(true);
    expect(ran.some((c) => c.includes('npx muster manifest slack'))).to.equal(true);
    expect([...skipped].sort()).to.deep.equal(Object.keys(SKIPPED).sort());
    expect(existsSync(join(ROOT, 'bench', 'dist', 'run.js'))).to.equal(true);
  });
});

describe('README command extraction', () => {
  it('takes ```sh blocks only, dedents list items, drops comments and joins continuations', () => {
    const markdown = [
      '```', 'not shell', '```',
      '1. Step', '   ```sh', '   export A=1   # why', '   echo "a # not a comment" \\', '     done', '', '   # only a comment', '   ```',
      '```yaml', 'key: value', '```',
    ].join('\n');
    const found = shellBlocks(markdown, 'X.md');
    expect(found).to.deep.equal([{ where: 'X.md:5', lines: ['export A=1', 'echo "a # not a comment" done'] }]);
    expect(commandLines(['x=$(openssl rand -hex 32) # c', 'a#b'])).to.deep.equal(['x=$(openssl rand -hex 32)', 'a#b']);
    expect(andList('npm ci && npm start')).to.deep.equal(['npm ci', 'npm start']);
  });
});
