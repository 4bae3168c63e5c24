import { fieldErrors, pluginFormView, SECRET_HINT, type FormView, type PluginForm } from '@muster/core';
import type { Checkboxes, InputBlock, PlainTextInput, StaticSelect } from '@slack/web-api';
import { expect } from 'chai';
import { SECRET_VISIBLE_HINT } from './input-elements';
import { type ModalState, readModalValues } from './read-modal-values';
import { renderModal } from './render-modal';

const GRAFANA: PluginForm = {
  plugin: {
    id: 'grafana', name: 'Grafana', description: 'Declares incidents from Grafana Alerting.', version: '1.0.0', capabilities: ['alert-source'],
    webhookUrl: 'https://muster.example.com/webhooks/grafana', installedBy: 'chat', health: {},
  },
  fields: [
    { key: 'secret:TOKEN', label: 'TOKEN', description: 'Bearer token Grafana sends.', kind: 'secret', required: true, isSet: true },
    { key: 'onResolve', label: 'On resolve', kind: 'choice', required: true, choices: ['resolve', 'note'], value: 'note' },
    { key: 'private', label: 'Private', description: 'Declare the incidents as private', kind: 'boolean', required: false, value: 'true' },
    { key: 'severity.map', label: 'Severity map', kind: 'json', required: false, value: '{"critical":"SEV1"}' },
    { key: 'minFiring', label: 'Minimum firing alerts', kind: 'number', required: true, value: '2' },
    { key: 'apiUrl', label: 'API URL', kind: 'text', required: false, value: 'https://grafana.acme.test' },
  ],
};

const inputOf = (form: FormView, key: string): InputBlock => {
  const block = (renderModal(form).blocks as InputBlock[]).find((b) => b.type === 'input' && b.block_id === `plugin:${key}`);
  if (!block) throw new Error(`no block for ${key}`);
  return block;
};

describe('renderModal: the plugin install form', () => {
  const form = pluginFormView(GRAFANA, 'configure', 'acme');

  it('renders each kind of field with its current value, keyed by the field', () => {
    expect(inputOf(form, 'onResolve').element).to.deep.include({ type: 'static_select', initial_option: { text: { type: 'plain_text', text: 'note', emoji: true }, value: 'note' } });
    expect((inputOf(form, 'onResolve').element as StaticSelect).options?.map((o) => o.value)).to.deep.equal(['resolve', 'note']);
    const box = inputOf(form, 'private');
    expect((box.element as Checkboxes).initial_options?.map((o) => o.value)).to.deep.equal(['checked']);
    expect(box.optional).to.equal(true);
    expect(inputOf(form, 'severity.map').element).to.deep.include({ type: 'plain_text_input', multiline: true, initial_value: '{"critical":"SEV1"}' });
    expect(inputOf(form, 'minFiring')).to.deep.include({ optional: false });
    expect(inputOf(form, 'minFiring').element).to.deep.include({ type: 'plain_text_input', initial_value: '2' });
    expect(inputOf(form, 'apiUrl')).to.deep.include({ optional: true });
    expect(inputOf(form, 'apiUrl').element).to.deep.include({ initial_value: 'https://grafana.acme.test' });
    const modal = renderModal(form);
    expect(modal).to.deep.include({ callback_id: 'plugins.install' });
    expect(modal.title.text).to.equal('Configure Grafana');
  });

  it('never pre-fills a secret (not even if a view asked it to), and says under it that Slack shows what is typed', () => {
    const secret = inputOf(form, 'secret:TOKEN');
    expect(secret.element).to.deep.equal({ type: 'plain_text_input', action_id: 'muster.text', multiline: false, max_length: 2000 } satisfies PlainTextInput);
    expect(secret.optional, 'already set: may be left empty').to.equal(true);
    expect(secret.hint?.text).to.include('Already set — leave empty to keep it.').and.include(SECRET_HINT).and.include(SECRET_VISIBLE_HINT);
    const careless: FormView = { ...form, blocks: [{ type: 'input', id: 'token', label: 'Token', element: { kind: 'text', secret: true, initial: 'xoxb-leaked', placeholder: 'xoxb-leaked' } }] };
    expect(JSON.stringify(renderModal(careless))).not.to.include('xoxb-leaked');
  });

  it('reads the submission back keyed by the input ids the host\'s errors are mapped to', () => {
    const action = (key: string) => inputOf(form, key).element.action_id!;
    const state: ModalState = { values: {
      'plugin:secret:TOKEN': { [action('secret:TOKEN')]: { type: 'plain_text_input', value: 'glsa_typed' } },
      'plugin:private': { [action('private')]: { type: 'checkboxes', selected_options: [] } },
      'plugin:minFiring': { [action('minFiring')]: { type: 'plain_text_input', value: 'x' } },
      'plugin:onResolve': { [action('onResolve')]: { type: 'static_select', selected_option: { value: 'resolve' } } },
    } };
    expect(readModalValues(state)).to.deep.equal({ 'plugin:secret:TOKEN': 'glsa_typed', 'plugin:private': false, 'plugin:minFiring': 'x', 'plugin:onResolve': 'resolve' });
    // response_action: errors may only name blocks the modal has, or Slack refuses the whole answer.
    const errors = fieldErrors(GRAFANA.fields, { minFiring: 'Must be a number.', 'severity.map.critical': 'Not a level.', 'nowhere.at.all': 'Odd.' }, []);
    const blockIds = new Set((renderModal(form).blocks as InputBlock[]).map((b) => b.block_id));
    expect(Object.keys(errors).every((id) => blockIds.has(id)), JSON.stringify(errors)).to.equal(true);
    expect(errors['plugin:secret:TOKEN'], 'a path no field holds goes under the first, naming it').to.equal('nowhere.at.all: Odd.');
  });
});
