import { expect } from 'chai';
import { replyText } from '../access/access-scene.spec-helper';
import type { Block, FormView, InputElement } from '../views/view';
import { FORMS } from '../views/action-ids';
import { parsePluginFormMetadata } from '../views/plugin-form.view';
import { elsewhere, everything, person, pluginsScene } from './plugins-scene.spec-helper';
import { FakePluginAdministration, GONE, GRAFANA } from './fake-plugin-administration.spec-helper';
import { SECRET_HINT, SECRET_KEPT_HINT } from './plugin-form-fields';

type Input = Extract<Block, { type: 'input' }>;
const inputOf = (form: FormView, key: string): Input => {
  const found = form.blocks.find((b): b is Input => b.type === 'input' && b.id === `plugin:${key}`);
  if (!found) throw new Error(`no input for ${key}`);
  return found;
};
const REFUSED = /Only the Muster admins \(@alice\)/;

describe('plugins command: who may', () => {
  const ATTEMPTS = ['plugins', 'plugins list', 'plugins install grafana', 'plugins configure grafana', 'plugins uninstall grafana', 'plugins install nosuch'];

  for (const text of ATTEMPTS) {
    it(`refuses "${text}" from someone who is not an admin, says who may, and shows nothing of the plugins`, async () => {
      const s = pluginsScene();
      const reply = await s.command(s.as('eve'), text);
      const said = replyText(reply);
      expect(said).to.match(/can list, install, configure or uninstall plugins/).and.include('/incident plugins');
      expect(said).to.match(REFUSED);
      expect(reply.form, 'no form').to.equal(undefined);
      expect(reply.visibility).to.equal('ephemeral');
      expect(everything(reply)).not.to.match(/grafana|Grafana|jira|PagerDuty/);
      expect(s.administration.calls, 'the host was not even asked').to.deep.equal([]);
    });
  }

  it('names the configured admins of the asker\'s platform, as mentions', async () => {
    const s = pluginsScene();
    const reply = await s.command(s.as('eve', 'local', { platform: 'slack', actor: { platform: 'slack', id: 'U0EVE' } }), 'plugins');
    const text = reply.view!.blocks[0]!;
    expect(text.type === 'text' && text.text).to.deep.include({ mention: { platform: 'slack', id: 'U0NOTHERE' } });
    expect(everything(reply)).not.to.include('alice', 'a console admin means nothing on Slack');
    const teams = replyText(await s.command(s.as('tia', 'local', { platform: 'teams', actor: { platform: 'teams', id: 'aad-tia' } }), 'plugins'));
    expect(teams, 'a Teams id names nobody on a card').to.include('Only the people named in admins in muster.yaml can list');
  });

  it('lets the configured admin in, and the same admin under a linked identity, but not a namesake', async () => {
    const s = pluginsScene();
    expect(replyText(await s.command(s.as('alice'), 'plugins'))).to.include('Installed (1)');
    const linked = s.as('alice-on-teams', 'local', { actor: elsewhere('alice-on-teams'), alsoKnownAs: [person('alice')] });
    expect(replyText(await s.command(linked, 'plugins'))).to.include('Installed (1)');
    const namesake = s.as('x', 'local', { actor: elsewhere('another-alice') });
    expect(replyText(await s.command(namesake, 'plugins'))).to.match(REFUSED).and.not.include('Installed');
  });

  it('lets in whoever the platform reports as a workspace admin of the workspace they ask from, and only there', async () => {
    const s = pluginsScene({ workspaceAdmins: { 'local/olga': true } });
    expect(replyText(await s.command(s.as('olga'), 'plugins'))).to.include('Available');
    const refused = replyText(await s.command(s.as('eve'), 'plugins'));
    expect(refused).to.include('or the admins and owners of this workspace');
    expect(replyText(await s.command(s.as('olga', 'globex'), 'plugins')), 'an admin of acme is nobody in globex').to.match(REFUSED);
    expect(s.asked).to.deep.equal(['local/olga', 'local/eve', 'globex/olga']);
  });

  it('refuses, asking to try again, when the platform fails or does not answer in time; the host is not asked', async () => {
    for (const said of ['fails', 'hangs'] as const) {
      const s = pluginsScene({ workspaceAdmins: said });
      const reply = replyText(await s.command(s.as('olga'), 'plugins install grafana'));
      expect(reply, said).to.match(REFUSED).and.include('try again in a moment');
      expect(s.administration.calls).to.deep.equal([]);
    }
  });

  it('says plugins are not available when the server has no plugin host, to anyone', async () => {
    const s = pluginsScene({ administration: null });
    for (const who of ['alice', 'eve']) {
      const reply = await s.command(s.as(who), 'plugins install grafana');
      expect(replyText(reply)).to.include('Plugins are not available in this server');
      expect(reply.form).to.equal(undefined);
    }
  });
});

