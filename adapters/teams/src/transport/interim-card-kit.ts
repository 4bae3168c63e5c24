import type { Block, Button, FormValues, FormView, Inline, InputElement, RichText, View } from '@muster/core';
import { z } from 'zod';
import type { CardSubmission, TeamsCardKit } from './card-kit';
import type { CardAttachment } from './teams-turn';

/**
 * A plain Adaptive Card 1.5 rendering of core's views, so the transport works end to end on its own:
 * every block as text, fact sets and inputs, every button as Action.Execute with the agreed data
 * (`{ muster: 'action', actionId, value }`, forms `{ muster: 'form', formId, metadata }`). The cards
 * package (`adapters/teams/src/cards`) replaces it with the full renderer (mentions, limits, styles).
 */
export class InterimCardKit implements TeamsCardKit {
  card(view: View): CardAttachment {
    return attachment(view.blocks.flatMap(bodyOf), actionsOf(view.blocks));
  }

  form(form: FormView, options: { values?: FormValues; errors?: Readonly<Record<string, string>> } = {}): CardAttachment {
    const errors = options.errors ?? {};
    const shown = options.values ? withValues(form, options.values) : form;
    const body = [
      { type: 'TextBlock', text: escape(form.title), weight: 'Bolder', size: 'Medium', wrap: true },
      ...shown.blocks.flatMap((b) => (b.type === 'input' ? inputOf(b, errors[b.id]) : bodyOf(b))),
    ];
    const data = { muster: 'form', formId: form.formId, ...(form.privateMetadata !== undefined ? { metadata: form.privateMetadata } : {}) };
    return attachment(body, [{ type: 'Action.Execute', title: form.submitLabel, verb: 'muster.form', data, style: 'positive' }]);
  }

  parseSubmission(value: unknown): CardSubmission | undefined {
    const invoke = INVOKE_VALUE.safeParse(value);
    const data = invoke.success ? invoke.data.action.data : value;
    const action = ACTION_DATA.safeParse(data);
    if (action.success) return { kind: 'action', actionId: action.data.actionId, value: action.data.value };
    const form = FORM_DATA.safeParse(data);
    if (!form.success) return undefined;
    const { muster: _m, formId, metadata, ...inputs } = form.data;
    const values: Record<string, string | boolean> = {};
    for (const [key, value] of Object.entries(inputs)) {
      if (typeof value === 'string') values[key] = value === 'true' ? true : value === 'false' ? false : value;
    }
    return { kind: 'form', formId, metadata: metadata ?? '', values: values as FormValues };
  }
}

const INVOKE_VALUE = z.object({ action: z.object({ data: z.unknown() }) });
const ACTION_DATA = z.object({ muster: z.literal('action'), actionId: z.string().min(1).max(256), value: z.string().max(4_000) });
const FORM_DATA = z.object({ muster: z.literal('form'), formId: z.string().min(1).max(256), metadata: z.string().max(4_000).optional() })
  .catchall(z.string().max(20_000).or(z.boolean()).or(z.number()));

const attachment = (body: unknown[], actions: unknown[]): CardAttachment => ({
  contentType: 'application/vnd.microsoft.card.adaptive',
  content: {
    type: 'AdaptiveCard', $schema: 'http://adaptivecards.io/schemas/adaptive-card.json', version: '1.5',
    body, ...(actions.length ? { actions } : {}), msteams: { width: 'Full' },
  },
});

