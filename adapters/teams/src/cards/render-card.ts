import { MusterError, textOf, type FormValues, type FormView, type View } from '@muster/core';
import { executeAction } from './card-actions';
import { renderBlocks, type CardPart } from './card-blocks';
import { checkInputId } from './card-inputs';
import { FORM_VERB, ID_PATTERN, type FormData, type InputKind } from './card-data';
import { MAX_ACTION_ID_CHARS, MAX_CARD_BYTES, MAX_FALLBACK_CHARS, MAX_INPUTS, MAX_METADATA_CHARS } from './card-limits';
import type { AdaptiveCard } from './card-types';
import { assembleCard } from './fit-card';
import { MentionRegistry } from './mentions';
import { escapeMarkdown } from './teams-markdown';
import { truncatePlain } from '@muster/core';

export interface RenderCardOptions {
  /** The most the card's JSON may weigh, in UTF-8 bytes (default {@link MAX_CARD_BYTES}). */
  readonly maxBytes?: number;
}

export interface RenderFormOptions extends RenderCardOptions {
  /** What was submitted before, shown again instead of the initial values (a form answered with errors). */
  readonly values?: FormValues;
  /** Problems per input id, shown under each input (core's `{ kind: 'errors' }` form reply). */
  readonly errors?: Readonly<Record<string, string>>;
}

/** The notification text: the view's fallback, or failing that its first header or text. */
function fallbackOf(view: View): string {
  if (view.fallback.trim() !== '') return view.fallback;
  for (const block of view.blocks) {
    if (block.type === 'header' && block.text.trim() !== '') return block.text;
    if (block.type === 'text' && textOf(block.text).trim() !== '') return textOf(block.text);
  }
  return 'Muster';
}

const fallbackText = (view: View): string => escapeMarkdown(truncatePlain(fallbackOf(view), MAX_FALLBACK_CHARS));

/** A view as an Adaptive Card 1.5. Buttons that end the view are kept even when the card has to be cut. */
export function renderCard(view: View, options: RenderCardOptions = {}): AdaptiveCard {
  const registry = new MentionRegistry();
  const last = view.blocks[view.blocks.length - 1];
  const closing = last?.type === 'actions' ? 1 : 0;
  const parts: CardPart[] = [
    ...renderBlocks(view.blocks.slice(0, view.blocks.length - closing), { registry }),
    ...renderBlocks(view.blocks.slice(view.blocks.length - closing), { registry }).map((p) => ({ ...p, pinned: true })),
  ];
  return assembleCard(parts, { fallbackText: fallbackText(view), registry }, options.maxBytes ?? MAX_CARD_BYTES);
}

/**
 * A form as a card with its inputs and one submit button. The form id and metadata are routing data,
 * not prose: one that cannot travel intact is a programming error, never cut.
 */
function formData(form: FormView): FormData {
  if (!ID_PATTERN.test(form.formId) || form.formId.length > MAX_ACTION_ID_CHARS) {
    throw new MusterError('internal', `Form id must be 1-${MAX_ACTION_ID_CHARS} letters, digits, '.', '_', ':' or '-' to travel on a Teams card.`, { formId: form.formId.slice(0, 80) });
  }
  const metadata = form.privateMetadata ?? '';
  if (metadata.length > MAX_METADATA_CHARS) {
    throw new MusterError('internal', `Form ${form.formId} carries ${metadata.length} characters of private metadata; a Teams card carries ${MAX_METADATA_CHARS}.`);
  }
  const inputs = new Map<string, InputKind>();
  for (const block of form.blocks) {
    if (block.type !== 'input') continue;
    checkInputId(block.id);
    if (inputs.has(block.id)) throw new MusterError('internal', `Form ${form.formId} has two inputs with the id "${block.id}".`);
    inputs.set(block.id, block.element.kind);
  }
  if (inputs.size > MAX_INPUTS) throw new MusterError('internal', `Form ${form.formId} has more than ${MAX_INPUTS} inputs.`);
  return { muster: 'form', formId: form.formId, metadata, inputs: Object.fromEntries(inputs) };
}

export function renderFormCard(form: FormView, options: RenderFormOptions = {}): AdaptiveCard {
  const data = formData(form);
  const registry = new MentionRegistry();
  const title = form.title.trim() === '' ? [] : [{ type: 'header' as const, text: form.title }];
  const parts = renderBlocks([...title, ...form.blocks], { registry, form: { values: options.values ?? {}, errors: options.errors ?? {} } });
  const submit = executeAction(form.submitLabel, FORM_VERB, data, { style: 'positive', associatedInputs: 'auto' });
  return assembleCard(parts, { fallbackText: fallbackText(form), actions: [submit], registry, formId: form.formId }, options.maxBytes ?? MAX_CARD_BYTES);
}