describe('plugins command: what an admin sees', () => {
  it('lists installed plugins with who installed them, their health and webhook URL, then the available ones with their description', async () => {
    const s = pluginsScene();
    await s.submit(s.as('alice'), { 'plugin:project': 'OPS' }, (await s.openForm('jira')).privateMetadata!);
    const reply = await s.command(s.as('alice'), 'plugins list');
    const text = replyText(reply);
    expect(reply.visibility).to.equal('ephemeral');
    expect(text).to.include('Installed (2)').and.include('Available (1)');
    expect(text).to.match(/PagerDuty pagerduty 2\.1\.0 — enabled in muster\.yaml/);
    expect(text).to.include('last success 2026-11-22 02:00 UTC · last failure 2026-11-22 02:30 UTC: HTTP 401 from api.pagerduty.com');
    expect(text).to.include('webhooks to https://muster.example.com/webhooks/pagerduty');
    expect(text).to.match(/Jira jira 0\.3\.0 — installed from chat by @alice/);
    expect(text).to.include('Grafana grafana — Declares incidents from Grafana Alerting webhooks.').and.include('/incident plugins install grafana');
  });

  it('opens the install form with a field per setting: current values shown, secrets never, and the hints that say what happens to them', async () => {
    const s = pluginsScene();
    const form = await s.openForm('grafana');
    expect(form).to.include({ formId: FORMS.installPlugin, title: 'Install Grafana', submitLabel: 'Install', confidential: true });
    expect(parsePluginFormMetadata(form.privateMetadata!)).to.deep.equal({ pluginId: 'grafana', tenantId: 'acme' });
    const secret = inputOf(form, 'secret:TOKEN');
    expect(secret.element).to.deep.equal({ kind: 'text', secret: true, maxLength: 2000 } satisfies InputElement);
    expect(secret.optional, 'required until one is stored').to.equal(false);
    expect(secret.hint).to.equal(`The bearer token Grafana sends. ${SECRET_HINT}`);
    expect(inputOf(form, 'onResolve').element).to.deep.include({ kind: 'select', initial: 'resolve' });
    expect(inputOf(form, 'private').element).to.deep.equal({ kind: 'checkbox', optionLabel: 'Declare the incidents as private', initial: false });
    expect(inputOf(form, 'severity.map')).to.deep.include({ optional: true, hint: 'Grafana severity label → Muster level. Written as JSON.' });
    expect(inputOf(form, 'severity.map').element).to.deep.include({ kind: 'text', multiline: true, initial: '{"critical":"SEV1"}' });
    expect(inputOf(form, 'minFiring').element).to.deep.include({ kind: 'text', initial: '1', placeholder: 'A number' });
    expect(replyText({ visibility: 'ephemeral', view: form })).to.include('webhooks arrive at https://muster.example.com/webhooks/grafana');
  });

  it('opens configure with the stored values, and a stored secret as "already set — leave empty to keep", never its value', async () => {
    const s = pluginsScene();
    const first = await s.submit(s.as('alice'), { 'plugin:secret:TOKEN': 'glsa_0123456789abcdef', 'plugin:onResolve': 'note', 'plugin:apiUrl': 'https://g.acme.test' }, (await s.openForm()).privateMetadata!);
    expect(first.kind).to.equal('done');
    const form = await s.openForm('grafana', 'configure');
    expect(form).to.include({ title: 'Configure Grafana', submitLabel: 'Save' });
    expect(inputOf(form, 'secret:TOKEN')).to.deep.include({ optional: true, hint: `The bearer token Grafana sends. ${SECRET_KEPT_HINT} ${SECRET_HINT}` });
    expect(inputOf(form, 'onResolve').element).to.deep.include({ initial: 'note' });
    expect(inputOf(form, 'apiUrl').element).to.deep.include({ initial: 'https://g.acme.test' });
    expect(everything(form)).not.to.include('glsa_0123456789abcdef');
  });

  it('answers an unknown name with "did you mean" and the list; the package name works as the id', async () => {
    const s = pluginsScene();
    const reply = await s.command(s.as('alice'), 'plugins install grafna');
    expect(reply.form).to.equal(undefined);
    expect(replyText(reply)).to.include('There is no plugin grafna in this server. Did you mean grafana?').and.include('Available (2)');
    expect(replyText(await s.command(s.as('alice'), 'plugins install zzzzzz'))).not.to.include('Did you mean');
    expect((await s.command(s.as('alice'), 'plugins install @muster/plugin-grafana')).form?.title).to.equal('Install Grafana');
  });

  it('sends configure of a plugin not installed to install, and leaves plugins from muster.yaml to the file', async () => {
    const s = pluginsScene();
    expect(replyText(await s.command(s.as('alice'), 'plugins configure jira'))).to.include('Jira is not installed here yet. Install it with /incident plugins install jira');
    for (const verb of ['install', 'configure', 'uninstall']) {
      const reply = await s.command(s.as('alice'), `plugins ${verb} pagerduty`);
      expect(reply.form, verb).to.equal(undefined);
      expect(replyText(reply)).to.include('PagerDuty is enabled in muster.yaml; change or remove it there (plugins.pagerduty)');
    }
    expect(s.administration.calls.filter((c) => c.startsWith('install') || c.startsWith('uninstall'))).to.deep.equal([]);
  });
});

