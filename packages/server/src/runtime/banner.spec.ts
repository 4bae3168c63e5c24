import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { loadConfig } from '../config/load-config';
import { banner } from './banner';

describe('banner', () => {
  let dir: string;
  beforeEach(() => { dir = mkdtempSync(join(tmpdir(), 'muster-banner-')); });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));
  const configIn = () => loadConfig({ env: { MUSTER_CONSOLE: 'off' }, cwd: dir, interactive: false });

  it('says that API incidents open no room when no home platform is set', () => {
    const text = banner(configIn(), 'http://localhost:3000');
    expect(text.split('\n')[0]).to.equal('Muster is running at http://localhost:3000');
    expect(text).to.contain('API and alert incidents open no room: set homePlatform and homeWorkspaceId in muster.yaml');
  });

  it('names the home platform when one is set, and does not warn', () => {
    writeFileSync(join(dir, 'muster.yaml'), 'homePlatform: slack\nhomeWorkspaceId: T0HOME\n');
    const text = banner(configIn(), 'http://localhost:3000');
    expect(text).to.contain('API and alert incidents open rooms on slack (T0HOME)');
    expect(text).not.to.contain('open no room');
  });
});

describe('banner: the dashboard line', () => {
  let dir: string;
  beforeEach(() => { dir = mkdtempSync(join(tmpdir(), 'muster-banner-')); });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));
  const config = (env: Record<string, string> = {}) => loadConfig({ env: { MUSTER_CONSOLE: 'off', ...env }, cwd: dir, interactive: false });

  it('carries the one-time link when there is one, after the stable first line', () => {
    const text = banner(config(), 'http://localhost:3000', { loginLink: 'http://localhost:3000/login/link/abc', providers: [] });
    expect(text.split('\n')[0]).to.equal('Muster is running at http://localhost:3000');
    expect(text).to.contain('  dashboard: http://localhost:3000/login/link/abc (one-time sign-in link, 15 minutes; `muster login-link` makes another)\n');
  });

  it('names the sign-in providers at MUSTER_PUBLIC_URL otherwise', () => {
    const text = banner(config({ MUSTER_PUBLIC_URL: 'https://muster.example.com/' }), 'http://localhost:3000', { providers: ['Sign in with Slack', 'Sign in with Microsoft (acme)', 'Sign in with Microsoft (globex)'] });
    expect(text).to.contain('  dashboard: https://muster.example.com/ (sign in with Slack|Microsoft, or `muster login-link`)\n');
  });
});
