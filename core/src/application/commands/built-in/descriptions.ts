import { DEFAULT_ROLES, roleWord } from '../../../domain/roles';
import type { CommandName, CommandOf, ParsedCommand } from '../command';
import type { CommandInfo } from '../command-catalog';
import { DEFAULT_PREFIX } from '../command-prefix';
import { parseDeclare } from '../declare-parser';
import { parseAction, parseAssign, parseHelp, parseNote, parsePlugins, parseSeverityChange, parseUpdate } from '../argument-parsers';
import { parseActions, parseList, parsePostmortem } from '../follow-up-parsers';
import type { ArgumentContext } from '../parse-context';

/** A built-in command as the grammar knows it: its help, its argument parser (none: it takes no arguments). */
export interface BuiltInDescription<N extends CommandName = CommandName> {
  readonly info: CommandInfo & { readonly name: N };
  readonly parse?: (ctx: ArgumentContext) => CommandOf<N>;
}

type BuiltInSpec = Omit<CommandInfo, 'usage' | 'name'> & { readonly name: CommandName; readonly parse?: (ctx: ArgumentContext) => ParsedCommand };

// Order matters: help lists commands in this order, and suggestions prefer earlier entries on ties.
const SPECS: readonly BuiltInSpec[] = [
  {
    name: 'declare',
    group: 'declaring',
    syntax: 'declare [title] [--sev <level>] [--service <name>] [--private]',
    summary: 'Declare a new incident. Without a title, a form opens.',
    examples: ['declare', 'declare Checkout errors --sev SEV1', 'declare "Login failures" --sev SEV2 --service auth,api --private'],
    aliases: [],
    takesIncident: false,
    parse: parseDeclare,
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
    parse: parseList,
  },
  {
    name: 'services',
    group: 'declaring',
    syntax: 'services',
    summary: 'List the service catalogue: each service with its owners, on-call ids and runbook (names to use with declare --service).',
    examples: ['services'],
    aliases: ['catalog', 'catalogue'],
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
    parse: parseSeverityChange,
  },
  {
    name: 'assign',
    group: 'running',
    syntax: 'assign <role> <@person>',
    summary: `Give a role (${DEFAULT_ROLES.map(roleWord).join(', ')}) to a person.`,
    examples: [`assign ${roleWord(DEFAULT_ROLES[0])} @alice`, `assign ${roleWord(DEFAULT_ROLES[1])} @bob`],
    aliases: [],
    takesIncident: true,
    parse: parseAssign,
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
    parse: parseUpdate,
  },
  {
    name: 'note',
    group: 'communicating',
    syntax: 'note <text>',
    summary: 'Add a note to the timeline.',
    examples: ['note Rolled back deploy 1234; error rate falling'],
    aliases: [],
    takesIncident: true,
    parse: parseNote,
  },
  {
    name: 'action',
    group: 'after',
    syntax: 'action <text> [@owner] [--due 3d|2026-12-24]',
    summary: 'Record a follow-up action item, optionally with an owner and a due date (its owner is reminded once it is overdue).',
    examples: ['action Add an alert on checkout latency @alice', 'action Rotate the API key @bob --due 3d'],
    aliases: [],
    takesIncident: true,
    parse: parseAction,
  },
  {
    name: 'actions',
    group: 'after',
    syntax: 'actions [done <n>|reopen <n>|assign <n> <@person>]',
    summary: 'List the follow-ups with their numbers, or mark one done, reopen it or give it an owner.',
    examples: ['actions', 'actions done 2', 'actions assign 1 @alice', 'actions reopen 2'],
    aliases: [],
    takesIncident: true,
    parse: parseActions,
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
    parse: parsePostmortem,
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
    name: 'workflows',
    group: 'admin',
    syntax: 'workflows',
    summary: 'List the workflows configured in muster.yaml (what Muster does by itself, and when); in an incident room also which apply to it.',
    examples: ['workflows', 'INC-42 workflows'],
    aliases: [],
    takesIncident: false,
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
    parse: parsePlugins,
  },
  {
    name: 'help',
    group: 'admin',
    syntax: 'help [command]',
    summary: 'Show every command, or the details of one.',
    examples: ['help', 'help declare'],
    aliases: ['?'],
    takesIncident: false,
    parse: parseHelp,
  },
];

/** Every built-in command, in the order help lists them (suggestions prefer earlier entries on ties). */
export const BUILT_IN_DESCRIPTIONS: readonly BuiltInDescription[] = SPECS.map(({ parse, ...spec }) => ({
  info: { ...spec, usage: `${DEFAULT_PREFIX} ${spec.syntax}` },
  ...(parse ? { parse } : {}),
})) as readonly BuiltInDescription[];

const BY_NAME = new Map(BUILT_IN_DESCRIPTIONS.map((d) => [d.info.name, d]));

/** The built-in `name`, typed to its own command, for the contribution that runs it. */
export function builtIn<N extends CommandName>(name: N): BuiltInDescription<N> {
  const found = BY_NAME.get(name);
  // Unreachable while SPECS covers every CommandName; the usage spec checks that it does.
  if (!found) throw new RangeError(`No usage is written for the command "${name}".`);
  return found as unknown as BuiltInDescription<N>;
}
