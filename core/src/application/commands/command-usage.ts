import { DEFAULT_ROLES, roleWord } from '../../domain/roles';
import type { CommandName } from './command';

/** What people type before a command in Slack and the console. Teams adapters pass `@Muster` instead. */
export const DEFAULT_PREFIX = '/incident';

/**
 * A command as an error message tells people to type it, marked as code, in the canonical grammar.
 * The error view turns it into a `{ command }` inline, which each renderer writes with its platform's
 * prefix (`@Muster` in Teams), so no message has to know which platform it will be read on. Views
 * write `{ command: 'postmortem done' }` directly.
 */
export const commandCode = (words: string): string => `\`${DEFAULT_PREFIX} ${words}\``;

/** Help groups, in the order a responder meets them during an incident. */
export type CommandGroup = 'declaring' | 'running' | 'communicating' | 'after' | 'admin';

export const COMMAND_GROUPS: readonly { readonly group: CommandGroup; readonly title: string }[] = [
  { group: 'declaring', title: 'Declaring' },
  { group: 'running', title: 'Running the response' },
  { group: 'communicating', title: 'Communicating' },
  { group: 'after', title: 'Afterwards' },
  { group: 'admin', title: 'Admin and help' },
];

export interface CommandInfo {
  readonly name: CommandName;
  readonly group: CommandGroup;
  /** The usage line without the prefix: `sev <level>`. */
  readonly syntax: string;
  /** The usage line with the default prefix, like the canonical sev <level>. */
  readonly usage: string;
  readonly summary: string;
  /** What people type after the prefix; show them with {@link withPrefix}. */
  readonly examples: readonly string[];
  /** Other words accepted for the command (case-insensitive). */
  readonly aliases: readonly string[];
  /** Whether the command acts on an incident, so an `INC-42` reference in front of it makes sense. */
  readonly takesIncident: boolean;
}

type CommandSpec = Omit<CommandInfo, 'usage'>;

