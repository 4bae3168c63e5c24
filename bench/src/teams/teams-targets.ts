import { join } from 'node:path';
import { BenchChild } from '../processes/bench-child';
import type { FakeBotConnectorInfo } from '../processes/fake-bot-connector.main';
import type { MusterServerInfo, MusterServerSettings } from '../processes/muster-server.main';
import type { Progress } from '../support/progress';

/** The fake Bot Connector, the Muster server (Teams only, anonymous) and the bare Agents SDK bot, each in its own process. */
export interface TeamsTargets {
  readonly connector: BenchChild<FakeBotConnectorInfo>;
  readonly muster: BenchChild<MusterServerInfo>;
  /** `url` only acks; `privateReplyUrl` (a diagnostic) answers an @mention privately, as Muster answers `status`. */
  readonly bare: BenchChild<{ url: string; privateReplyUrl: string }>;
  stop(): Promise<void>;
}

/**
 * Anonymous Teams is refused under NODE_ENV=production, by the Agents SDK (no client id) and by
 * Muster's configuration alike, so every Teams process runs as a developer's machine would, both
 * sides the same.
 */
const NODE_ENV = 'development';

export async function startTeamsTargets(options: { readonly dir: string; readonly databaseUrl: string; readonly progress: Progress }): Promise<TeamsTargets> {
  const { dir, progress } = options;
  const started: BenchChild<unknown>[] = [];
  const stopAll = async () => {
    await Promise.all(started.splice(0).map((child) => child.stop()));
  };
  try {
    const connector = await BenchChild.start<FakeBotConnectorInfo>({ script: 'fake-bot-connector.main.js', label: 'the fake Bot Connector', settings: {}, logFile: join(dir, 'fake-bot-connector.log'), nodeEnv: NODE_ENV });
    started.push(connector);
    const musterSettings: MusterServerSettings = {
      dir,
      env: {
        MUSTER_PORT: '0', MUSTER_CONSOLE: 'off', MUSTER_AUTO_MIGRATE: 'on', MUSTER_DATABASE_URL: options.databaseUrl,
        // Teams without an app id, as the bare bot runs; replies and rooms go to the fake Bot Connector only.
        TEAMS_ANONYMOUS: 'true', TEAMS_TRUSTED_HOSTS: connector.info.host,
      },
    };
    progress.line('  starting the fake Bot Connector, the Muster server (Teams, anonymous, SQLite file) and the bare Agents SDK bot');
    const muster = await BenchChild.start<MusterServerInfo>({ script: 'muster-server.main.js', label: 'the Muster server', settings: musterSettings, logFile: join(dir, 'muster-server.log'), nodeEnv: NODE_ENV });
    started.push(muster);
    const bare = await BenchChild.start<{ url: string; privateReplyUrl: string }>({ script: 'bare-agents.main.js', label: 'the bare Agents SDK bot', settings: {}, logFile: join(dir, 'bare-agents.log'), nodeEnv: NODE_ENV });
    started.push(bare);
    return { connector, muster, bare, stop: stopAll };
  } catch (error) {
    await stopAll();
    throw error;
  }
}
