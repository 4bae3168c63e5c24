import type { DueSpec } from '../../domain/action-item';
import type { ParsedCommand } from './command';
import { MENTION_PATTERN } from '../../domain/person-mention';
import { roleWord } from '../../domain/roles';
import { tokenize, type Token } from './tokenizer';
import { echo, either, looksLikeOption, parseError, refuseOption, resolveSeverity, typeThis, type ArgumentContext } from './parse-context';
import { nearest } from './suggest';

/** The words of the arguments; an option (`--x`) is refused, since only `declare` takes options. */
function words(ctx: ArgumentContext): Token[] {
  const tokens = tokenize(ctx.input, ctx.from, ctx.usage);
  const option = tokens.find(looksLikeOption);
  if (option) refuseOption(option.value, ctx);
  return tokens;
}

function refuseExtra(extra: readonly Token[], what: string, ctx: ArgumentContext, instead: string): void {
  if (extra.length === 0) return;
  const text = ctx.input.slice(extra[0].start, extra[extra.length - 1].end);
  throw parseError('invalid_argument', `\`${ctx.name}\` takes ${what}, so ${echo(text)} is one too many. Type ${typeThis(ctx, instead)}.`, ctx.usage, {
    extra: extra.map((t) => t.value),
  });
}

/** `sev <level>` */
export function parseSeverityChange(ctx: ArgumentContext): ParsedCommand {
  const [level, ...extra] = words(ctx);
  const ids = ctx.catalogs.severities.ids();
  if (!level) {
    throw parseError('missing_argument', `Say which severity: ${either(ids.map((id) => `\`${id}\``))}, e.g. ${typeThis(ctx, `sev ${ids[0]}`)}.`, ctx.usage, {
      argument: 'level',
      allowed: ids,
    });
  }
  const severity = resolveSeverity(level.value, ctx, (l) => `sev ${l}`);
  refuseExtra(extra, 'one level', ctx, `sev ${severity}`);
  return { name: 'sev', severity };
}

// Adapters hand over picked mentions as neutral tokens (`<@slack:U123|alice>`, domain/person-mention.ts);
// people and the console type `@alice`. The tokenizer keeps a token one word even when its name has spaces.
const MENTION = new RegExp(`^(?:@[^\\s@]+|${MENTION_PATTERN.source})$`, 'u');
/** The last word of an action's text, where a mention token counts as one word. */
const TRAILING_WORD = new RegExp(`\\s(${MENTION_PATTERN.source}|\\S+)$`, 'u');
export const looksLikeMention = (word: string): boolean => MENTION.test(word);

/** `assign <role> <@person>`; the role may be an alias (`ic`) or several words (`incident commander`). */
export function parseAssign(ctx: ArgumentContext): ParsedCommand {
  const tokens = words(ctx);
  const { roles } = ctx.catalogs;
  const commander = roleWord(roles.get('commander'));
  const example = `assign ${commander} @alice`;
  if (tokens.length === 0) {
    throw parseError('missing_argument', `Say which role and who should take it, e.g. ${typeThis(ctx, example)}.`, ctx.usage, { argument: 'role' });
  }
  const [first, second, ...rest] = tokens;
  let role = roles.find(first.value);
  let person = second;
  let extra = rest;
  if (!role && tokens.length >= 3) {
    // `assign incident commander @alice`: every word before the person names the role.
    const joined = roles.find(tokens.slice(0, -1).map((t) => t.value).join(' '));
    if (joined) [role, person, extra] = [joined, tokens[tokens.length - 1], []];
  }
  if (!role) {
    if (second && looksLikeMention(first.value) && roles.find(second.value)) {
      throw parseError('invalid_argument', `Put the role first, then the person: ${typeThis(ctx, `assign ${second.value} ${first.value}`)}.`, ctx.usage, {
        role: second.value,
        person: first.value,
      });
    }
    if (looksLikeMention(first.value)) {
      throw parseError('missing_argument', `Say which role ${first.value} should take, e.g. ${typeThis(ctx, `assign ${commander} ${first.value}`)}.`, ctx.usage, {
        argument: 'role',
      });
    }
    throw unknownRole(first.value, ctx);
  }
  if (!person) {
    throw parseError('missing_argument', `Say who should be ${role.label}, e.g. ${typeThis(ctx, `assign ${roleWord(role)} @alice`)}.`, ctx.usage, { argument: 'person' });
  }
  refuseExtra(extra, 'one role and one person', ctx, `assign ${roleWord(role)} ${person.value}`);
  return { name: 'assign', role: role.id, person: person.value };
}

function unknownRole(typed: string, ctx: ArgumentContext) {
  const { roles } = ctx.catalogs.roles;
  const guess = nearest(
    typed,
    roles.flatMap((r) => [r.id, ...r.aliases].map((w) => [w, roleWord(r)] as const)),
  );
  const listed = roles.map((r) => `\`${roleWord(r)}\` (${r.label})`);
  const hint = guess ? `Did you mean \`${guess}\`? ` : '';
  const example = `assign ${guess ?? roleWord(roles[0])} @alice`;
  return parseError('unknown_role', `There is no role ${echo(typed)}. ${hint}Roles: ${listed.join(', ')}. E.g. ${typeThis(ctx, example)}.`, ctx.usage, {
    role: typed,
    allowed: roles.map((r) => r.id),
  });
}

