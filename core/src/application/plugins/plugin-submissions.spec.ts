import { expect } from 'chai';
import { MusterError } from '../../errors';
import { replyText } from '../access/access-scene.spec-helper';
import type { FormReply } from '../commands/command-reply';
import { pluginFormMetadata } from '../views/plugin-form.view';
import { everything, pluginsScene } from './plugins-scene.spec-helper';

const TOKEN = 'glsa_s3cr3t-t0ken-value';
const VALID = { 'plugin:secret:TOKEN': TOKEN, 'plugin:onResolve': 'resolve', 'plugin:private': true, 'plugin:severity.map': '{"critical":"SEV1","warning":"SEV3"}', 'plugin:minFiring': '2' };
const errorsOf = (reply: FormReply): Record<string, string> => {
  if (reply.kind !== 'errors') throw new Error(`expected field errors, got ${replyText(reply)}`);
  return { ...reply.errors };
};

describe('plugin install form: submission', () => {
  it('installs with the typed values for the tenant and workspace it was submitted from, and says what to set up at the source', async () => {
    const s = pluginsScene();
    const reply = await s.submit(s.as('alice'), VALID, (await s.openForm()).privateMetadata!);
    expect(reply.kind).to.equal('done');
    const installed = s.administration.installed('acme', 'grafana')!;
    expect(installed).to.deep.include({ platform: 'console', workspaceId: 'local' });
    expect(installed.values).to.deep.equal({
      'secret:TOKEN': TOKEN, onResolve: 'resolve', private: 'true', 'severity.map': '{"critical":"SEV1","warning":"SEV3"}', minFiring: '2', apiUrl: '',
    });
    const text = replyText(reply);
    expect(text).to.include('Grafana installed for this workspace by @alice');
    expect(text).to.include('At Grafana, send webhooks to https://muster.example.com/webhooks/grafana with Authorization: Bearer <TOKEN>.');
    expect(reply.kind === 'done' && reply.reply.visibility).to.equal('ephemeral');
    expect(reply.kind === 'done' && reply.reply.replaceOriginal, 'in place of the form, where the form is a message').to.equal(true);
    expect(reply.kind === 'done' && reply.reply.view?.fallback, 'the words alone say what to set up').to.include('https://muster.example.com/webhooks/grafana with Authorization: Bearer <TOKEN>');
  });

  it('shows each validation problem under its own field, keeps the form open, and stores nothing', async () => {
    const s = pluginsScene();
    const metadata = (await s.openForm()).privateMetadata!;
    const reply = await s.submit(s.as('alice'), { 'plugin:secret:TOKEN': 'short', 'plugin:onResolve': 'resolve', 'plugin:minFiring': 'two', 'plugin:severity.map': '{"critical":"urgent"}' }, metadata);
    expect(errorsOf(reply)).to.deep.equal({
      'plugin:secret:TOKEN': 'Must be at least 8 characters.',
      'plugin:minFiring': 'Must be a whole number.',
      'plugin:severity.map': 'critical: Must be a severity level like SEV1.',
    });
    expect(s.administration.installed('acme', 'grafana')).to.equal(undefined);
    expect(errorsOf(await s.submit(s.as('alice'), { 'plugin:severity.map': '{not json' }, metadata))).to.include({ 'plugin:secret:TOKEN': 'Required.', 'plugin:severity.map': 'Not valid JSON.' });
  });

  it('never echoes a secret: not in field errors, other errors, the confirmation or the log, even when the host repeats what was typed', async () => {
    const s = pluginsScene();
    s.administration.echoValues = true;
    const metadata = (await s.openForm()).privateMetadata!;
    const refused = await s.submit(s.as('alice'), { ...VALID, 'plugin:minFiring': 'x' }, metadata);
    expect(errorsOf(refused)['plugin:minFiring']).to.equal('Must be a whole number (got "x").', 'what is not secret may be repeated');
    const short = await s.submit(s.as('alice'), { ...VALID, 'plugin:secret:TOKEN': 'abc1234' }, metadata);
    expect(errorsOf(short)['plugin:secret:TOKEN']).to.equal('Must be at least 8 characters (got "•••").');
    s.administration.failNext = new MusterError('unavailable', `The vault refused ${TOKEN}; try again.`);
    expect(replyText(await s.submit(s.as('alice'), VALID, metadata))).to.equal('The vault refused •••; try again.');
    s.administration.failNext = new TypeError(`Cannot read properties of undefined (reading '${TOKEN}')`);
    const crashed = await s.submit(s.as('alice'), VALID, metadata);
    expect(replyText(crashed)).to.match(/Something went wrong on our side/);
    const ok = await s.submit(s.as('alice'), VALID, metadata);
    for (const reply of [refused, short, crashed, ok]) expect(everything(reply)).not.to.include(TOKEN);
    expect(s.app.logs.join('\n')).not.to.include(TOKEN);
    expect(s.app.logs.join('\n')).to.include('Installing a plugin from chat failed');
  });

  it('keeps a stored secret when it is left empty on configure', async () => {
    const s = pluginsScene();
    await s.submit(s.as('alice'), VALID, (await s.openForm()).privateMetadata!);
    const saved = await s.submit(s.as('alice'), { ...VALID, 'plugin:secret:TOKEN': '', 'plugin:onResolve': 'note' }, (await s.openForm('grafana', 'configure')).privateMetadata!);
    expect(replyText(saved)).to.include('Grafana settings saved for this workspace by @alice');
    expect(s.administration.installed('acme', 'grafana')!.values).to.deep.include({ 'secret:TOKEN': TOKEN, onResolve: 'note' });
  });

  it('refuses a submission from someone who is not an admin, whatever the form says, and stores nothing', async () => {
    const s = pluginsScene();
    const metadata = (await s.openForm()).privateMetadata!;
    const calls = s.administration.calls.length;
    const reply = await s.submit(s.as('eve'), VALID, metadata);
    expect(replyText(reply)).to.match(/Only the Muster admins \(@alice\)/);
    expect(s.administration.installed('acme', 'grafana')).to.equal(undefined);
    expect(s.administration.calls.slice(calls), 'not even the form was read for her').to.deep.equal([]);
    expect(s.app.logs.join('\n')).to.include('Refused a plugin change from someone who is not an admin');
  });

  it('refuses a form opened for another tenant, submitted by an admin of this one, and installs nothing in either', async () => {
    const s = pluginsScene({ workspaceAdmins: { 'globex/gary': true } });
    const acmeForm = (await s.openForm()).privateMetadata!;
    const reply = await s.submit(s.as('gary', 'globex'), VALID, acmeForm);
    expect(replyText(reply)).to.include('That form was opened for another workspace, so nothing was installed here');
    expect(s.administration.installed('acme', 'grafana')).to.equal(undefined);
    expect(s.administration.installed('globex', 'grafana')).to.equal(undefined);
    const own = await s.submit(s.as('gary', 'globex'), VALID, pluginFormMetadata({ pluginId: 'grafana', tenantId: 'globex' }));
    expect(own.kind).to.equal('done');
    expect(s.administration.installed('globex', 'grafana')).to.deep.include({ workspaceId: 'globex' });
    expect(s.administration.installed('acme', 'grafana')).to.equal(undefined);
  });

  it('answers metadata that is not a plugin form\'s, and a plugin that is gone, without installing anything', async () => {
    const s = pluginsScene();
    for (const metadata of ['', 'grafana', '{"p":""}', '[1]', 'null', '{"p":"grafana"}']) {
      expect(replyText(await s.submit(s.as('alice'), VALID, metadata)), metadata).to.include('That form is from an older version of Muster');
    }
    expect(replyText(await s.submit(s.as('alice'), VALID, pluginFormMetadata({ pluginId: 'nosuch', tenantId: 'acme' })))).to.include('There is no plugin nosuch');
    expect(replyText(await s.submit(s.as('alice'), { 'plugin:secret:WEBHOOK_SECRET': TOKEN }, pluginFormMetadata({ pluginId: 'pagerduty', tenantId: 'acme' }))))
      .to.include('enabled in muster.yaml');
    expect(s.administration.installations.size).to.equal(0);
  });

  it('ignores inputs the plugin does not have, so a forged field cannot reach the host', async () => {
    const s = pluginsScene();
    await s.submit(s.as('alice'), { ...VALID, 'plugin:secret:OTHER': 'x', 'plugin:__proto__': 'y', title: 'z' }, (await s.openForm()).privateMetadata!);
    expect(Object.keys(s.administration.installed('acme', 'grafana')!.values)).to.deep.equal(['secret:TOKEN', 'onResolve', 'private', 'severity.map', 'minFiring', 'apiUrl']);
  });

  it('reads the host\'s fragments as sentences under their fields, and keeps the form open for a reason that names no field', async () => {
    const s = pluginsScene();
    const metadata = (await s.openForm()).privateMetadata!;
    s.administration.failNext = new MusterError('validation_failed', 'Some settings need fixing.', { fields: { minFiring: 'must be a number', 'secret:TOKEN': 'is required', '': 'the plugin could not check these settings' } });
    expect(errorsOf(await s.submit(s.as('alice'), VALID, metadata))).to.deep.equal({
      'plugin:minFiring': 'Minimum firing alerts must be a number.',
      'plugin:secret:TOKEN': 'TOKEN is required. The plugin could not check these settings.',
    });
    s.administration.failNext = new MusterError('validation_failed', `The grafana plugin did not start with these settings (it refused ${TOKEN}); nothing was stored.`, { fields: {} });
    expect(errorsOf(await s.submit(s.as('alice'), VALID, metadata))).to.deep.equal({
      'plugin:secret:TOKEN': 'The grafana plugin did not start with these settings (it refused •••); nothing was stored.',
    });
    expect(s.administration.installations.size).to.equal(0);
  });

  it('hands a secret over exactly as typed, other values trimmed', async () => {
    const s = pluginsScene();
    await s.submit(s.as('alice'), { ...VALID, 'plugin:secret:TOKEN': ` ${TOKEN} `, 'plugin:apiUrl': '  https://g.acme.test  ' }, (await s.openForm()).privateMetadata!);
    expect(s.administration.installed('acme', 'grafana')!.values).to.deep.include({ 'secret:TOKEN': ` ${TOKEN} `, apiUrl: 'https://g.acme.test' });
  });
});
