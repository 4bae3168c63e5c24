import { PassThrough } from 'node:stream';
import { expect } from 'chai';
import type { Logger } from '@muster/core';
import type { Store } from '@muster/store';
import { ConfigError } from '../config/config-error';
import { loadConfig } from '../config/load-config';
import type { PlatformDeps, PlatformFactory } from './platform-integration';
import { buildPlatforms } from './platform-registry';

const quiet: Logger = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined };
// Building never touches the store (Slack OAuth only keeps a reference to the installations table).
const deps: PlatformDeps = { logger: quiet, store: { installations: {} } as unknown as Store, secret: () => ({ source: 'none' }), terminal: { output: new PassThrough(), color: false } };
const configWith = (env: Record<string, string>) => loadConfig({ env: { MUSTER_DATABASE_URL: 'sqlite::memory:', MUSTER_CONSOLE: 'off', ...env }, cwd: '/tmp', interactive: false, ignoreConfigFile: true });
const platformsFor = (env: Record<string, string>, extra: PlatformFactory[] = []) => buildPlatforms(configWith(env), deps, extra.length ? extra : undefined).map((p) => p.platform);

describe('buildPlatforms', () => {
  it('builds only the platforms whose credentials are set', () => {
    expect(platformsFor({})).to.deep.equal([]);
    expect(platformsFor({ MUSTER_CONSOLE: 'on' })).to.deep.equal(['console']);
    expect(platformsFor({ MUSTER_CONSOLE: 'on', SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 's' })).to.deep.equal(['console', 'slack']);
  });

  it('refuses a platform set up wrongly with its own ConfigError, naming the variable', () => {
    expect(() => platformsFor({ SLACK_SIGNING_SECRET: 's' })).to.throw(ConfigError, /SLACK_BOT_TOKEN is missing/);
    expect(() => platformsFor({ SLACK_SIGNING_SECRET: 's', SLACK_CLIENT_ID: '1', SLACK_CLIENT_SECRET: '2', SLACK_STATE_SECRET: '3' })).to.throw(ConfigError, /MUSTER_SECRET_KEY is missing/);
  });

  it('refuses two integrations for one platform', () => {
    const twice: PlatformFactory = (config, d) => buildPlatforms(config, d)[0];
    expect(() => platformsFor({ MUSTER_CONSOLE: 'on' }, [twice, twice])).to.throw(/Two integrations for console/);
  });
});
