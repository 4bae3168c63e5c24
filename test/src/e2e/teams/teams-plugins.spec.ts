import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'chai';
import { FIXTURE_DIR } from '../../integration/plugin-support';
import { databaseBytes } from '../database-bytes';
import { TeamsE2E } from './teams-harness';
import { ANA, BOB, botAddedToChat, cardAction, GENERAL, message, newActivityId } from './teams-payloads';

const PLUGIN = 'fixture-source';
const TOKEN = 'teams-fixture-t0ken-7e41c2';

type Card = Record<string, unknown>;
const cardOf = (body: { attachments?: { content?: unknown }[] } | undefined): Card | undefined => body?.attachments?.[0]?.content as Card | undefined;
/** Every object in a card, depth first. */
const objectsOf = (node: unknown): Card[] => (Array.isArray(node) ? node.flatMap(objectsOf)
  : node && typeof node === 'object' ? [node as Card, ...Object.values(node).flatMap(objectsOf)] : []);
const inputOf = (card: Card | undefined, id: string): Card | undefined => objectsOf(card).find((o) => o.id === id && String(o.type).startsWith('Input.'));
/** What Teams sends when a form card is submitted: the card's submit data with the typed values merged in. */
function submitted(card: Card | undefined, values: Record<string, string>): Card {
  const submit = objectsOf(card).find((o) => o.verb === 'muster.form');
  if (!submit) throw new Error(`no Muster form submit in ${JSON.stringify(card).slice(0, 300)}`);
  return { ...(submit.data as Card), ...values };
}

/**
 * `@Muster plugins …` from Teams on the real server and host with the fixture alert source: the same
 * command as on Slack, the install form as a card submitted with Action.Execute, sent to the admin's
 * 1:1 chat when asked in a channel, with the token masked, never sent back, and stored only sealed.
 * Only the configured admins may: Teams does not tell apps who its tenant admins are. The greeting
 * where Muster is added lists the plugin's command once it is installed, not before.
 */
