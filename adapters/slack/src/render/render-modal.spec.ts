import type { Block, FormView } from '@muster/core';
import type { Checkboxes, InputBlock, PlainTextInput, StaticSelect, UsersSelect } from '@slack/web-api';
import { expect } from 'chai';
import { INPUT_ACTION_IDS } from './input-elements';
import { type ModalState, readModalValues } from './read-modal-values';
import { renderModal } from './render-modal';
import * as limits from './slack-limits';

const declareForm: FormView = {
  formId: 'incident.declare',
  title: 'Declare an incident right now please',
  submitLabel: 'Declare',
  privateMetadata: '{"channel":"C1"}',
  fallback: 'Declare an incident',
  blocks: [
    { type: 'input', id: 'title', label: 'Title', element: { kind: 'text', maxLength: 150, placeholder: 'What is broken?' } },
    { type: 'input', id: 'summary', label: 'Summary', element: { kind: 'text', multiline: true }, optional: true },
    { type: 'input', id: 'severity', label: 'Severity', element: { kind: 'select', options: [{ value: 'SEV1', label: 'SEV1 critical' }, { value: 'SEV2', label: 'SEV2 major' }], initial: 'SEV2' } },
    { type: 'input', id: 'services', label: 'Services', element: { kind: 'multi_text' }, optional: true },
    { type: 'input', id: 'private', label: 'Visibility', element: { kind: 'checkbox', optionLabel: 'Private incident' } },
    { type: 'input', id: 'commander', label: 'Commander', element: { kind: 'person', initial: { platform: 'slack', id: 'U0CMD' } }, optional: true },
  ],
};

const inputs = (form: FormView) => renderModal(form).blocks as InputBlock[];

describe('renderModal', () => {
  it('makes a required text input required in Slack, with its minimum length', () => {
    const form: FormView = { ...declareForm, blocks: [{ type: 'input', id: 'title', label: 'What is wrong?', optional: false, element: { kind: 'text', minLength: 3, maxLength: 200 } }] };
    const [title] = inputs(form);
    expect(title?.optional).to.equal(false);
    expect((title?.element as PlainTextInput).min_length).to.equal(3);
    expect((inputs(declareForm)[0]?.element as PlainTextInput).min_length, 'no minimum unless asked').to.equal(undefined);
  });

  it('carries the form id, metadata and labels, with the title cut to 24 characters', () => {
    const modal = renderModal(declareForm);
    expect(modal.callback_id).to.equal('incident.declare');
    expect(modal.private_metadata).to.equal('{"channel":"C1"}');
    expect(modal.title.text.length).to.equal(limits.MAX_MODAL_TITLE);
    expect(modal.title.text.endsWith('…')).to.equal(true);
    expect(modal.submit?.text).to.equal('Declare');
    expect(modal.close?.text).to.equal('Cancel');
  });

  it('maps each input kind to its Slack element, keyed by the input id', () => {
    const [title, summary, severity, services, privateBox, commander] = inputs(declareForm);
    expect(title?.block_id).to.equal('title');
    expect(title?.element).to.deep.include({ type: 'plain_text_input', multiline: false, max_length: 150, action_id: INPUT_ACTION_IDS.text });
    expect(summary?.optional).to.equal(true);
    expect((summary?.element as PlainTextInput).multiline).to.equal(true);
    const select = severity?.element as StaticSelect;
    expect(select.type).to.equal('static_select');
    expect(select.initial_option?.value).to.equal('SEV2');
    expect(services?.hint?.text).to.equal('comma-separated');
    expect((services?.element as PlainTextInput).type).to.equal('plain_text_input');
    expect((privateBox?.element as Checkboxes).type).to.equal('checkboxes');
    expect(privateBox?.optional, 'an unticked box must be a valid answer').to.equal(true);
    expect((commander?.element as UsersSelect)).to.deep.include({ type: 'users_select', initial_user: 'U0CMD' });
  });

  it('reads a submission back into answers keyed by input id', () => {
    const rendered = inputs(declareForm);
    const actionOf = (blockId: string) => rendered.find((b) => b.block_id === blockId)?.element.action_id ?? '';
    const state: ModalState = { values: {
      title: { [actionOf('title')]: { type: 'plain_text_input', value: 'DB down' } },
      summary: { [actionOf('summary')]: { type: 'plain_text_input', value: null } },
      severity: { [actionOf('severity')]: { type: 'static_select', selected_option: { value: 'SEV1' } } },
      services: { [actionOf('services')]: { type: 'plain_text_input', value: ' db, api ,, web ' } },
      private: { [actionOf('private')]: { type: 'checkboxes', selected_options: [{ value: 'checked' }] } },
      commander: { [actionOf('commander')]: { type: 'users_select', selected_user: 'U0ANA' } },
      unrelated: { something: { type: 'button', value: 'x' } },
    } };
    expect(readModalValues(state)).to.deep.equal({
      title: 'DB down', summary: undefined, severity: 'SEV1', services: ['db', 'api', 'web'], private: true, commander: 'U0ANA',
    });
  });

  it('reads an unticked checkbox as false', () => {
    const state: ModalState = { values: { private: { [INPUT_ACTION_IDS.checkbox]: { type: 'checkboxes', selected_options: [] } } } };
    expect(readModalValues(state)).to.deep.equal({ private: false });
  });

  it('keeps 100 blocks per modal: 99 and a line counting the rest', () => {
    const blocks: Block[] = Array.from({ length: 120 }, (_, i) => ({ type: 'input', id: `q${i}`, label: `Q${i}`, element: { kind: 'text' } }));
    const modal = renderModal({ ...declareForm, blocks });
    expect(modal.blocks).to.have.length(limits.MAX_BLOCKS_PER_MODAL);
    expect(modal.blocks[99]).to.deep.include({ type: 'context' });
  });

  it('refuses private metadata Slack would reject rather than cutting it', () => {
    expect(() => renderModal({ ...declareForm, privateMetadata: 'x'.repeat(limits.MAX_PRIVATE_METADATA + 1) })).to.throw(/private metadata/);
  });
});
