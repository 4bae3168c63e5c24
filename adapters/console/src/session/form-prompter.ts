import type { Block, CommandReply, DirectoryPort, FormReply, FormValues, FormView } from '@muster/core';
import type { ConsoleTerminal } from '../console-terminal';
import type { LineSource } from './line-source';

type InputBlock = Extract<Block, { type: 'input' }>;
type Answer = FormValues[string];
export type FormOutcome = { readonly kind: 'submitted'; readonly reply: CommandReply } | { readonly kind: 'cancelled' };

const ANSWER_PROMPT = '  › ';
const CANCELLED = Symbol('cancelled');
const CANCEL = ':cancel';

/**
 * Fills a core form (a Slack modal elsewhere) by asking its inputs one by one. The console checks only
 * what a modal's widgets would guarantee (a select gets one of its options, a person picker a person);
 * everything else is for core to judge, and its errors are shown per field and asked again.
 */
export class FormPrompter {
  constructor(private readonly terminal: ConsoleTerminal, private readonly directory: DirectoryPort, private readonly workspaceId: string) {}

  async fill(form: FormView, source: LineSource, submit: (values: FormValues) => Promise<FormReply>): Promise<FormOutcome> {
    const inputs = form.blocks.filter((b): b is InputBlock => b.type === 'input');
    const others = form.blocks.filter((b) => b.type !== 'input');
    this.terminal.say(`📝 ${form.title}`);
    if (others.length) this.terminal.show({ fallback: form.fallback, blocks: others });
    this.terminal.say(`Answer each question; Enter keeps the suggested answer, ${CANCEL} stops.`, 'muted');
    const values: Record<string, Answer> = {};
    let asking = inputs;
    for (;;) {
      for (const input of asking) {
        const answer = await this.ask(input, source);
        if (answer === CANCELLED) return this.cancelled();
        values[input.id] = answer;
      }
      const reply = await submit(values);
      if (reply.kind === 'done') return { kind: 'submitted', reply: reply.reply };
      for (const [id, message] of Object.entries(reply.errors)) {
        this.terminal.say(`⚠ ${inputs.find((i) => i.id === id)?.label ?? id}: ${message}`, 'warning');
      }
      const wrong = inputs.filter((i) => i.id in reply.errors);
      // An error about no particular input: the whole form again, rather than a loop that asks nothing.
      asking = wrong.length ? wrong : inputs;
    }
  }

  private cancelled(): FormOutcome {
    this.terminal.say('Form cancelled; nothing was sent.', 'muted');
    return { kind: 'cancelled' };
  }

  /** Asks until the answer fits the input's widget. */
  private async ask(input: InputBlock, source: LineSource): Promise<Answer | typeof CANCELLED> {
    this.terminal.say(this.question(input));
    if (input.hint) this.terminal.say(input.hint, 'muted');
    if (input.element.kind === 'select') input.element.options.forEach((o, i) => this.terminal.say(`  ${i + 1}) ${o.label}`));
    for (;;) {
      const line = await source.next(ANSWER_PROMPT);
      if (line === undefined || line.trim() === CANCEL) return CANCELLED;
      const read = await this.read(input, line.trim());
      if (!('problem' in read)) return read.value;
      this.terminal.say(read.problem, 'warning');
    }
  }

  private question(input: InputBlock): string {
    const e = input.element;
    const optional = input.optional ? ' (optional)' : '';
    switch (e.kind) {
      case 'text': return `${input.label}${optional}${e.initial ? ` [Enter keeps: ${e.initial}]` : e.placeholder ? ` (e.g. ${e.placeholder})` : ''}`;
      case 'multi_text': return `${input.label}${optional}, separated by commas${e.placeholder ? ` (e.g. ${e.placeholder})` : ''}`;
      case 'select': return `${input.label}${optional}: type a number${e.initial ? ` [Enter: ${e.initial}]` : ''}`;
      case 'checkbox': return `${e.optionLabel}? y/n [Enter: ${e.initial ? 'y' : 'n'}]`;
      case 'person': return `${input.label}${optional}: a handle such as @sre-lead${e.initial ? ` [Enter: @${e.initial.name ?? e.initial.id}]` : ''}`;
    }
  }

  private async read(input: InputBlock, text: string): Promise<{ value: Answer } | { problem: string }> {
    const e = input.element;
    switch (e.kind) {
      case 'text': {
        // A required field is required here too, as a modal would refuse to submit without it.
        const value = text || e.initial || '';
        if (!input.optional && value.length < Math.max(1, e.minLength ?? 0)) {
          return { problem: e.minLength && e.minLength > 1 ? `This is required: at least ${e.minLength} characters.` : 'This is required.' };
        }
        return { value };
      }
      case 'multi_text':
        return { value: (text || e.initial || '').split(',').map((s) => s.trim()).filter(Boolean) };
      case 'select': {
        if (!text) return { value: e.initial ?? '' };
        const byNumber = /^\d+$/.test(text) ? e.options[Number(text) - 1] : undefined;
        const chosen = byNumber ?? e.options.find((o) => o.value.toLowerCase() === text.toLowerCase());
        return chosen ? { value: chosen.value } : { problem: `Type a number from 1 to ${e.options.length}.` };
      }
      case 'checkbox':
        if (!text) return { value: e.initial ?? false };
        if (/^(y|yes)$/i.test(text)) return { value: true };
        if (/^(n|no)$/i.test(text)) return { value: false };
        return { problem: 'Type y or n.' };
      case 'person': {
        if (!text) return { value: e.initial?.id };
        const person = await this.directory.resolve('console', this.workspaceId, text);
        return person ? { value: person.id } : { problem: `${text} is not a handle: use lowercase letters, digits, -, _ or . (e.g. @sre-lead).` };
      }
    }
  }
}
