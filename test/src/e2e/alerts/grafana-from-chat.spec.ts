import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'chai';
import { fixture } from '@muster/plugin-grafana/fixtures';
import { postWebhook } from '../../integration/plugin-support';
import { databaseBytes } from '../database-bytes';
import { ANA, BOB, SlackE2E } from '../slack/harness';
import { footprint, HOME } from './alert-e2e';

const TOKEN = 'grafana-chat-t0ken-6e29d4a1';
const FORM = 'plugins.install';

/**
 * The second "Done when", with the real Grafana plugin (bundled, named nowhere in
 * muster.yaml): `/incident plugins install grafana` from Slack by a configured admin collects the
 * token in a modal, and the confirmation names the header to set in Grafana; the plugin then takes
 * Grafana's webhook with that token and declares, refuses it
 * with any other, and the token is nowhere in the database in clear. The modal and webhook steps are
 * SlackClient's and plugin-support's, as in the fixture plugin's spec (slack/plugins-install.spec.ts).
 */
describe('Slack e2e: /incident plugins install grafana, then Grafana\'s webhook', function () {
  this.timeout(120_000);
  let e2e: SlackE2E;
  const grafana = (token: string | undefined, body: unknown = fixture('firing')) => postWebhook(e2e.server.url, 'grafana', { token, body });
  const installations = () => e2e.store.dataSource.query('SELECT * FROM plugin_installations') as Promise<Record<string, unknown>[]>;

  before(async () => {
    e2e = await SlackE2E.start({
      yaml: [...HOME, `admins: [slack:${ANA.id}]`],
      env: { MUSTER_SECRET_KEY: 'alerts-e2e-grafana-secret-key-0123456789', MUSTER_PUBLIC_URL: 'https://muster.example.com' },
    });
  });
  after(() => e2e?.stop());

  it('takes no Grafana webhook before anyone installed it, and stores nothing', async () => {
    const before = await footprint(e2e);
    const answer = await grafana(TOKEN);
    expect(answer.status).to.equal(404);
    expect(answer.body.error.code).to.equal('not_found');
    expect(await footprint(e2e)).to.deep.equal(before);
  });

  it('opens no modal for a member who is no admin', async () => {
    const answer = await e2e.command('plugins install grafana', BOB);
    expect(answer.json?.response_type).to.equal('ephemeral');
    expect(answer.text).to.include(`<@${ANA.id}>`);
    await e2e.settle();
    expect(e2e.slack.calls('views.open')).to.have.length(0);
  });

  it('installs it from the modal a configured admin opens, the token typed there and stored sealed, never in clear', async () => {
    const asked = await e2e.command('plugins install grafana', ANA);
    expect(asked.status).to.equal(200);
    await e2e.settle();
    const modal = e2e.openedView(FORM);
    const blocks = modal.blocks as { block_id?: string; element?: Record<string, unknown> }[];
    const token = blocks.find((b) => b.block_id === 'plugin:secret:TOKEN');
    expect(token, 'the modal asks for the token').to.not.equal(undefined);
    expect(token!.element).to.not.have.property('initial_value');

    const submitted = await e2e.submit(modal, { 'plugin:secret:TOKEN': TOKEN }, ANA);
    expect(submitted.status).to.equal(200);
    expect(submitted.text, 'the modal closes').to.equal('');
    await e2e.settle();

    const confirmation = e2e.slack.ephemeralsIn(e2e.general.id).filter((m) => m.user === ANA.id).at(-1);
    const shown = JSON.stringify(confirmation?.blocks);
    expect(shown).to.include('Grafana Alerting').and.include('https://muster.example.com/webhooks/grafana');
    // What to set in Grafana's contact point, as the plugin words it (Slack escapes < and > in mrkdwn).
    expect(shown, 'the header to set at the source').to.include('`Authorization: Bearer &lt;TOKEN&gt;, or basic auth &lt;USERNAME&gt;:&lt;PASSWORD&gt;`');
    expect(shown, 'not the secrets\' descriptions in its place').not.to.include('Give it the secret you typed');
    const rows = await installations();
    expect(rows).to.have.length(1);
    expect(rows[0]).to.deep.include({ plugin_id: 'grafana', installed_workspace_id: e2e.teamId });
    expect(String(rows[0]!.sealed_secrets)).to.match(/^v1\./);
    expect(JSON.stringify(rows), 'no column of the row holds the token').not.to.include(TOKEN);
    const bytes = databaseBytes(e2e.dir);
    expect(bytes, 'the scan reads what was stored: the sealed blob is there').to.include(String(rows[0]!.sealed_secrets));
    expect(bytes, 'the token is nowhere in the database file in clear').not.to.include(TOKEN);
    expect(bytes).not.to.include(Buffer.from(TOKEN).toString('base64'));
    expect(bytes).not.to.include(Buffer.from(TOKEN).toString('hex'));
  });

  it('refuses Grafana\'s webhook with another token or none, storing nothing', async () => {
    const before = await footprint(e2e);
    for (const token of [undefined, 'grafana-chat-t0ken-6e29d4a2', TOKEN.slice(0, -1)]) {
      const answer = await grafana(token);
      expect(answer.status, String(token)).to.equal(401);
      expect(answer.text).not.to.include(TOKEN);
    }
    expect(await footprint(e2e)).to.deep.equal(before);
  });

  it('takes Grafana\'s webhook with the token typed in the modal: a SEV1 incident with its own channel in this workspace', async () => {
    const answer = await grafana(TOKEN);
    expect(answer.status, answer.text).to.equal(200);
    expect(answer.body).to.deep.equal({ results: [{ action: 'declared', incident: 'INC-1' }] });
    await e2e.settle();
    const incident = (await e2e.incident(1)).snapshot();
    expect(incident).to.deep.include({ title: 'High memory usage', severity: 'SEV1', source: 'grafana' });
    const room = await e2e.roomOf(1);
    expect(e2e.slack.channel(room.id), 'the channel exists at Slack').to.not.equal(undefined);
    expect(e2e.postsMentioning(room.id, 'Acknowledge')).to.have.length(1);

    expect((await grafana(TOKEN, fixture('resolved'))).body).to.deep.equal({ results: [{ action: 'resolved', incident: 'INC-1' }] });
  });

  it('never put the token in a Slack call, a log line, a timeline entry or the plugin listing', async () => {
    await e2e.settle();
    const listing = await e2e.command('plugins list', ANA);
    expect(listing.text).to.include('Grafana Alerting').and.include(`installed from chat by <@${ANA.id}>`);
    const slack = JSON.stringify([e2e.slack.calls(), e2e.slack.responses(), e2e.slack.ephemeralsIn(e2e.general.id), listing.json]);
    expect(slack).not.to.include(TOKEN);
    expect(readFileSync(join(e2e.dir, 'server.log'), 'utf8')).not.to.include(TOKEN);
    expect(JSON.stringify(await e2e.timeline(1))).not.to.include(TOKEN);
    expect(databaseBytes(e2e.dir)).not.to.include(TOKEN);
  });
});
