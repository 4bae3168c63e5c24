import type { DueSpec } from '../../domain/action-item';
import type { Audience } from '../../domain/status-update';

/**
 * One grammar for every platform (ARCHITECTURE.md section 6): `/incident <sub>` in Slack,
 * `@Muster <sub>` in Teams, the same words in the console. The parser turns text into one of these;
 * nothing else in Muster looks at raw command text.
 */
export type ParsedCommand = { readonly incidentRef?: string } & (
  | { readonly name: 'declare'; readonly title?: string; readonly severity?: string; readonly services: readonly string[]; readonly private: boolean }
  | { readonly name: 'status' }
  | { readonly name: 'list'; readonly scope: 'open' | 'all'; readonly severity?: string; readonly service?: string; readonly mine: boolean }
  | { readonly name: 'services' }
  | { readonly name: 'sev'; readonly severity: string }
  | { readonly name: 'assign'; readonly role: string; readonly person: string }
  | { readonly name: 'ack' }
  | { readonly name: 'mitigate' }
  | { readonly name: 'resolve' }
  | { readonly name: 'reopen' }
  | { readonly name: 'decline' }
  | { readonly name: 'close' }
  | { readonly name: 'summary' }
  | { readonly name: 'update'; readonly audience: Audience }
  | { readonly name: 'note'; readonly text: string }
  | { readonly name: 'action'; readonly text: string; readonly owner?: string; readonly due?: DueSpec }
  | { readonly name: 'actions'; readonly step: ActionItemStep }
  | { readonly name: 'postmortem'; readonly step?: 'start' | 'done' }
  | { readonly name: 'timeline' }
  | { readonly name: 'workflows' }
  | { readonly name: 'plugins'; readonly action: 'list' | 'install' | 'configure' | 'uninstall'; readonly plugin?: string }
  | { readonly name: 'help'; readonly topic?: HelpTopic }
);

export type CommandName = ParsedCommand['name'];

/** The built-in command `N`, typed to its own arguments. */
export type CommandOf<N extends CommandName> = Extract<ParsedCommand, { readonly name: N }>;

/**
 * The command `help` explains: a name the catalogue knew when the request was parsed, a built-in's or
 * one added at run time (a plugin's), so it is a string rather than a CommandName.
 */
export type HelpTopic = string;

/**
 * A command added at run time (a plugin's `registerCommand`): Muster reads the prefix, an optional
 * incident reference and the command word; the rest is the command's own, handed over as `args`.
 */
export interface RuntimeCommandInput {
  readonly kind: 'runtime';
  readonly name: string;
  /** What followed the command word, trimmed. */
  readonly args: string;
  readonly incidentRef?: string;
}

/** What the parser returns once run-time commands are in the catalogue. */
export type AnyParsedCommand = ParsedCommand | RuntimeCommandInput;

export const isRuntimeCommand = (command: AnyParsedCommand): command is RuntimeCommandInput => 'kind' in command && command.kind === 'runtime';

/** `actions` alone lists; the others change item `number` as the list shows it. */
export type ActionItemStep =
  | { readonly kind: 'list' }
  | { readonly kind: 'done' | 'reopen'; readonly number: number }
  | { readonly kind: 'assign'; readonly number: number; readonly person: string };
