import type { ActionItemStep, ParsedCommand } from './command';
import { looksLikeMention } from './argument-parsers';
import { echo, either, looksLikeOption, parseError, refuseOption, resolveSeverity, typeThis, type ArgumentContext } from './parse-context';
import { nearest } from './suggest';
import { tokenize, type Token } from './tokenizer';

const LIST_OPTIONS = ['--sev', '--service', '--mine'] as const;

/** `list [open|all] [--sev <level>] [--service <name>] [--mine]`; `--x=value` works as well as `--x value`. */
export function parseList(ctx: ArgumentContext): ParsedCommand {
  const tokens = tokenize(ctx.input, ctx.from, ctx.usage);
  let scope: 'open' | 'all' | undefined;
  let severity: string | undefined;
  let service: string | undefined;
  let mine = false;
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    if (!looksLikeOption(token)) {
      const word = token.value.toLowerCase();
      if ((word === 'open' || word === 'all') && !scope) { scope = word; continue; }
      throw parseError('invalid_argument', `\`list\` shows ${either(['`open`', '`all`'])} incidents, not ${echo(token.value)}. E.g. ${typeThis(ctx, 'list all --sev SEV1')}.`, ctx.usage, {
        extra: token.value,
      });
    }
    const [spelled, inline] = splitOption(token.value);
    const option = spelled.toLowerCase();
    if (option === '--mine') {
      if (inline !== undefined) throw parseError('invalid_argument', `\`--mine\` takes no value; type ${typeThis(ctx, 'list --mine')}.`, ctx.usage, { option: spelled });
      mine = true;
      continue;
    }
    if (option !== '--sev' && option !== '--severity' && option !== '--service') {
      const guess = nearest(spelled, LIST_OPTIONS.map((o) => [o, o] as const));
      throw parseError('invalid_argument', `${echo(spelled)} is not an option of \`list\`. ${guess ? `Did you mean \`${guess}\`? ` : ''}It accepts ${either(LIST_OPTIONS.map((o) => `\`${o}\``))}.`, ctx.usage, {
        option: spelled,
      });
    }
    const value = inline ?? tokens[++i]?.value;
    if (!value || value.startsWith('--')) {
      throw parseError('missing_argument', `Say which after \`${spelled}\`, e.g. ${typeThis(ctx, option === '--service' ? 'list --service checkout' : 'list --sev SEV1')}.`, ctx.usage, { option: spelled });
    }
    if (option === '--service') service = value;
    else severity = resolveSeverity(value, ctx, (l) => `list --sev ${l}`);
  }
  return { name: 'list', scope: scope ?? 'open', ...(severity && { severity }), ...(service && { service }), mine };
}

function splitOption(word: string): [string, string | undefined] {
  const at = word.indexOf('=');
  return at < 0 ? [word, undefined] : [word.slice(0, at), word.slice(at + 1)];
}

const ACTION_STEPS = ['done', 'reopen', 'assign'] as const;
/** More than anyone lists; keeps a typo of many digits from becoming a huge number. */
const MAX_ITEM_NUMBER = 9999;

/** `actions`, `actions done <n>`, `actions reopen <n>`, `actions assign <n> <@person>`. */
export function parseActions(ctx: ArgumentContext): ParsedCommand {
  const tokens = words(ctx);
  const [verb, number, person, ...extra] = tokens;
  if (!verb) return actions({ kind: 'list' });
  const kind = ACTION_STEPS.find((s) => s === verb.value.toLowerCase());
  if (!kind) {
    const guess = nearest(verb.value, ACTION_STEPS.map((a) => [a, a] as const));
    const hint = guess ? `Did you mean \`${guess}\`? ` : '';
    throw parseError('invalid_argument', `\`actions\` can ${either(ACTION_STEPS.map((s) => `\`${s}\``))} an item, not ${echo(verb.value)}. ${hint}To add one, type ${typeThis(ctx, 'action <text> [@owner]')}.`, ctx.usage, {
      action: verb.value, allowed: ACTION_STEPS,
    });
  }
  const example = kind === 'assign' ? 'actions assign 1 @alice' : `actions ${kind} 1`;
  if (!number) throw parseError('missing_argument', `Say which item by its number in ${typeThis(ctx, 'actions')}, e.g. ${typeThis(ctx, example)}.`, ctx.usage, { argument: 'n' });
  const n = itemNumber(number, ctx, example);
  if (kind !== 'assign') {
    tooMany([person, ...extra], ctx, `actions ${kind} ${n}`);
    return actions({ kind, number: n });
  }
  if (!person) throw parseError('missing_argument', `Say who should own item ${n}, e.g. ${typeThis(ctx, `actions assign ${n} @alice`)}.`, ctx.usage, { argument: 'person' });
  if (!looksLikeMention(person.value)) {
    throw parseError('invalid_argument', `Name the owner as a mention, e.g. ${typeThis(ctx, `actions assign ${n} @alice`)}, not ${echo(person.value)}.`, ctx.usage, { person: person.value });
  }
  tooMany(extra, ctx, `actions assign ${n} ${person.value}`);
  return actions({ kind, number: n, person: person.value });
}

/** `postmortem`, `postmortem start`, `postmortem done`. */
export function parsePostmortem(ctx: ArgumentContext): ParsedCommand {
  const [step, ...extra] = words(ctx);
  if (!step) return { name: 'postmortem' };
  const chosen = step.value.toLowerCase();
  if (chosen !== 'start' && chosen !== 'done') {
    throw parseError('invalid_argument', `\`postmortem\` takes \`start\` or \`done\`, not ${echo(step.value)}. Type ${typeThis(ctx, 'postmortem')} to read and edit it.`, ctx.usage, {
      step: step.value, allowed: ['start', 'done'],
    });
  }
  tooMany(extra, ctx, `postmortem ${chosen}`);
  return { name: 'postmortem', step: chosen };
}

const actions = (step: ActionItemStep): ParsedCommand => ({ name: 'actions', step });

function words(ctx: ArgumentContext): Token[] {
  const tokens = tokenize(ctx.input, ctx.from, ctx.usage);
  const option = tokens.find(looksLikeOption);
  if (option) refuseOption(option.value, ctx);
  return tokens;
}

function itemNumber(token: Token, ctx: ArgumentContext, example: string): number {
  const digits = token.value.replace(/^#/, '');
  const n = /^\d{1,4}$/.test(digits) ? Number(digits) : NaN;
  if (!(n >= 1 && n <= MAX_ITEM_NUMBER)) {
    throw parseError('invalid_argument', `${echo(token.value)} is not an item number; use the number ${typeThis(ctx, 'actions')} shows, e.g. ${typeThis(ctx, example)}.`, ctx.usage, {
      n: token.value,
    });
  }
  return n;
}

function tooMany(extra: readonly (Token | undefined)[], ctx: ArgumentContext, instead: string): void {
  const words = extra.filter((t): t is Token => t !== undefined);
  if (words.length === 0) return;
  const text = ctx.input.slice(words[0]!.start, words[words.length - 1]!.end);
  throw parseError('invalid_argument', `${echo(text)} is one too many for \`${ctx.name}\`. Type ${typeThis(ctx, instead)}.`, ctx.usage, { extra: words.map((t) => t.value) });
}