/** `update [internal|external]`, internal unless said otherwise. */
export function parseUpdate(ctx: ArgumentContext): ParsedCommand {
  const [audience, ...extra] = words(ctx);
  if (!audience) return { name: 'update', audience: 'internal' };
  const chosen = audience.value.toLowerCase();
  if (chosen !== 'internal' && chosen !== 'external') {
    throw parseError(
      'invalid_argument',
      `\`update\` drafts a stakeholder update for approval and takes \`internal\` or \`external\`, not ${echo(ctx.input.slice(audience.start))}. Type ${typeThis(ctx, 'update external')}, or record text with ${typeThis(ctx, 'note <text>')}.`,
      ctx.usage,
      { audience: audience.value, allowed: ['internal', 'external'] },
    );
  }
  refuseExtra(extra, 'one audience', ctx, `update ${chosen}`);
  return { name: 'update', audience: chosen };
}

/** The user's text exactly as typed (trimmed): notes keep their quotes, dashes and line breaks. */
function verbatim(ctx: ArgumentContext, example: string): string {
  const text = ctx.input.slice(ctx.from).trim();
  if (!text) throw parseError('missing_argument', `Add the text after \`${ctx.name}\`, e.g. ${typeThis(ctx, example)}.`, ctx.usage, { argument: 'text' });
  return text;
}

/** `note <text>` */
export function parseNote(ctx: ArgumentContext): ParsedCommand {
  return { name: 'note', text: verbatim(ctx, 'note Rolled back deploy 1234') };
}

/** `action <text> [@owner] [--due 3d|2026-12-24]`: a trailing mention is the owner; `--due` may stand anywhere after the text. */
export function parseAction(ctx: ArgumentContext): ParsedCommand {
  const example = 'action Add an alert on checkout latency @alice';
  const { rest, due } = takeDue(ctx, verbatim(ctx, example));
  const text = rest.trim();
  if (!text) throw parseError('missing_argument', `Say what needs doing before the due date, e.g. ${typeThis(ctx, `${example} --due 3d`)}.`, ctx.usage, { argument: 'text' });
  const withDue = due ? { due } : {};
  const owner = TRAILING_WORD.exec(text);
  if (owner && looksLikeMention(owner[1])) return { name: 'action', text: text.slice(0, owner.index).trimEnd(), owner: owner[1], ...withDue };
  if (looksLikeMention(text)) {
    throw parseError('missing_argument', `Say what ${text} should do before naming them, e.g. ${typeThis(ctx, example)}.`, ctx.usage, { argument: 'text' });
  }
  return { name: 'action', text, ...withDue };
}

/** Phones with smart punctuation turn `--` into an en or em dash (as declare-parser.ts allows for its options). */
const DUE_OPTION = /(^|\s)(?:--|[\u2013\u2014])due(?:=(\S*)|\s+(\S+)|(?=\s*$))/iu;
const DUE_IN = /^(\d{1,4})([hdw])$/iu;
const DUE_ON = /^(\d{4})-(\d{2})-(\d{2})$/u;

