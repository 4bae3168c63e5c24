import type { FormView } from '@muster/core';
import { MusterError } from '@muster/core';
import type { ModalView } from '@slack/web-api';
import { renderBlockList } from './render-blocks';
import { MAX_BLOCKS_PER_MODAL, MAX_CALLBACK_ID, MAX_MODAL_BUTTON, MAX_MODAL_TITLE, MAX_PRIVATE_METADATA } from './slack-limits';
import { truncatePlain } from '@muster/core';

const plainText = (text: string, max: number) => ({ type: 'plain_text' as const, text: truncatePlain(text, max), emoji: true });

/**
 * A form as a Slack modal. `callback_id` is the form id and `private_metadata` is carried unchanged, so
 * the submission routes back to the flow that asked. Both are routing data, not prose: cutting them
 * would send the answer to the wrong place, so a value over Slack's limit is a programming error.
 */
export function renderModal(form: FormView): ModalView {
  if (form.formId === '' || form.formId.length > MAX_CALLBACK_ID) {
    throw new MusterError('internal', `Form id must be 1-${MAX_CALLBACK_ID} characters to become a Slack callback_id.`, { formId: form.formId.slice(0, 80) });
  }
  const metadata = form.privateMetadata ?? '';
  if (metadata.length > MAX_PRIVATE_METADATA) {
    throw new MusterError('internal', `Form ${form.formId} carries ${metadata.length} characters of private metadata; Slack allows ${MAX_PRIVATE_METADATA}.`);
  }
  const title = form.title.trim() === '' ? 'Muster' : form.title;
  const submit = form.submitLabel.trim() === '' ? 'Submit' : form.submitLabel;
  return {
    type: 'modal',
    callback_id: form.formId,
    title: plainText(title, MAX_MODAL_TITLE),
    submit: plainText(submit, MAX_MODAL_BUTTON),
    close: plainText('Cancel', MAX_MODAL_BUTTON),
    private_metadata: metadata,
    blocks: renderBlockList(form.blocks, MAX_BLOCKS_PER_MODAL),
  };
}
