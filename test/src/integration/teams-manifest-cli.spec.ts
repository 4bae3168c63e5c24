import { expect } from 'chai';
import { strFromU8, unzipSync } from 'fflate';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { teamsManifestSchema } from '@muster/teams';
import { removeDir, runCli, tempDir, type CliResult } from './server-support';

/** `muster manifest teams` as an admin runs it: the built CLI in a child process, the zip read back. */
const APP_ID = '0d9e3f1a-5b6c-4d7e-8f90-a1b2c3d4e5f6';

/** IHDR of a PNG: the signature, then width, height, bit depth and colour type. */
function pngHeader(png: Uint8Array) {
  const buf = Buffer.from(png);
  expect(buf.subarray(0, 8).toString('hex'), 'the PNG signature').to.equal('89504e470d0a1a0a');
  expect(buf.subarray(12, 16).toString('ascii')).to.equal('IHDR');
  return { width: buf.readUInt32BE(16), height: buf.readUInt32BE(20), depth: buf[24], colourType: buf[25] };
}

function refusedCleanly(result: CliResult, code: number): string {
  expect(result.code, result.stderr).to.equal(code);
  expect(result.stdout).to.equal('');
  expect(result.stderr).to.match(/^muster: /).and.not.match(/\n\s+at /);
  return result.stderr;
}

describe('muster manifest teams (the CLI, as a child process)', function () {
  this.timeout(30_000);
  let dir: string;
  beforeEach(() => { dir = tempDir('teams-manifest'); });
  afterEach(() => removeDir(dir));

  it('writes a package of manifest.json, color.png and outline.png that passes the schema, and says how to upload it', async () => {
    const result = await runCli(['manifest', 'teams'], { cwd: dir, env: { MICROSOFT_APP_ID: APP_ID, MUSTER_PUBLIC_URL: 'https://muster.contoso.com' } });
    expect(result.code, result.stderr).to.equal(0);
    const zipPath = join(dir, 'muster-teams-app.zip');
    expect(result.stdout).to.include(`Wrote the Teams app package to ${zipPath}`);
    expect(result.stdout).to.include('Apps → Manage your apps → Upload an app → Upload a custom app').and.include('Teams admin centre');
    expect(result.stdout).to.include('https://muster.contoso.com/api/messages').and.include('@Muster help');

    const files = unzipSync(readFileSync(zipPath));
    expect(Object.keys(files).sort()).to.deep.equal(['color.png', 'manifest.json', 'outline.png']);
    const manifest = JSON.parse(strFromU8(files['manifest.json']!));
    const checked = teamsManifestSchema.safeParse(manifest);
    expect(checked.success, JSON.stringify(checked.error?.issues)).to.equal(true);
    expect(manifest).to.deep.include({ id: APP_ID, manifestVersion: '1.22', validDomains: ['muster.contoso.com'] });
    expect(manifest.bots[0].botId).to.equal(APP_ID);
    expect(manifest.authorization.permissions.resourceSpecific.map((p: { name: string }) => p.name)).to.deep.equal(['ChannelMessage.Read.Group', 'ChatMessage.Read.Chat']);
    expect(pngHeader(files['color.png']!)).to.deep.equal({ width: 192, height: 192, depth: 8, colourType: 2 });
    expect(pngHeader(files['outline.png']!)).to.deep.equal({ width: 32, height: 32, depth: 8, colourType: 6 });
  });

  it('takes --app-id over MICROSOFT_APP_ID, --out, --name and --app-version', async () => {
    const other = '11111111-2222-4333-8444-555555555555';
    const result = await runCli(['manifest', 'teams', '--app-id', other.toUpperCase(), '--out=staging.zip', '--name', 'Muster Staging', '--app-version', '1.2.0'], { cwd: dir, env: { MICROSOFT_APP_ID: APP_ID } });
    expect(result.code, result.stderr).to.equal(0);
    expect(result.stdout).to.include('@Muster Staging help').and.include('www.example.com');
    const manifest = JSON.parse(strFromU8(unzipSync(readFileSync(join(dir, 'staging.zip')))['manifest.json']!));
    expect(manifest).to.deep.include({ id: other, version: '1.2.0' });
    expect(manifest.name.short).to.equal('Muster Staging');
    expect(readdirSync(dir)).to.deep.equal(['staging.zip']);
  });

  it('refuses without an app id, saying where to find it, and writes nothing', async () => {
    for (const env of [{}, { MICROSOFT_APP_ID: '   ' }] as Record<string, string>[]) {
      const stderr = refusedCleanly(await runCli(['manifest', 'teams'], { cwd: dir, env }), 2);
      expect(stderr).to.include('needs the app id: pass --app-id <guid> or set MICROSOFT_APP_ID').and.include('Application (client) ID');
    }
    expect(readdirSync(dir)).to.deep.equal([]);
  });

  it('refuses a malformed GUID, a hostile name and a plain-http public URL, and writes nothing', async () => {
    const guid = refusedCleanly(await runCli(['manifest', 'teams', '--app-id', '0d9e3f1a-5b6c-4d7e-8f90\u001b[2J'], { cwd: dir }), 2);
    expect(guid).to.include('must be a GUID').and.not.include('\u001b');
    expect(refusedCleanly(await runCli(['manifest', 'teams', '--app-id', APP_ID, '--name', 'x'.repeat(31)], { cwd: dir }), 2)).to.include('1 to 30 characters');
    expect(refusedCleanly(await runCli(['manifest', 'teams', '--app-id', APP_ID, '--app-version', 'latest'], { cwd: dir }), 2)).to.include('semantic version');
    const http = refusedCleanly(await runCli(['manifest', 'teams'], { cwd: dir, env: { MICROSOFT_APP_ID: APP_ID, MUSTER_PUBLIC_URL: 'http://muster.contoso.com' } }), 2);
    expect(http).to.include('MUSTER_PUBLIC_URL must use https://');
    expect(readdirSync(dir)).to.deep.equal([]);
  });

  it('says why it cannot write --out (a missing folder, a folder, a file in the path) with exit code 1', async () => {
    mkdirSync(join(dir, 'existing'));
    writeFileSync(join(dir, 'plain-file'), 'x');
    const cases: [string, string][] = [[join(dir, 'missing', 'app.zip'), 'its folder does not exist'], [join(dir, 'existing'), 'it is a folder'], [join(dir, 'plain-file', 'app.zip'), 'part of its path is a file']];
    for (const [out, why] of cases) {
      const stderr = refusedCleanly(await runCli(['manifest', 'teams', '--app-id', APP_ID, '--out', out], { cwd: dir }), 1);
      expect(stderr).to.include(`cannot write the Teams app package to ${out}: ${why}`).and.include('--out <file>');
    }
    expect(existsSync(join(dir, 'missing'))).to.equal(false);
  });

  it('refuses unknown options, a missing value and a repeated option with the usage', async () => {
    // Independent invocations, run side by side: five CLI starts one after another outgrew the
    // timeout on a loaded CI machine.
    const cases = [['--appid', APP_ID], ['--app-id'], ['--out', '--name', 'x'], ['--app-id', APP_ID, '--app-id', APP_ID], ['stray']];
    const results = await Promise.all(cases.map((args) => runCli(['manifest', 'teams', ...args], { cwd: dir })));
    results.forEach((result, i) => {
      expect(refusedCleanly(result, 2), cases[i].join(' ')).to.include('Usage: muster manifest teams [--app-id <guid>]');
    });
  });
});
