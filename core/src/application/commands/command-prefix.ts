/** What people type before a command in Slack and the console. Teams adapters pass `@Muster` instead. */
export const DEFAULT_PREFIX = '/incident';

/**
 * A command as an error message tells people to type it, marked as code, in the canonical grammar.
 * The error view turns it into a `{ command }` inline, which each renderer writes with its platform's
 * prefix (`@Muster` in Teams), so no message has to know which platform it will be read on. Views
 * write `{ command: 'postmortem done' }` directly.
 */
export const commandCode = (words: string): string => `\`${DEFAULT_PREFIX} ${words}\``;

/** `text` (what is typed after the prefix) with the prefix in front. */
export const withPrefix = (text: string, prefix: string = DEFAULT_PREFIX): string => (text ? `${prefix} ${text}` : prefix);

/** The usage line for input that names no command Muster knows. */
export const generalUsage = (prefix: string = DEFAULT_PREFIX): string => withPrefix('[INC-42] <command> [arguments]', prefix);