// Order matters: help lists commands in this order, and suggestions prefer earlier entries on ties.
const SPECS: readonly CommandSpec[] = [
  {
    name: 'declare',
    group: 'declaring',
    syntax: 'declare [title] [--sev <level>] [--service <name>] [--private]',
    summary: 'Declare a new incident. Without a title, a form opens.',
    examples: ['declare', 'declare Checkout errors --sev SEV1', 'declare "Login failures" --sev SEV2 --service auth,api --private'],
    aliases: [],
    takesIncident: false,
  },
  {
    name: 'status',
    group: 'declaring',
    syntax: 'status',
    summary: 'Show the incident card: severity, status, roles and links.',
    examples: ['status', 'INC-42 status'],
    aliases: [],
    takesIncident: true,
  },
  {
    name: 'list',
    group: 'declaring',
    syntax: 'list [open|all] [--sev <level>] [--service <name>] [--mine]',
    summary: 'List the incidents you can see, newest first: open ones unless you say all.',
    examples: ['list', 'list all --sev SEV1', 'list --service checkout --mine'],
    aliases: [],
    takesIncident: false,
  },
  {
    name: 'ack',
    group: 'running',
    syntax: 'ack',
    summary: 'Acknowledge the incident: someone is on it.',
    examples: ['ack'],
    aliases: ['acknowledge'],
    takesIncident: true,
  },
  {
    name: 'sev',
    group: 'running',
    syntax: 'sev <level>',
    summary: 'Change the severity.',
    examples: ['sev SEV1', 'INC-42 sev SEV3'],
    aliases: ['severity'],
    takesIncident: true,
  },
  {
    name: 'assign',
    group: 'running',
    syntax: 'assign <role> <@person>',
    summary: `Give a role (${DEFAULT_ROLES.map(roleWord).join(', ')}) to a person.`,
    examples: [`assign ${roleWord(DEFAULT_ROLES[0])} @alice`, `assign ${roleWord(DEFAULT_ROLES[1])} @bob`],
    aliases: [],
    takesIncident: true,
  },
  {
    name: 'mitigate',
    group: 'running',
    syntax: 'mitigate',
    summary: 'Mark the impact as mitigated while the cause is still being fixed.',
    examples: ['mitigate'],
    aliases: ['mitigated'],
    takesIncident: true,
  },
  {
    name: 'resolve',
    group: 'running',
    syntax: 'resolve',
    summary: 'Mark the incident resolved.',
    examples: ['resolve', 'INC-42 resolve'],
    aliases: ['resolved'],
    takesIncident: true,
  },
  {
    name: 'reopen',
    group: 'running',
    syntax: 'reopen',
    summary: 'Back to investigating: a resolution or mitigation that did not hold.',
    examples: ['reopen'],
    aliases: [],
    takesIncident: true,
  },
  {
    name: 'decline',
    group: 'running',
    syntax: 'decline',
    summary: 'Close a new incident as a false alarm.',
    examples: ['decline'],
    aliases: [],
    takesIncident: true,
  },
  {
    name: 'summary',
    group: 'communicating',
    syntax: 'summary',
    summary: 'Post an AI catch-up of the incident so far.',
    examples: ['summary'],
    aliases: [],
    takesIncident: true,
  },
  {
    name: 'update',
    group: 'communicating',
    syntax: 'update [internal|external]',
    summary: 'Draft a stakeholder update for approval (internal unless you say external).',
    examples: ['update', 'update external'],
    aliases: [],
    takesIncident: true,
  },
  {
    name: 'note',
    group: 'communicating',
    syntax: 'note <text>',
    summary: 'Add a note to the timeline.',
    examples: ['note Rolled back deploy 1234; error rate falling'],
    aliases: [],
    takesIncident: true,
  },
  {
    name: 'action',
    group: 'after',
    syntax: 'action <text> [@owner]',
    summary: 'Record a follow-up action item, optionally with an owner.',
    examples: ['action Add an alert on checkout latency @alice'],
    aliases: [],
    takesIncident: true,
  },
  {
    name: 'actions',
    group: 'after',
    syntax: 'actions [done <n>|reopen <n>|assign <n> <@person>]',
    summary: 'List the follow-ups with their numbers, or mark one done, reopen it or give it an owner.',
    examples: ['actions', 'actions done 2', 'actions assign 1 @alice', 'actions reopen 2'],
    aliases: [],
    takesIncident: true,
  },
  {
    name: 'timeline',
    group: 'after',
    syntax: 'timeline',
    summary: 'Show the timeline of the incident.',
    examples: ['timeline'],
    aliases: [],
    takesIncident: true,
  },
  {
    name: 'postmortem',
    group: 'after',
    syntax: 'postmortem [start|done]',
    summary: 'Read and edit the postmortem with an Edit button per section; start moves a resolved incident to the postmortem stage, done marks the postmortem reviewed.',
    examples: ['postmortem', 'postmortem start', 'postmortem done'],
    aliases: ['pm'],
    takesIncident: true,
  },
  {
    name: 'close',
    group: 'after',
    syntax: 'close',
    summary: 'Close the incident once the follow-up is done.',
    examples: ['close'],
    aliases: [],
    takesIncident: true,
  },
  {
    name: 'plugins',
    group: 'admin',
    syntax: 'plugins [list|install <name>|configure <name>|uninstall <name>]',
    summary: 'Admins only: list, install, configure or uninstall plugins for this workspace; install and configure open a form. '
      + 'Admins are the people named under admins: in muster.yaml, and on Slack the workspace admins and owners (on Teams only the named ones: Teams tells apps its admins only with extra Graph permissions).',
    examples: ['plugins', 'plugins install grafana', 'plugins configure grafana', 'plugins uninstall grafana'],
    aliases: [],
    takesIncident: false,
  },
  {
    name: 'help',
    group: 'admin',
    syntax: 'help [command]',
    summary: 'Show every command, or the details of one.',
    examples: ['help', 'help declare'],
    aliases: ['?'],
    takesIncident: false,
  },
];

export const COMMANDS: readonly CommandInfo[] = SPECS.map((spec) => ({ ...spec, usage: `${DEFAULT_PREFIX} ${spec.syntax}` }));

const BY_NAME: ReadonlyMap<CommandName, CommandInfo> = new Map(COMMANDS.map((c) => [c.name, c]));

/** Every word that names a command (names and aliases, lower case) and the command it names. */
export const COMMAND_WORDS: ReadonlyMap<string, CommandName> = new Map(
  COMMANDS.flatMap((c) => [c.name, ...c.aliases].map((word) => [word, c.name] as const)),
);

export function commandInfo(name: CommandName): CommandInfo {
  const info = BY_NAME.get(name);
  // Unreachable while SPECS covers every CommandName; the spec test checks that it does.
  if (!info) throw new RangeError(`No usage is written for the command "${name}".`);
  return info;
}

/** The command a typed word names, ignoring case, or undefined. */
export function commandNamed(word: string): CommandName | undefined {
  return COMMAND_WORDS.get(word.toLowerCase());
}

/** `text` (what is typed after the prefix) with the prefix in front. */
export const withPrefix = (text: string, prefix: string = DEFAULT_PREFIX): string => (text ? `${prefix} ${text}` : prefix);

/** The usage line of one command, with the given prefix in front. */
export const usageLine = (name: CommandName, prefix: string = DEFAULT_PREFIX): string => withPrefix(commandInfo(name).syntax, prefix);

/** The usage line of one command with the default prefix. */
export const usageOf = (name: CommandName): string => usageLine(name);

/** The usage line for input that names no command Muster knows. */
export const generalUsage = (prefix: string = DEFAULT_PREFIX): string => withPrefix('[INC-42] <command> [arguments]', prefix);
