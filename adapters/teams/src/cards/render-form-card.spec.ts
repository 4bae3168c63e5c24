import { FORMS, MusterError, type FormView } from '@muster/core';
import { expect } from 'chai';
import { expectTeamsCard, objectsOf, textsOf } from './card-checks.spec-helper';
import type { AdaptiveCard, CardInput, ExecuteAction } from './card-types';
import { renderFormCard } from './render-card';
import { ana, formsWith, HOSTILE, slackCarol } from './view-fixtures.spec-helper';

const inputsOf = (card: AdaptiveCard) => objectsOf(card).filter((o) => String(o.type).startsWith('Input.')) as unknown as CardInput[];
const input = (card: AdaptiveCard, id: string) => inputsOf(card).find((i) => i.id === id)!;
const formNamed = (name: string) => formsWith('plain').find((f) => f.name === name)!.form;

describe('renderFormCard: core forms as cards with inputs', () => {
  for (const text of ['plain', ...HOSTILE]) {
    it(`every form is valid for Teams with ${JSON.stringify(text)} in it`, () => {
      for (const { name, form } of formsWith(text)) expectTeamsCard(renderFormCard(form), name);
    });
  }

  it('submits with Action.Execute carrying the form id, the metadata and how to read each input, with an Action.Submit fallback', () => {
    const card = renderFormCard(formNamed('severity'));
    const submit = card.actions![0] as ExecuteAction;
    expect(submit).to.deep.include({ type: 'Action.Execute', verb: 'muster.form', title: 'Change', style: 'positive', associatedInputs: 'auto' });
    expect(submit.data).to.deep.equal({ muster: 'form', formId: FORMS.changeSeverity, metadata: 'inc-1', inputs: { severity: 'select' } });
    expect(submit.fallback).to.deep.include({ type: 'Action.Submit', data: submit.data, associatedInputs: 'auto' });
    expect(textsOf(card)[0]).to.equal('Change severity');
  });

  it('maps each kind of input: required text with its limits, compact select, list as multiline text, toggle', () => {
    const card = renderFormCard(formNamed('declare (typed)'));
    expect(input(card, 'title')).to.deep.include({
      type: 'Input.Text', label: 'What is wrong?', isMultiline: false, maxLength: 200, value: 'DB down plain', placeholder: 'Checkout errors for EU customers',
      isRequired: true, regex: '^[\\s\\S]{3,}$', errorMessage: 'What is wrong?: write at least 3 characters.',
    });
    expect(input(card, 'severity')).to.deep.include({ type: 'Input.ChoiceSet', style: 'compact', isMultiSelect: false, value: 'SEV1' });
    expect((input(card, 'severity') as unknown as { choices: unknown[] }).choices).to.have.length(3);
    expect(input(card, 'services')).to.deep.include({ type: 'Input.Text', isMultiline: true, value: 'db, api' });
    expect(input(card, 'services').isRequired, 'optional stays optional').to.equal(undefined);
    expect(textsOf(card)).to.include('One per line, or separated by commas.');
    expect(input(card, 'private')).to.deep.include({ type: 'Input.Toggle', value: 'true', valueOn: 'true', valueOff: 'false', title: 'Private incident (only invited people can see it)' });
    expect(input(card, 'private').isRequired, '"off" is an answer').to.equal(undefined);
  });

  it('asks for a person with the Teams people picker, preset only with a Teams person', () => {
    const picker = input(renderFormCard(formNamed('assign')), 'person');
    expect(picker).to.deep.include({ type: 'Input.ChoiceSet', 'choices.data': { type: 'Data.Query', dataset: 'graph.microsoft.com/users' }, choices: [], isRequired: true });
    const preset = (initial: typeof ana): FormView => ({ ...formNamed('assign'), blocks: [{ type: 'input', id: 'person', label: 'Person', element: { kind: 'person', initial } }] });
    expect(input(renderFormCard(preset(ana)), 'person')).to.deep.include({ value: ana.id, choices: [{ title: 'Ana Lima', value: ana.id }] });
    expect(input(renderFormCard(preset(slackCarol)), 'person')).to.deep.include({ choices: [] });
    expect((input(renderFormCard(preset(slackCarol)), 'person') as { value?: string }).value).to.equal(undefined);
  });

  it('keeps the whole text of an edit form, which the editor saves back', () => {
    const card = renderFormCard(formNamed('edit update'));
    expect(input(card, 'body')).to.deep.include({ type: 'Input.Text', isMultiline: true, value: 'We are investigating plain', maxLength: 3000 });
  });

  it('shows a form again with what was typed and each problem under its input', () => {
    const card = renderFormCard(formNamed('declare (empty)'), {
      values: { title: 'x', services: ['db', 'api'], private: true, severity: 'SEV9' },
      errors: { title: 'Say in a few words what is wrong, e.g. "Checkout errors".' },
    });
    expectTeamsCard(card, 'declare with errors');
    expect(input(card, 'title')).to.deep.include({ value: 'x' });
    expect(input(card, 'services')).to.deep.include({ value: 'db, api' });
    expect(input(card, 'private')).to.deep.include({ value: 'true' });
    expect(input(card, 'severity')).to.deep.include({ value: 'SEV3' });
    const error = card.body.find((e) => e.type === 'TextBlock' && e.color === 'Attention');
    expect(error).to.deep.include({ text: 'Say in a few words what is wrong, e.g. "Checkout errors".' });
  });

  it('refuses a form whose routing data could not travel intact, rather than cutting it', () => {
    const base = formNamed('severity');
    const code = (form: FormView) => { try { renderFormCard(form); return 'rendered'; } catch (e) { return e instanceof MusterError ? e.code : 'other'; } };
    expect(code({ ...base, privateMetadata: 'x'.repeat(2001) })).to.equal('internal');
    expect(code({ ...base, formId: 'has space' })).to.equal('internal');
    for (const id of ['muster', 'formId', 'metadata', 'inputs', '__proto__', 'constructor', 'bad id', '']) {
      expect(code({ ...base, blocks: [{ type: 'input', id, label: 'x', element: { kind: 'text' } }] }), id).to.equal('internal');
    }
    expect(code({ ...base, blocks: [...base.blocks, ...base.blocks] }), 'duplicate ids').to.equal('internal');
  });

  it('never drops an input to fit: a form too large for a card is an error, a long hint is cut instead', () => {
    const big: FormView = { ...formNamed('edit update'), blocks: Array.from({ length: 30 }, (_, i) => ({ type: 'input' as const, id: `q${i}`, label: 'Q', element: { kind: 'text' as const, initial: '🔥'.repeat(1000), maxLength: 3000 } })) };
    expect(() => renderFormCard(big)).to.throw(MusterError, /too large for a Teams card/);
    const noisy: FormView = { ...formNamed('edit update'), blocks: [{ type: 'text', text: ['x '.repeat(20000)] }, ...formNamed('edit update').blocks] };
    const card = renderFormCard(noisy);
    expectTeamsCard(card, 'noisy form');
    expect(input(card, 'body')).to.not.equal(undefined);
  });

  it('leaves out a select with no usable option, which Teams would refuse', () => {
    const form: FormView = { ...formNamed('severity'), blocks: [{ type: 'input', id: 'severity', label: 'Severity', element: { kind: 'select', options: [{ value: '', label: 'none' }, { value: 'x'.repeat(201), label: 'long' }] } }] };
    const card = renderFormCard(form);
    expectTeamsCard(card, 'empty select');
    expect(inputsOf(card)).to.deep.equal([]);
  });

  describe('the plugin install form', () => {
    const plugin = () => formNamed('plugin configure');

    it('masks a secret with style password, never with a value: not the initial one, not what was typed before the errors', () => {
      const card = renderFormCard(plugin(), { values: { 'plugin:secret:TOKEN': 'glsa_typed-secret', 'plugin:apiUrl': 'https://typed.example' }, errors: { 'plugin:secret:TOKEN': 'Must be at least 8 characters.' } });
      expect(input(card, 'plugin:secret:TOKEN')).to.deep.equal({ type: 'Input.Text', id: 'plugin:secret:TOKEN', label: 'TOKEN', style: 'password', isMultiline: false, maxLength: 2000 });
      expect(JSON.stringify(card)).not.to.include('glsa_typed-secret');
      expect(input(card, 'plugin:apiUrl'), 'what is not secret comes back as typed').to.deep.include({ value: 'https://typed.example' });
      expect(textsOf(card)).to.include('Must be at least 8 characters.');
      const careless: FormView = { ...plugin(), blocks: [{ type: 'input', id: 'token', label: 'Token', element: { kind: 'text', secret: true, initial: 'xoxb-leaked' } }] };
      expect(JSON.stringify(renderFormCard(careless))).not.to.include('xoxb-leaked');
    });

    it('renders each kind of field with its value, and submits the plugin form with its metadata', () => {
      const card = renderFormCard(plugin());
      expect(input(card, 'plugin:onResolve')).to.deep.include({ type: 'Input.ChoiceSet', value: 'note', isRequired: true });
      expect(input(card, 'plugin:private')).to.deep.include({ type: 'Input.Toggle', value: 'true' });
      expect(input(card, 'plugin:severity.map')).to.deep.include({ type: 'Input.Text', isMultiline: true });
      expect(input(card, 'plugin:minFiring')).to.deep.include({ type: 'Input.Text', value: '2', isRequired: true });
      expect(input(card, 'plugin:secret:TOKEN').isRequired, 'already set: may be left empty').to.equal(undefined);
      const submit = card.actions![0] as ExecuteAction;
      expect(submit.data).to.deep.include({ formId: 'plugins.install', metadata: '{"p":"grafana","t":"tenant-1"}' });
      expect(textsOf(card).join(' ')).to.include('Already set — leave empty to keep it. Typed here once, stored sealed, never shown again.');
    });
  });
});