describe('plugins command: uninstall', () => {
  const installJira = async (s: ReturnType<typeof pluginsScene>) => {
    await s.submit(s.as('alice'), { 'plugin:project': 'OPS' }, (await s.openForm('jira')).privateMetadata!);
  };

  it('asks first with a button, removes only when the admin presses it, and says so in place of the question', async () => {
    const s = pluginsScene();
    await installJira(s);
    const asked = await s.command(s.as('alice'), 'plugins uninstall jira');
    expect(replyText(asked)).to.include('Uninstall Jira from this workspace? Its settings and sealed secrets are deleted');
    const actions = asked.view!.blocks.find((b) => b.type === 'actions');
    expect(actions).to.deep.equal({ type: 'actions', buttons: [{ actionId: 'plugins.uninstall', label: 'Uninstall Jira', value: 'jira', style: 'danger' }] });
    expect(s.administration.installed('acme', 'jira'), 'asking removes nothing').not.to.equal(undefined);
    const done = await s.press(s.as('alice'), 'jira');
    expect(done.replaceOriginal).to.equal(true);
    expect(replyText(done)).to.include('Jira uninstalled from this workspace by @alice');
    expect(s.administration.installed('acme', 'jira')).to.equal(undefined);
    const again = await s.press(s.as('alice'), 'jira');
    expect(replyText(again)).to.include('is not installed here, so there is nothing to uninstall');
    expect(s.administration.calls.filter((c) => c.startsWith('uninstall'))).to.have.length(1);
  });

  it('refuses the button pressed by someone who is not an admin, or by an admin of another tenant, and removes nothing', async () => {
    const s = pluginsScene({ workspaceAdmins: { 'globex/gary': true } });
    await installJira(s);
    expect(replyText(await s.press(s.as('eve'), 'jira'))).to.match(REFUSED);
    const other = replyText(await s.press(s.as('gary', 'globex'), 'jira'));
    expect(other, 'globex has no jira to remove, acme\'s stays').to.include('is not installed here');
    expect(s.administration.installed('acme', 'jira')).not.to.equal(undefined);
    expect(s.administration.calls.filter((c) => c.startsWith('uninstall'))).to.deep.equal([]);
  });
});

describe('plugins command: the reader\'s prefix', () => {
  it('writes every command in the plain fallbacks as a Teams user types it', async () => {
    const s = pluginsScene({ prefix: '@Muster' });
    const replies = [
      await s.command(s.as('alice'), 'plugins'), await s.command(s.as('eve'), 'plugins'), await s.command(s.as('alice'), 'plugins install grafna'),
      await s.command(s.as('alice'), 'plugins configure jira'), await s.command(s.as('alice'), 'plugins uninstall jira'),
    ];
    const installed = await s.submit(s.as('alice'), { 'plugin:project': 'OPS' }, (await s.openForm('jira')).privateMetadata!);
    const removed = await s.press(s.as('alice'), 'jira');
    const fallbacks = [...replies.map((r) => r.view!.fallback), installed.kind === 'done' ? installed.reply.view!.fallback : '', removed.view!.fallback];
    for (const fallback of fallbacks) expect(fallback).not.to.include('/incident');
    expect(fallbacks.filter((f) => f.includes('@Muster plugins'))).to.have.length(fallbacks.length, fallbacks.join('\n'));
  });
});

describe('plugins command: an installation whose plugin no longer loads', () => {
  it('is listed with why, cannot be configured, and can be uninstalled', async () => {
    const s = pluginsScene({ administration: new FakePluginAdministration([GRAFANA, GONE]) });
    expect(replyText(await s.command(s.as('alice'), 'plugins'))).to.include('oldmon oldmon — installed from chat. This plugin is no longer available on this server (cannot find module).');
    const configure = await s.command(s.as('alice'), 'plugins configure oldmon');
    expect(configure.form).to.equal(undefined);
    expect(replyText(configure)).to.include('oldmon cannot be set up here.').and.include('/incident plugins uninstall oldmon removes it.');
    expect(replyText(await s.command(s.as('alice'), 'plugins uninstall oldmon'))).to.include('Uninstall oldmon from this workspace?');
    expect(replyText(await s.press(s.as('alice'), 'oldmon'))).to.include('oldmon uninstalled from this workspace by @alice');
    expect(replyText(await s.command(s.as('alice'), 'plugins'))).to.include('Installed (0)');
  });
});
