import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'chai';
import type { FakeMessage } from '../../fakes/fake-slack-api';
import { databaseBytes } from '../database-bytes';
import { FIXTURE_DIR, firing, postWebhook } from '../../integration/plugin-support';
import { ANA, BOB, CLEO, SlackE2E } from './harness';
import type { SlackAnswer } from './slack-sender';

const PLUGIN = 'fixture-source';
const TOKEN = 'fixture-monitor-t0ken-3c9a51';
const FORM = 'plugins.install';
const VALID = { 'plugin:team': 'payments', 'plugin:onResolve': 'resolve', 'plugin:secret:TOKEN': TOKEN };

/**
 * `/incident plugins …` from Slack against the real server, the real plugin host and a real plugin
 * (the host's fixture alert source, loaded by path as a third-party plugin would be), Bolt over signed
 * HTTP and the fake Slack Web API: admins (configured, or Slack's own owners) install it through a
 * modal, everyone else is refused and sees nothing, and the token is nowhere but sealed in the database.
 */
describe('Slack e2e: plugins from chat', function () {
  this.timeout(120_000);
  let e2e: SlackE2E;
  let modal: Record<string, unknown>;
  const installations = () => e2e.store.dataSource.query('SELECT * FROM plugin_installations') as Promise<Record<string, unknown>[]>;
  /** The ephemeral answer of a slash command (in the HTTP ack) as the message Slack shows, to press its buttons. */
  const shown = (answer: SlackAnswer): FakeMessage => ({ type: 'message', ts: '1700000000.000100', user: e2e.slack.botUserId, bot_id: 'B0MUSTER', text: String(answer.json?.text ?? ''), blocks: answer.json?.blocks as unknown[] });

  before(async () => {
    e2e = await SlackE2E.start({
      yaml: [`admins: [slack:${ANA.id}]`, `plugins: { ${PLUGIN}: { enabled: false, package: ${JSON.stringify(join(FIXTURE_DIR, `${PLUGIN}.js`))} } }`],
      env: { MUSTER_SECRET_KEY: 'slack-e2e-plugins-secret-key-0123456789', MUSTER_PUBLIC_URL: 'https://muster.example.com' },
    });
    e2e.slack.addUser({ id: CLEO.id, name: CLEO.name, displayName: CLEO.name, role: 'owner' });
  });
  after(() => e2e?.stop());

  it('refuses a member who is no admin, saying who may, and opens no modal nor says anything of the plugins', async () => {
    for (const text of ['plugins', `plugins install ${PLUGIN}`, `plugins uninstall ${PLUGIN}`]) {
      const answer = await e2e.command(text, BOB);
      expect(answer.status).to.equal(200);
      expect(answer.json?.response_type).to.equal('ephemeral');
      expect(answer.text).to.include(`<@${ANA.id}>`).and.include('the admins and owners of this workspace').and.not.include('Fixture');
    }
    await e2e.settle();
    expect(e2e.slack.calls('views.open')).to.have.length(0);
    expect(await installations()).to.deep.equal([]);
  });

  it('opens the install modal for a configured admin, with the token field empty and said to be sealed', async () => {
    const answer = await e2e.command(`plugins install ${PLUGIN}`, ANA);
    expect(answer.status).to.equal(200);
    expect(answer.text, 'nothing said in the channel, the modal opens').to.equal('');
    await e2e.settle();
    modal = e2e.openedView(FORM);
    const blocks = modal.blocks as { block_id?: string; element?: Record<string, unknown>; hint?: { text: string } }[];
    const token = blocks.find((b) => b.block_id === 'plugin:secret:TOKEN')!;
    expect(token.element).to.not.have.property('initial_value');
    expect(token.hint?.text).to.include('Typed here once, stored sealed, never shown again.').and.include('Slack cannot hide what you type here.');
    expect(blocks.find((b) => b.block_id === 'plugin:threshold')?.element).to.deep.include({ initial_value: '3' });
  });

  it('keeps the modal open with each problem under its field, and stores nothing', async () => {
    const answer = await e2e.submit(modal, { 'plugin:team': 'x', 'plugin:threshold': 'lots', 'plugin:secret:TOKEN': '' }, ANA);
    expect(answer.json?.response_action).to.equal('errors');
    expect(answer.json?.errors).to.deep.equal({
      'plugin:threshold': 'Threshold must be a number.',
      'plugin:secret:TOKEN': 'Token is required.',
    });
    const bySchema = await e2e.submit(modal, { ...VALID, 'plugin:team': 'x' }, ANA);
    expect(Object.keys(bySchema.json?.errors as object)).to.deep.equal(['plugin:team']);
    expect(JSON.stringify(bySchema.json)).not.to.include(TOKEN);
    expect(await installations()).to.deep.equal([]);
  });

  it('refuses the same modal submitted by a member who is no admin, and stores nothing', async () => {
    const answer = await e2e.submit(modal, VALID, BOB);
    expect(answer.status).to.equal(200);
    await e2e.settle();
    expect(await installations()).to.deep.equal([]);
    // The modal's origin is sealed for Ana: Bob's copy loses its channel, so he is answered by direct message.
    expect(e2e.postsMentioning(`dm-${BOB.id.toLowerCase()}`, 'Only the Muster admins')).to.have.length(1);
  });

  it('installs on submit: the admin is told where the monitor sends webhooks, the token is sealed, and the webhook is taken', async () => {
    const answer = await e2e.submit(modal, VALID, ANA);
    expect(answer.status).to.equal(200);
    expect(answer.text, 'the modal closes').to.equal('');
    await e2e.settle();
    const confirmation = e2e.slack.ephemeralsIn(e2e.general.id).filter((m) => m.user === ANA.id).at(-1);
    expect(JSON.stringify(confirmation?.blocks)).to.include('Fixture Monitor').and.include('https://muster.example.com/webhooks/fixture-source');
    const [row] = await installations();
    expect(row).to.deep.include({ plugin_id: PLUGIN, installed_workspace_id: e2e.teamId });
    expect(String(row!.sealed_secrets)).to.match(/^v1\./);
    expect(databaseBytes(e2e.dir), 'the token is nowhere in the database in clear').not.to.include(TOKEN);
    expect(databaseBytes(e2e.dir)).not.to.include(Buffer.from(TOKEN).toString('base64'));

    expect((await postWebhook(e2e.server.url, PLUGIN, { token: 'not-the-token', body: firing('a1') })).status).to.equal(401);
    const accepted = await postWebhook(e2e.server.url, PLUGIN, { token: TOKEN, body: firing('a1', 'Payments API down') });
    expect(accepted.body).to.deep.equal({ results: [{ action: 'declared', incident: 'INC-1' }] });
  });

  it('lists it as installed for an admin, and lets Slack\'s own owner in, asking Slack each time', async () => {
    const before = e2e.slack.calls('users.info').filter((c) => c.args.user === CLEO.id).length;
    for (const who of [ANA, CLEO]) {
      const answer = await e2e.command('plugins list', who);
      expect(answer.text, who.name).to.match(/Fixture Monitor.*fixture-source.*1\.2\.3 — installed from chat by <@U0ANA>/s);
    }
    expect(e2e.slack.calls('users.info').filter((c) => c.args.user === CLEO.id).length).to.equal(before + 1);
  });

  it('uninstalls only after the admin presses the button; a member who presses it is refused', async () => {
    const asked = await e2e.command(`plugins uninstall ${PLUGIN}`, ANA);
    expect(asked.text).to.include('Uninstall Fixture Monitor from this workspace?');
    expect(await installations()).to.have.length(1);
    await e2e.click(shown(asked), 'plugins.uninstall', BOB);
    await e2e.settle();
    expect(await installations(), 'still installed').to.have.length(1);
    await e2e.click(shown(asked), 'plugins.uninstall', ANA);
    await e2e.settle();
    expect(await installations()).to.deep.equal([]);
    const replaced = e2e.slack.responses().filter((r) => r.user === ANA.id).at(-1);
    expect(replaced?.body).to.deep.include({ replace_original: true });
    expect(JSON.stringify(replaced?.body)).to.include('uninstalled from this workspace');
    expect((await postWebhook(e2e.server.url, PLUGIN, { token: TOKEN, body: firing('a2') })).status).to.equal(404);
  });

  it('never put the token in a Slack message, a log line or a timeline entry', async () => {
    await e2e.settle();
    const slack = JSON.stringify([e2e.slack.calls(), e2e.slack.responses(), e2e.slack.ephemeralsIn(e2e.general.id)]);
    expect(slack).not.to.include(TOKEN);
    expect(readFileSync(join(e2e.dir, 'server.log'), 'utf8')).not.to.include(TOKEN);
    expect(JSON.stringify(await e2e.timeline(1))).not.to.include(TOKEN);
  });
});