/** Teams markdown is interpreted in TextBlocks: people's text is escaped so it stays literal. */
const escape = (text: string): string => text.replace(/[\\`*_{}[\]()#+\-.!<>|~]/gu, (c) => `\\${c}`);

function inline(rich: RichText): string {
  return rich.map((i: Inline) => {
    if (typeof i === 'string') return escape(i);
    if ('bold' in i) return `**${escape(i.bold)}**`;
    if ('italic' in i) return `_${escape(i.italic)}_`;
    if ('code' in i) return escape(i.code);
    if ('link' in i) return /^https?:\/\//iu.test(i.link.url) ? `[${escape(i.link.text)}](${i.link.url.replace(/[()\s]/gu, encodeURIComponent)})` : escape(i.link.text);
    return escape(`@${i.mention.name ?? i.mention.id}`);
  }).join('');
}

const text = (value: string, extra: Record<string, unknown> = {}) => ({ type: 'TextBlock', text: value, wrap: true, ...extra });
const TONES: Record<string, string> = { muted: 'Default', warning: 'Attention', success: 'Good', normal: 'Default' };

function bodyOf(block: Block): unknown[] {
  switch (block.type) {
    case 'header': return [text(escape(block.text), { weight: 'Bolder', size: 'Large' })];
    case 'text': return [text(inline(block.text), { color: TONES[block.tone ?? 'normal'], ...(block.tone === 'muted' ? { isSubtle: true } : {}) })];
    case 'fields': return [{ type: 'FactSet', facts: block.fields.map((f) => ({ title: escape(f.label), value: inline(f.value) })) }];
    case 'list': return [text(block.items.map((item, n) => `${block.ordered ? `${n + 1}.` : '-'} ${inline(item)}`).join('\r'))];
    case 'context': return [text(inline(block.text), { isSubtle: true, size: 'Small' })];
    case 'divider': return [{ type: 'Container', separator: true, items: [] }];
    case 'actions': return [];
    case 'input': return [];
  }
}

function actionsOf(blocks: readonly Block[]): unknown[] {
  return blocks.flatMap((b) => (b.type === 'actions' ? b.buttons.map(buttonOf) : []));
}

const buttonOf = (b: Button) => ({
  type: 'Action.Execute', title: b.label, verb: 'muster.action', data: { muster: 'action', actionId: b.actionId, value: b.value },
  ...(b.style ? { style: b.style === 'primary' ? 'positive' : 'destructive' } : {}),
});

function inputOf(block: Extract<Block, { type: 'input' }>, error: string | undefined): unknown[] {
  const common = { id: block.id, label: block.label, isRequired: !block.optional, ...(error ? { errorMessage: error } : {}) };
  const shown: unknown[] = [{ ...common, ...elementOf(block.element) }];
  if (block.hint) shown.push(text(escape(block.hint), { isSubtle: true, size: 'Small' }));
  if (error) shown.push(text(escape(error), { color: 'Attention', size: 'Small' }));
  return shown;
}

function elementOf(e: InputElement): Record<string, unknown> {
  switch (e.kind) {
    case 'text': return { type: 'Input.Text', isMultiline: !!e.multiline, ...(e.maxLength ? { maxLength: e.maxLength } : {}), ...(e.initial ? { value: e.initial } : {}), ...(e.placeholder ? { placeholder: e.placeholder } : {}) };
    case 'multi_text': return { type: 'Input.Text', ...(e.initial ? { value: e.initial } : {}), ...(e.placeholder ? { placeholder: e.placeholder } : {}) };
    case 'select': return { type: 'Input.ChoiceSet', style: 'compact', choices: e.options.map((o) => ({ title: o.label, value: o.value })), ...(e.initial ? { value: e.initial } : {}) };
    case 'checkbox': return { type: 'Input.Toggle', title: e.optionLabel, valueOn: 'true', valueOff: 'false', value: e.initial ? 'true' : 'false' };
    case 'person': return { type: 'Input.Text', placeholder: 'Their AAD object id', ...(e.initial ? { value: e.initial.id } : {}) };
  }
}

/** The form as it was submitted: each input starts from what the person typed. */
function withValues(form: FormView, values: FormValues): FormView {
  return {
    ...form,
    blocks: form.blocks.map((block) => {
      if (block.type !== 'input' || values[block.id] === undefined) return block;
      const value = values[block.id];
      const e = block.element;
      if (e.kind === 'checkbox') return { ...block, element: { ...e, initial: value === true } };
      if (e.kind === 'person') return block;
      return { ...block, element: { ...e, initial: Array.isArray(value) ? value.join(', ') : String(value) } };
    }),
  };
}
