import type { PersonRef } from '../../domain/person';
import { replaceMentions } from '../../domain/person-mention';
import { DEFAULT_PREFIX, withPrefix } from '../commands/command-usage';

/**
 * The neutral message model. Core builds views once; each adapter renders them (Block Kit, Adaptive
 * Cards, terminal text). Text is never pre-formatted markup: it is a list of inline pieces, and the
 * renderer escapes every plain string, so a title of `<!channel>` or `@everyone` can never ping anyone.
 */
export type Inline =
  | string
  | { readonly bold: string }
  | { readonly italic: string }
  | { readonly code: string }
  | { readonly link: { readonly url: string; readonly text: string } }
  | { readonly mention: PersonRef }
  /**
   * A command as the reader must type it, without the prefix (`postmortem done`, `INC-42 status`, or
   * `''` for the prefix alone). Each renderer puts its platform's prefix in front (`/incident` in Slack
   * and the console, `@Muster` in Teams) and shows it as code, so no view has to know where it is read.
   */
  | { readonly command: string };

export type RichText = readonly Inline[];

export interface Button {
  /** Stable action id the adapter routes back to core: `incident.ack`, `update.approve`. */
  readonly actionId: string;
  readonly label: string;
  /** Opaque payload (an id, a JSON string) handed back with the action. */
  readonly value: string;
  readonly style?: 'primary' | 'danger';
  /** Ask before doing it: the question shown. */
  readonly confirm?: string;
}

export interface SelectOption {
  readonly value: string;
  readonly label: string;
}

export type InputElement =
  | {
    readonly kind: 'text'; readonly multiline?: boolean; readonly minLength?: number; readonly maxLength?: number; readonly initial?: string; readonly placeholder?: string;
    /**
     * A secret (a token, a signing key): masked where the platform can mask input (Teams), never
     * pre-filled, and never shown again with what was typed when the form comes back with errors.
     */
    readonly secret?: boolean;
  }
  | { readonly kind: 'select'; readonly options: readonly SelectOption[]; readonly initial?: string }
  | { readonly kind: 'multi_text'; readonly placeholder?: string; readonly initial?: string }
  | { readonly kind: 'checkbox'; readonly optionLabel: string; readonly initial?: boolean }
  | { readonly kind: 'person'; readonly initial?: PersonRef };

export type Block =
  | { readonly type: 'header'; readonly text: string }
  | { readonly type: 'text'; readonly text: RichText; readonly tone?: 'normal' | 'muted' | 'warning' | 'success' }
  | { readonly type: 'fields'; readonly fields: readonly { readonly label: string; readonly value: RichText }[] }
  | { readonly type: 'list'; readonly items: readonly RichText[]; readonly ordered?: boolean }
  | { readonly type: 'context'; readonly text: RichText }
  | { readonly type: 'divider' }
  | { readonly type: 'actions'; readonly buttons: readonly Button[] }
  | { readonly type: 'input'; readonly id: string; readonly label: string; readonly element: InputElement; readonly optional?: boolean; readonly hint?: string };

export interface View {
  /** Plain-text fallback for notifications and screen readers. */
  readonly fallback: string;
  readonly blocks: readonly Block[];
}

/** A form (Slack modal, Teams task module, console prompt). */
export interface FormView extends View {
  /** Routes the submission back: `incident.declare`. */
  readonly formId: string;
  readonly title: string;
  readonly submitLabel: string;
  /** Carried through the form unchanged (incident id, update id). */
  readonly privateMetadata?: string;
  /**
   * For the requester's eyes only (plugin settings): a platform whose forms are messages in the
   * conversation (Teams cards) opens it in the 1:1 chat with the requester instead.
   */
  readonly confidential?: boolean;
}

export const plain = (text: string): RichText => [text];

/** Plain text of rich text, for fallbacks and the console; commands with the canonical prefix. */
export const textOf = (rich: RichText): string => textFor(rich);

/**
 * Plain text of rich text, with commands written as the reader's platform types them (`prefix`, when
 * the caller knows it); mention tokens in plain strings read as `@name`.
 */
export function textFor(rich: RichText, prefix: string = DEFAULT_PREFIX): string {
  return rich
    .map((i) => {
      if (typeof i === 'string') return readableMentions(i);
      if ('command' in i) return withPrefix(i.command, prefix);
      if ('bold' in i) return i.bold;
      if ('italic' in i) return i.italic;
      if ('code' in i) return i.code;
      if ('link' in i) return i.link.text;
      return `@${i.mention.name ?? i.mention.id}`;
    })
    .join('');
}

/** Text with each neutral mention token as `@name` (or `@id` when the token carries no name). */
export const readableMentions = (text: string): string => replaceMentions(text, (person) => `@${person.name ?? person.id}`);
