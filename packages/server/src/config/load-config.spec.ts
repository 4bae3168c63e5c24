import { expect } from 'chai';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError } from './config-error';
import { loadConfig } from './load-config';

describe('loadConfig', () => {
  let dir: string;
  beforeEach(() => { dir = mkdtempSync(join(tmpdir(), 'muster-config-')); });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const load = (env: Record<string, string> = {}, interactive = false) => loadConfig({ env, cwd: dir, interactive });
  const problemsOf = (env: Record<string, string> = {}): readonly string[] => {
    try {
      load(env);
    } catch (error) {
      expect(error).to.be.instanceOf(ConfigError);
      return (error as ConfigError).problems;
    }
    throw new Error('expected the configuration to be refused');
  };
  const yaml = (text: string) => writeFileSync(join(dir, 'muster.yaml'), text);

  it('needs nothing: embedded SQLite, port 3000, auto-migrate, console only on a terminal', () => {
    const config = load();
    expect(config.port).to.equal(3000);
    // Relative to the configuration's directory, whatever the process's working directory is.
    expect(config.databaseUrl).to.equal(`sqlite:${join(dir, 'data', 'muster.db')}`);
    expect(config.database).to.deep.include({ kind: 'sqlite', inMemory: false, display: 'sqlite:./data/muster.db' });
    expect(config.autoMigrate).to.equal(true);
    expect(config.console).to.equal(false);
    expect(load({}, true).console).to.equal(true);
    expect(config.settings.severities.ids()).to.deep.equal(['SEV1', 'SEV2', 'SEV3']);
    expect(config.slack.apiUrl).to.equal('https://slack.com/api/');
  });

  it('treats empty variables as unset', () => {
    const config = load({ MUSTER_PORT: '', MUSTER_DATABASE_URL: '  ', SLACK_BOT_TOKEN: '', MUSTER_CONSOLE: '' });
    expect(config.port).to.equal(3000);
    expect(config.database.display).to.equal('sqlite:./data/muster.db');
    expect(config.slack.botToken).to.equal(undefined);
  });

  it('syncs SQLite at checkpoints unless MUSTER_SQLITE_SYNCHRONOUS=full asks for every COMMIT, and refuses anything else', () => {
    expect(load().sqliteSynchronous).to.equal('normal');
    expect(load({ MUSTER_SQLITE_SYNCHRONOUS: 'FULL' }).sqliteSynchronous).to.equal('full');
    expect(load({ MUSTER_SQLITE_SYNCHRONOUS: 'normal' }).sqliteSynchronous).to.equal('normal');
    expect(problemsOf({ MUSTER_SQLITE_SYNCHRONOUS: 'off' })[0]).to.match(/^MUSTER_SQLITE_SYNCHRONOUS.*must be one of normal, full/);
  });

  it('does not auto-migrate MySQL unless told to', () => {
    expect(load({ MUSTER_DATABASE_URL: 'mysql://u:p@db:3306/muster' }).autoMigrate).to.equal(false);
    expect(load({ MUSTER_DATABASE_URL: 'mysql://u:p@db:3306/muster', MUSTER_AUTO_MIGRATE: 'yes' }).autoMigrate).to.equal(true);
    expect(load({ MUSTER_DATABASE_URL: 'mysql://u:p@db:3306/muster' }).database.display).to.equal('mysql://db:3306/muster');
  });

  it('lets the environment win over muster.yaml', () => {
    yaml('server:\n  port: 4000\n  logLevel: warn\n');
    expect(load().port).to.equal(4000);
    expect(load({ MUSTER_PORT: '5000' }).port).to.equal(5000);
    expect(load({ MUSTER_LOG_LEVEL: 'DEBUG' }).logLevel).to.equal('debug');
  });

  it('builds the core settings from the file', () => {
    yaml([
      'severities:',
      '  - { id: P1, label: Page, updateCadenceMinutes: 15, page: [sre] }',
      '  - { id: P2, label: Ticket, updateCadenceMinutes: 120, createsRoom: false }',
      'roles:',
      '  - { id: commander, label: Lead, aliases: [ic] }',
      '  - { id: scribe, label: Scribe }',
      'roomNamePattern: "incident-{number}"',
      'announcementChannels: [{ platform: slack, workspaceId: T1, conversationId: C1 }]',
      'homePlatform: slack',
      'homeWorkspaceId: T1',
      'llm: { model: gpt-4.1-mini, models: { digest: gpt-4.1-nano }, timeoutMs: 20000 }',
    ].join('\n'));
    const config = load({ MUSTER_LLM_MODEL: 'local-model', OPENAI_BASE_URL: 'http://127.0.0.1:11434/v1' });
    expect(config.settings.severities.default.id).to.equal('P2');
    expect(config.settings.severities.get('p1').page).to.deep.equal(['sre']);
    expect(config.settings.roles.get('ic').label).to.equal('Lead');
    // Default permissions name roles this file dropped; they fall back to the commander.
    expect(config.settings.roles.rolesWith('update.approve').map((r) => r.id)).to.deep.equal(['commander']);
    expect(config.settings).to.deep.include({ roomNamePattern: 'incident-{number}', homePlatform: 'slack', homeWorkspaceId: 'T1' });
    expect(config.llm).to.deep.include({ model: 'local-model', baseUrl: 'http://127.0.0.1:11434/v1', timeoutMs: 20000 });
  });

  it('reads tenants and admins, and isolates unlisted workspaces when Slack is installed by OAuth', () => {
    yaml(['tenants:', '  acme: { slack: [T0ACME], teams: [tid-acme] }', 'admins: [slack:U0SEC]'].join('\n'));
    const single = load({});
    expect(single.settings.tenants.tenantOf('teams', 'tid-acme')).to.equal('acme');
    expect(single.settings.tenants.tenantOf('slack', 'T0OTHER')).to.equal('default');
    expect(single.settings.admins).to.deep.equal(['slack:U0SEC']);
    const oauth = load({ SLACK_CLIENT_ID: '1.2', SLACK_CLIENT_SECRET: 's', SLACK_STATE_SECRET: 's', SLACK_SIGNING_SECRET: 's' });
    expect(oauth.settings.tenants.tenantOf('slack', 'T0ONE')).to.not.equal(oauth.settings.tenants.tenantOf('slack', 'T0TWO'));
    expect(oauth.settings.tenants.tenantOf('slack', 'T0ACME')).to.equal('acme');
  });

  it('refuses a workspace in two tenants and an admin that is not a person key', () => {
    yaml(['tenants:', '  a: { slack: [T1] }', '  b: { slack: [T1] }', 'admins: [root]'].join('\n'));
    expect(problemsOf({})).to.include.members([
      'muster.yaml: tenants.b.slack lists T1, which already belongs to tenant "a"',
      'muster.yaml: admins[0] must be a person key like slack:U0123ABCD, teams:<object id> or console:@root (got "root")',
    ]);
  });

  it('reports every problem, each naming its key', () => {
    yaml([
      'severities:',
      '  - { id: SEV1, label: Critical, updateCadenceMinutes: soon }',
      '  - { label: Major, updateCadenceMinutes: 60 }',
      'roles: [{ id: commander, label: Lead, multiple: sometimes }]',
      'announcementChannels: [{ platform: irc, workspaceId: w, conversationId: c }]',
      'highlightReaction: ":pushpin:"',
      'roomNamePattern: "inc-{slug}"',
      'homePlatform: slack',
      'llm: { budgets: { chunkTokens: -1 } }',
    ].join('\n'));
    expect(problemsOf({ MUSTER_PUBLIC_URL: 'ftp://x', SLACK_API_URL: 'not a url' })).to.have.members([
      'MUSTER_PUBLIC_URL must be an http:// or https:// URL (got "ftp://x")',
      'SLACK_API_URL must be an http:// or https:// URL (got "not a url")',
      'muster.yaml: severities[0].updateCadenceMinutes must be a positive number (got "soon")',
      'muster.yaml: severities[1].id is required',
      'muster.yaml: roles[0].multiple must be true or false (got "sometimes")',
      'muster.yaml: announcementChannels[0].platform must be one of slack, teams, console (got "irc")',
      'muster.yaml: highlightReaction must be a reaction name without colons, like pushpin (got ":pushpin:")',
      'muster.yaml: roomNamePattern must be a pattern containing {number} (rooms must be unique), like inc-{number}-{slug} (got "inc-{slug}")',
      'muster.yaml: homeWorkspaceId is required when the other home setting is given (rooms for API and alert declarations open there)',
      'muster.yaml: llm.budgets.chunkTokens must be a whole number from 1 to 2000000 (got -1)',
    ]);
  });

  it('refuses unknown keys at every level, suggesting the likely one', () => {
    yaml('sever1ties: []\nserver: { prot: 80 }\nllm: { models: { summary: x } }\n');
    const problems = problemsOf();
    expect(problems[0]).to.match(/^muster\.yaml: sever1ties is not a setting; did you mean "severities"\? Allowed here: server, severities,/);
    expect(problems[1]).to.match(/^muster\.yaml: server\.prot is not a setting; did you mean "port"\?/);
    expect(problems[2]).to.match(/^muster\.yaml: llm\.models\.summary is not a setting\b/);
  });

  it("accepts the README's example muster.yaml", () => {
    const readme = readFileSync(join(__dirname, '..', '..', 'README.md'), 'utf8');
    const example = /`muster\.yaml` \(every key optional\):\s*```yaml\n([\s\S]*?)```/.exec(readme)?.[1];
    expect(example, 'the example in packages/server/README.md').to.be.a('string');
    yaml(example!);
    // The example's runbookFile must exist beside the file.
    mkdirSync(join(dir, 'runbooks'));
    writeFileSync(join(dir, 'runbooks', 'checkout.md'), '# Checkout\n');
    const config = load();
    expect(config.settings.roles.rolesWith('update.approve').map((r) => r.id)).to.deep.equal(['commander', 'communications_lead']);
    expect(Object.keys(config.plugins)).to.deep.equal(['alertmanager', 'pagerduty']);
    expect(config.services.map((s) => `${s.tenantId}/${s.name}`)).to.deep.equal(['acme/checkout']);
  });

  it('reports a bad section together with what the core says of a right one', () => {
    yaml('severities: [{ id: SEV1, label: Critical, updateCadenceMinutes: soon }]\nroles: [{ id: lead, label: Lead }]\n');
    expect(problemsOf()).to.deep.equal([
      'muster.yaml: severities[0].updateCadenceMinutes must be a positive number (got "soon")',
      'muster.yaml: The role catalogue needs a "commander" role.',
    ]);
  });

  it('passes on the catalogue errors of the core', () => {
    yaml('severities:\n  - { id: SEV1, label: A, updateCadenceMinutes: 1 }\n  - { id: sev1, label: B, updateCadenceMinutes: 1 }\n');
    expect(problemsOf()).to.deep.equal(['muster.yaml: Severity sev1 is configured twice.']);
  });

  it('names the variable of a bad database URL and never repeats the URL', () => {
    const problems = problemsOf({ MUSTER_DATABASE_URL: 'mysql://admin:s3cret@db/' });
    expect(problems).to.have.length(1);
    expect(problems[0]).to.match(/^MUSTER_DATABASE_URL: The database URL is not usable: .*names no database/);
    expect(problems[0]).not.to.contain('s3cret');
  });

  it('never shows back a URL that carries credentials', () => {
    const problems = problemsOf({ OPENAI_BASE_URL: 'gopher://user:pw@host' });
    expect(problems).to.deep.equal(['OPENAI_BASE_URL must be an http:// or https:// URL']);
  });

  it('keeps the problem list to one line', () => {
    yaml('a: 1\nb: 2\nc: 3\nd: 4\ne: 5\nf: 6\ng: 7\n');
    try {
      load();
    } catch (error) {
      expect((error as Error).message).not.to.contain('\n');
      expect((error as Error).message).to.match(/; and 2 more problems$/);
      return;
    }
    throw new Error('expected a ConfigError');
  });
});