describe('Teams e2e: plugins from chat, the form as a card', function () {
  this.timeout(120_000);
  let e2e: TeamsE2E;
  let form: Card;
  let personal: string;
  const installations = () => e2e.store.dataSource.query('SELECT * FROM plugin_installations') as Promise<Record<string, unknown>[]>;

  before(async () => {
    e2e = await TeamsE2E.start({
      yaml: [`admins: [teams:${ANA.aadObjectId}]`, `plugins: { ${PLUGIN}: { enabled: false, package: ${JSON.stringify(join(FIXTURE_DIR, `${PLUGIN}.js`))} } }`],
      env: { MUSTER_SECRET_KEY: 'teams-e2e-plugins-secret-key-0123456789', MUSTER_PUBLIC_URL: 'https://muster.example.com' },
    });
  });
  after(() => e2e?.stop());

  /** Muster's greeting where it was just added, as the chat reads it (card and fallback). */
  const greetingIn = async (chatId: string): Promise<{ summary: string; lines: string[] }> => {
    await e2e.send(botAddedToChat(e2e.serviceUrl, ANA, chatId));
    const posted = e2e.connector.posted(chatId);
    expect(posted, 'one greeting').to.have.length(1);
    const body = posted[0]!.body as { summary?: string };
    // The card's Markdown escapes what it would read as its own (`\[`), so lines are compared unescaped.
    const lines = objectsOf(cardOf(posted[0]!.body)).filter((o) => o.type === 'TextBlock').map((o) => String(o.text).replace(/\\(.)/gu, '$1'));
    return { summary: String(body.summary), lines };
  };

  it('greets a chat it joins with no command of a plugin nobody installed', async () => {
    const greeting = await greetingIn('19:before-install@thread.v2');
    expect(greeting.lines).to.include('Muster commands');
    expect(JSON.stringify(greeting)).not.to.include('fixture');
  });

  it('refuses someone who is not a configured admin, privately, with no form and nothing of the plugins', async () => {
    const channel = `${GENERAL};messageid=${newActivityId()}`;
    await e2e.send(message(e2e.serviceUrl, BOB, `plugins install ${PLUGIN}`, { toBot: true, conversationId: channel }));
    expect(e2e.connector.posted(channel), 'nothing in the channel').to.deep.equal([]);
    const said = JSON.stringify(e2e.connector.posted().at(-1)?.body);
    expect(said).to.include('Only the people named in admins in muster.yaml').and.include('@Muster plugins').and.not.include('Fixture');
    expect(said, 'Teams reports no workspace admins').not.to.include('owners of this workspace');
    expect(e2e.connector.everything()).not.to.include('muster.form');
  });

  it('sends the install card to the admin\'s 1:1 chat when asked in a channel, the token masked and empty', async () => {
    const channel = `${GENERAL};messageid=${newActivityId()}`;
    await e2e.send(message(e2e.serviceUrl, ANA, `plugins install ${PLUGIN}`, { toBot: true, conversationId: channel }));
    expect(e2e.connector.posted(channel), 'the form is not shown to the channel').to.deep.equal([]);
    const post = e2e.connector.posted().at(-1)!;
    personal = /\/v3\/conversations\/([^/]+)\/activities/u.exec(post.path)![1]!;
    form = cardOf(post.body)!;
    expect(inputOf(form, 'plugin:secret:TOKEN')).to.deep.include({ type: 'Input.Text', style: 'password', isRequired: true });
    expect(inputOf(form, 'plugin:secret:TOKEN')).not.to.have.property('value');
    expect(inputOf(form, 'plugin:threshold')).to.deep.include({ value: '3' });
    expect(JSON.stringify(form)).to.include('Typed here once, stored sealed, never shown again.');
  });

  it('answers wrong values with the same card, each problem beside its field, the typed token not sent back, and stores nothing', async () => {
    const answer = await e2e.send(cardAction(e2e.serviceUrl, ANA, submitted(form, { 'plugin:team': 'payments', 'plugin:threshold': 'lots', 'plugin:secret:TOKEN': TOKEN }), { conversationId: personal, conversationType: 'personal' }));
    expect(answer.status).to.equal(200);
    expect(answer.json).to.include({ type: 'application/vnd.microsoft.card.adaptive' });
    const card = JSON.stringify(answer.json.value);
    expect(card).to.include('Threshold must be a number.').and.include('"value":"payments"');
    expect(card, 'the token is typed again, never sent back').not.to.include(TOKEN);
    expect(await installations()).to.deep.equal([]);
  });

  it('refuses the card submitted by someone else, and stores nothing', async () => {
    const answer = await e2e.send(cardAction(e2e.serviceUrl, BOB, submitted(form, { 'plugin:team': 'payments', 'plugin:secret:TOKEN': TOKEN }), { conversationType: 'personal', conversationId: 'a:personal-bob' }));
    expect(answer.status).to.equal(200);
    expect(JSON.stringify(answer.json)).to.include('Only the people named in admins in muster.yaml');
    expect(await installations()).to.deep.equal([]);
  });

  it('installs on a right submission, says where the monitor sends its webhooks, and keeps the token sealed', async () => {
    const answer = await e2e.send(cardAction(e2e.serviceUrl, ANA, submitted(form, { 'plugin:team': 'payments', 'plugin:secret:TOKEN': TOKEN }), { conversationId: personal, conversationType: 'personal' }));
    expect(answer.status).to.equal(200);
    expect(answer.json, 'the form card is replaced by the confirmation').to.include({ type: 'application/vnd.microsoft.card.adaptive' });
    expect(JSON.stringify(answer.json.value)).to.include('Fixture Monitor installed for this workspace').and.include('https://muster.example.com/webhooks/fixture-source');
    expect(inputOf(answer.json.value, 'plugin:secret:TOKEN'), 'no form left to submit again').to.equal(undefined);
    const [row] = await installations();
    expect(row).to.deep.include({ plugin_id: PLUGIN, installed_platform: 'teams' });
    expect(String(row!.sealed_secrets)).to.match(/^v1\./);
    expect(databaseBytes(e2e.dir)).not.to.include(TOKEN);
    const list = await e2e.send(message(e2e.serviceUrl, ANA, 'plugins', { conversationId: personal, conversationType: 'personal' }));
    expect(list.status).to.equal(200);
    expect(JSON.stringify(e2e.connector.posted(personal).at(-1)?.body)).to.match(/Fixture Monitor.*fixture-source.*installed from chat by .*Ana Lima/);
  });

  it('greets a chat it joins afterwards with the plugin\'s command, written for Teams', async () => {
    const greeting = await greetingIn('19:after-install@thread.v2');
    expect(greeting.lines).to.include.members(['**Plugins**', '• `@Muster fixture [words]` — Answers with the fixture team']);
    expect(greeting.summary, 'in the fallback too').to.match(/^Muster commands: .*, fixture\. Type @Muster help <command>/u);
  });

  it('never sent the token to Teams nor wrote it in the log', async () => {
    expect(e2e.connector.everything()).not.to.include(TOKEN);
    expect(readFileSync(join(e2e.dir, 'server.log'), 'utf8')).not.to.include(TOKEN);
  });
});
