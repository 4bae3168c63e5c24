import { expect } from 'chai';
import { writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { join } from 'node:path';
import { removeDir, runCli, tempDir, type CliResult } from './server-support';

/** A failed start is one readable line on stderr and exit code 1: no stack trace, no secret. */
function expectOneLineFailure(result: CliResult, pattern: RegExp): void {
  expect(result.code, result.stderr).to.equal(1);
  const lines = result.stderr.trim().split('\n');
  expect(lines, result.stderr).to.have.length(1);
  expect(lines[0]).to.match(/^muster: /);
  expect(lines[0]).to.match(pattern);
  expect(result.stderr).not.to.match(/\n\s+at |Error:/);
}

describe('server: start refuses bad configuration with one readable line (child process)', () => {
  let dir: string;

  beforeEach(() => { dir = tempDir('start-errors'); });
  afterEach(() => removeDir(dir));

  const start = (env: Record<string, string> = {}) => runCli(['start'], { cwd: dir, env: { MUSTER_CONSOLE: 'off', MUSTER_PORT: '0', ...env } });

  it('names a bad MUSTER_DATABASE_URL without repeating it (it may hold a password)', async () => {
    const result = await start({ MUSTER_DATABASE_URL: 'postgres://admin:hunter2@db/muster' });
    expectOneLineFailure(result, /MUSTER_DATABASE_URL.*"postgres:" is not one Muster speaks/);
    expect(result.stderr).not.to.contain('hunter2');
  });

  it('says which MySQL server it could not reach', async () => {
    const result = await start({ MUSTER_DATABASE_URL: 'mysql://root:secret@127.0.0.1:1/muster' });
    expectOneLineFailure(result, /127\.0\.0\.1:1.*cannot be reached/i);
    expect(result.stderr).not.to.contain('secret');
  });

  it('names each bad environment variable and what it accepts', async () => {
    const result = await start({ MUSTER_PORT: 'eighty', MUSTER_CONSOLE: 'maybe', MUSTER_LOG_LEVEL: 'loud' });
    expectOneLineFailure(result, /MUSTER_PORT must be a whole number from 0 to 65535 \(got "eighty"\)/);
    expect(result.stderr).to.match(/MUSTER_CONSOLE must be on or off/);
    expect(result.stderr).to.match(/MUSTER_LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent/);
  });

  it('points at the line of a YAML syntax error', async () => {
    writeFileSync(join(dir, 'muster.yaml'), 'severities:\n  - id: SEV1\n    label: [unclosed\n');
    expectOneLineFailure(await start(), /muster\.yaml: is not valid YAML at line \d+, column \d+/);
  });

  it('names a bad value in muster.yaml with its path and what is allowed', async () => {
    writeFileSync(join(dir, 'muster.yaml'), [
      'severities:',
      '  - { id: SEV1, label: Critical, updateCadenceMinutes: 30 }',
      '  - { id: SEV2, label: Major, updateCadenceMinutes: soon }',
    ].join('\n'));
    expectOneLineFailure(await start(), /muster\.yaml: severities\[1\]\.updateCadenceMinutes must be a positive number \(got "soon"\)/);
  });

  it('treats an unknown key as an error and suggests the setting it resembles', async () => {
    writeFileSync(join(dir, 'muster.yaml'), 'declarerTakesComand: false\n');
    expectOneLineFailure(await start(), /muster\.yaml: declarerTakesComand is not a setting; did you mean "declarerTakesCommand"\?/);
  });

  it('answers a YAML alias without its anchor in that one line, with no warning beside it', async () => {
    // The list used as a key makes the YAML library warn; that warning must not reach stderr.
    writeFileSync(join(dir, 'muster.yaml'), 'tenants: { ? [a, b] : c }\nseverities: [*sev]\n');
    expectOneLineFailure(await start(), /muster\.yaml: is not valid YAML: .*alias/i);
  });

  it('refuses a secret in a plugin config without repeating it, naming the variable to set', async () => {
    writeFileSync(join(dir, 'muster.yaml'), 'plugins:\n  grafana: { config: { token: glsa_hunter2 } }\n');
    const result = await start();
    expectOneLineFailure(result, /muster\.yaml: plugins\.grafana\.config\.token is a secret, and secrets never go in the file: set MUSTER_PLUGIN_GRAFANA_TOKEN/);
    expect(result.stderr).not.to.contain('hunter2');
  });

  it('passes on what the core says about an impossible catalogue', async () => {
    writeFileSync(join(dir, 'muster.yaml'), 'roles:\n  - { id: lead, label: Lead }\n');
    expectOneLineFailure(await start(), /muster\.yaml: The role catalogue needs a "commander" role/);
  });

  it('reads the file MUSTER_CONFIG names, and says when it is missing', async () => {
    expectOneLineFailure(await start({ MUSTER_CONFIG: 'conf/muster.yaml' }), /conf\/muster\.yaml: the file does not exist/);
  });

  it('names a workflow step its action refuses, with the rule and field, before serving anything', async () => {
    writeFileSync(join(dir, 'muster.yaml'), ['workflows:', '  - name: payments-sev1', '    on: declared', '    do:', '      - invite: []'].join('\n'));
    expectOneLineFailure(await start(), /muster\.yaml: workflows\[0\] \(payments-sev1\)\.do\[0\]\.invite must be a list of people or groups/);
  });

  it('says the port is in use', async () => {
    const blocker: Server = createServer();
    await new Promise<void>((r) => blocker.listen(0, r));
    try {
      const port = (blocker.address() as { port: number }).port;
      expectOneLineFailure(await start({ MUSTER_PORT: String(port) }), new RegExp(`Port ${port} is already in use`));
    } finally {
      await new Promise((r) => blocker.close(r));
    }
  });

  it('prints the usage for an unknown command', async () => {
    const result = await runCli(['stat'], { cwd: dir });
    expect(result.code).to.equal(2);
    expect(result.stderr).to.contain('there is no command "stat"');
    expect(result.stderr).to.contain('muster start');
    expect(result.stderr).to.contain('muster tokens create <name>');
    const help = await runCli(['help'], { cwd: dir });
    expect(help.code).to.equal(0);
    expect(help.stdout).to.contain('muster demo [--out <file>]');
  });
});