/** Takes `--due <when>` out of an action's text. The date is checked here; "is it in the future" needs the clock (dueDateOf). */
function takeDue(ctx: ArgumentContext, text: string): { rest: string; due?: DueSpec } {
  const found = DUE_OPTION.exec(text);
  if (!found) return { rest: text };
  const value = found[2] ?? found[3];
  const rest = `${text.slice(0, found.index)}${found[1]}${text.slice(found.index + found[0].length)}`.replace(/\s{2,}/gu, ' ');
  if (!value || value.startsWith('--')) {
    throw parseError('missing_argument', `Say when after \`--due\`: in days (\`3d\`), weeks (\`2w\`) or hours (\`12h\`), or a day (\`2026-12-24\`), e.g. ${typeThis(ctx, 'action Rotate the key @alice --due 3d')}.`, ctx.usage, { option: '--due' });
  }
  const relative = DUE_IN.exec(value);
  if (relative && Number(relative[1]) > 0) return { rest, due: { in: { amount: Number(relative[1]), unit: relative[2]!.toLowerCase() as 'h' | 'd' | 'w' } } };
  const day = DUE_ON.exec(value);
  const midnight = Date.parse(`${value}T00:00:00.000Z`);
  // 2026-02-30 parses as 2 March: only a day that reads back the same is a day.
  if (day && !Number.isNaN(midnight) && new Date(midnight).toISOString().startsWith(value)) return { rest, due: { on: value } };
  throw parseError('invalid_argument', `${echo(value)} is not a due date: write \`3d\`, \`2w\`, \`12h\` or a day as \`2026-12-24\`.`, ctx.usage, { option: '--due', value });
}

const PLUGIN_ACTIONS = ['list', 'install', 'configure', 'uninstall'] as const;

// npm package names and plugin ids: `pagerduty`, `@muster/plugin-jira`.
const PLUGIN_NAME = /^[@a-z0-9][a-z0-9._/@-]*$/i;

/** `plugins [list|install <name>|configure <name>|uninstall <name>]`, list unless said otherwise. */
export function parsePlugins(ctx: ArgumentContext): ParsedCommand {
  const [verb, plugin, ...extra] = words(ctx);
  if (!verb) return { name: 'plugins', action: 'list' };
  const action = PLUGIN_ACTIONS.find((a) => a === verb.value.toLowerCase());
  if (!action) {
    const guess = nearest(verb.value, PLUGIN_ACTIONS.map((a) => [a, a] as const));
    const hint = guess ? `Did you mean \`${guess}\`? ` : '';
    throw parseError(
      'invalid_argument',
      `\`plugins\` can ${either(PLUGIN_ACTIONS.map((a) => `\`${a}\``))}, not ${echo(verb.value)}. ${hint}E.g. ${typeThis(ctx, 'plugins install pagerduty')}.`,
      ctx.usage,
      { action: verb.value, allowed: PLUGIN_ACTIONS },
    );
  }
  if (action === 'list') {
    refuseExtra(plugin ? [plugin, ...extra] : [], 'nothing after `list`', ctx, 'plugins list');
    return { name: 'plugins', action };
  }
  if (!plugin) {
    throw parseError('missing_argument', `Say which plugin to ${action}, e.g. ${typeThis(ctx, `plugins ${action} pagerduty`)}; ${typeThis(ctx, 'plugins list')} shows them.`, ctx.usage, {
      argument: 'name',
    });
  }
  if (!PLUGIN_NAME.test(plugin.value)) {
    throw parseError('invalid_argument', `${echo(plugin.value)} is not a plugin name. Type the name ${typeThis(ctx, 'plugins list')} shows, e.g. ${typeThis(ctx, `plugins ${action} pagerduty`)}.`, ctx.usage, {
      plugin: plugin.value,
    });
  }
  refuseExtra(extra, 'one plugin name', ctx, `plugins ${action} ${plugin.value}`);
  return { name: 'plugins', action, plugin: plugin.value };
}

/** `help [command]` */
export function parseHelp(ctx: ArgumentContext): ParsedCommand {
  const [topic, ...extra] = words(ctx);
  if (!topic) return { name: 'help' };
  const name = ctx.commands.named(topic.value);
  if (!name) {
    const guess = nearest(topic.value, ctx.commands.words);
    const hint = guess ? `Did you mean \`${guess}\`? Type ${typeThis(ctx, `help ${guess}`)}.` : `Type ${typeThis(ctx, 'help')} to see every command.`;
    throw parseError('unknown_subcommand', `There is no command ${echo(topic.value)} to explain. ${hint}`, guess ? ctx.commands.usageLine(guess, ctx.prefix) : ctx.usage, {
      command: topic.value,
      ...(guess ? { suggestion: guess } : {}),
    });
  }
  refuseExtra(extra, 'one command name', ctx, `help ${name}`);
  return { name: 'help', topic: name };
}
