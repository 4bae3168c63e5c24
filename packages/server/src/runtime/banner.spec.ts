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
