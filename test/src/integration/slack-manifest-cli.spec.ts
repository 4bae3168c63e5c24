import { expect } from 'chai';
import { removeDir, runCli, tempDir } from './server-support';

describe('muster manifest slack (the CLI, as a child process)', function () {
  this.timeout(30_000);
  let dir: string;
  before(() => { dir = tempDir('manifest'); });
  after(() => removeDir(dir));

  it('prints a manifest whose request URLs all point at MUSTER_PUBLIC_URL/slack/events', async () => {
    const result = await runCli(['manifest', 'slack'], { cwd: dir, env: { MUSTER_PUBLIC_URL: 'https://muster.example.com/' } });
    expect(result.code, result.stderr).to.equal(0);
    const manifest = JSON.parse(result.stdout);
    expect(manifest.settings.event_subscriptions.request_url).to.equal('https://muster.example.com/slack/events');
    expect(manifest.settings.interactivity.request_url).to.equal('https://muster.example.com/slack/events');
    expect(manifest.features.slash_commands[0]).to.include({ command: '/incident', url: 'https://muster.example.com/slack/events', should_escape: true });
    expect(manifest.oauth_config.redirect_urls).to.deep.equal(['https://muster.example.com/slack/oauth_redirect']);
    expect(manifest.oauth_config.scopes.bot).to.include('files:write');
    expect(manifest.settings.socket_mode_enabled).to.equal(false);
  });

  it('prints the Socket Mode variant without request URLs', async () => {
    const result = await runCli(['manifest', 'slack', '--socket-mode'], { cwd: dir });
    expect(result.code, result.stderr).to.equal(0);
    const manifest = JSON.parse(result.stdout);
    expect(manifest.settings.socket_mode_enabled).to.equal(true);
    expect(result.stdout).to.not.include('request_url');
  });

  it('says which variable is missing or wrong, on stderr, with nothing on stdout', async () => {
    const missing = await runCli(['manifest', 'slack'], { cwd: dir });
    expect([missing.code, missing.stdout]).to.deep.equal([2, '']);
    expect(missing.stderr).to.match(/^muster: MUSTER_PUBLIC_URL is required/);
    const plainHttp = await runCli(['manifest', 'slack'], { cwd: dir, env: { MUSTER_PUBLIC_URL: 'http://muster.example.com' } });
    expect(plainHttp.code).to.equal(2);
    expect(plainHttp.stderr).to.include('MUSTER_PUBLIC_URL must use https://');
    const other = await runCli(['manifest', 'discord'], { cwd: dir });
    expect(other.code).to.equal(2);
    expect(other.stderr).to.include('manifests for slack and teams (not "discord")').and.include('muster manifest slack');
  });
});
