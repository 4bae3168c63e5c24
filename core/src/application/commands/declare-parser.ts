import { MAX_TITLE_LENGTH } from '../../domain/incident';
import type { ParsedCommand } from './command';
import { tokenize, type Token } from './tokenizer';
import { echo, either, parseError, resolveSeverity, typeThis, type ArgumentContext } from './parse-context';
import { nearest } from './suggest';

type OptionKind = 'severity' | 'service' | 'private' | 'public';

interface OptionSpec {
  readonly kind: OptionKind;
  /** Spellings after the dashes; the first is the one we show. */
  readonly names: readonly string[];
  readonly shown: string;
}

const DECLARE_OPTIONS: readonly OptionSpec[] = [
  { kind: 'severity', names: ['sev', 'severity'], shown: '--sev <level>' },
  { kind: 'service', names: ['service', 'services'], shown: '--service <name>' },
  { kind: 'private', names: ['private'], shown: '--private' },
  { kind: 'public', names: ['public'], shown: '--public' },
];

const optionNamed = (name: string): OptionSpec | undefined => DECLARE_OPTIONS.find((o) => o.names.includes(name.toLowerCase()));

interface OptionWord {
  readonly spec: OptionSpec | undefined;
  /** As typed, without any `=value`: `--Sev`. */
  readonly spelled: string;
  readonly inlineValue?: string;
}

/**
 * Reads a word as an option. Phones with smart punctuation turn `--` into an en or em dash, so
 * `—sev` counts too, but only for names we know: otherwise a dash in a title would become an error.
 */
function asOption(token: Token): OptionWord | undefined {
  if (token.quoted) return undefined;
  const match = /^(--|—|–)([^=]+)(?:=([\s\S]*))?$/u.exec(token.value);
  if (!match || !/^\p{L}/u.test(match[2])) return undefined;
  const spec = optionNamed(match[2]);
  if (match[1] !== '--' && !spec) return undefined;
  return { spec, spelled: `${match[1]}${match[2]}`, inlineValue: match[3] };
}

/**
 * A leading severity id before the title (`declare SEV2 Checkout down`), as people type it. Only an
 * exact, unquoted id followed by more words counts: a label like "Critical" starts many real titles.
 */
function leadingSeverity(tokens: readonly Token[], ctx: ArgumentContext): string | undefined {
  const first = tokens[0];
  if (!first || first.quoted || tokens.length < 2) return undefined;
  return ctx.catalogs.severities.ids().find((id) => id.toUpperCase() === first.value.toUpperCase());
}

/**
 * `declare [SEVn] [title] [--sev <level>] [--service <name>] [--private]`. The title is every word that
 * is not an option, joined by single spaces, so quotes are optional.
 */
export function parseDeclare(ctx: ArgumentContext): ParsedCommand {
  const tokens = tokenize(ctx.input, ctx.from, ctx.usage);
  const words: string[] = [];
  const services: string[] = [];
  let severity = leadingSeverity(tokens, ctx);
  let visibility: 'private' | 'public' | undefined;

  for (let i = severity ? 1 : 0; i < tokens.length; i++) {
    const option = asOption(tokens[i]);
    if (!option) {
      words.push(tokens[i].value);
      continue;
    }
    const spec = option.spec ?? unknownOption(option.spelled, ctx);
    if (spec.kind === 'severity') {
      const { value, consumed } = optionValue(option, tokens, i, ctx);
      i += consumed;
      const level = resolveSeverity(value, ctx, (l) => `declare <title> --sev ${l}`);
      if (severity !== undefined && severity !== level) {
        throw parseError('invalid_argument', `Give one severity, not both ${severity} and ${level}, e.g. ${typeThis(ctx, `declare <title> --sev ${severity}`)}.`, ctx.usage, {
          severity: [severity, level],
        });
      }
      severity = level;
    } else if (spec.kind === 'service') {
      const { value, consumed } = serviceValue(option, tokens, i, ctx);
      i += consumed;
      for (const service of value.split(',').map((s) => s.trim())) if (service && !services.includes(service)) services.push(service);
    } else {
      if (option.inlineValue !== undefined) {
        throw parseError('invalid_argument', `\`--${spec.kind}\` takes no value; type it on its own, e.g. ${typeThis(ctx, `declare <title> --${spec.kind}`)}.`, ctx.usage, {
          option: option.spelled,
        });
      }
      if (visibility !== undefined && visibility !== spec.kind) {
        throw parseError('invalid_argument', 'An incident is either `--private` or `--public`, not both: keep the one you mean.', ctx.usage, { option: option.spelled });
      }
      visibility = spec.kind;
    }
  }

  const title = words.join(' ').replace(/\s+/g, ' ').trim();
  // Measured as the Incident aggregate measures it, so a title this accepts is never refused later.
  const length = title.length;
  if (length > MAX_TITLE_LENGTH) {
    throw parseError(
      'invalid_argument',
      `The title is ${length} characters long; keep it to ${MAX_TITLE_LENGTH} or fewer. Declare with a short title, then add the details with ${typeThis(ctx, 'note <text>')}.`,
      ctx.usage,
      { length, max: MAX_TITLE_LENGTH },
    );
  }
  return { name: 'declare', ...(title ? { title } : {}), ...(severity ? { severity } : {}), services, private: visibility === 'private' };
}

/** The value of `--sev=X` or `--sev X`; `consumed` is how many extra words it took. */
function optionValue(option: OptionWord, tokens: readonly Token[], at: number, ctx: ArgumentContext): { value: string; consumed: number } {
  if (option.inlineValue !== undefined) {
    if (option.inlineValue.trim() === '') throw missingValue(option, ctx);
    return { value: option.inlineValue, consumed: 0 };
  }
  const next = tokens[at + 1];
  if (!next || asOption(next) || next.value.trim() === '') throw missingValue(option, ctx);
  return { value: next.value, consumed: 1 };
}

/** Like {@link optionValue}, but `--service api, db` also takes the word after a trailing comma. */
function serviceValue(option: OptionWord, tokens: readonly Token[], at: number, ctx: ArgumentContext): { value: string; consumed: number } {
  let { value, consumed } = optionValue(option, tokens, at, ctx);
  for (let next = tokens[at + consumed + 1]; value.trimEnd().endsWith(',') && next && !asOption(next); next = tokens[at + consumed + 1]) {
    value += next.value;
    consumed++;
  }
  if (value.split(',').every((s) => s.trim() === '')) throw missingValue(option, ctx);
  return { value, consumed };
}

function missingValue(option: OptionWord, ctx: ArgumentContext) {
  const isSeverity = option.spec?.kind === 'severity';
  const what = isSeverity ? `a severity (${either(ctx.catalogs.severities.ids())})` : 'one or more service names, separated by commas';
  const example = isSeverity ? `declare <title> --sev ${ctx.catalogs.severities.ids()[0]}` : 'declare <title> --service api,db';
  return parseError('missing_argument', `\`${option.spelled}\` needs ${what} after it, e.g. ${typeThis(ctx, example)}.`, ctx.usage, {
    argument: isSeverity ? 'level' : 'name',
    option: option.spelled,
  });
}

function unknownOption(spelled: string, ctx: ArgumentContext): never {
  const guess = nearest(
    spelled.replace(/^(--|—|–)/, ''),
    DECLARE_OPTIONS.flatMap((o) => o.names.map((n) => [n, o.shown.split(' ')[0]] as const)),
  );
  const hint = guess ? `Did you mean \`${guess}\`? ` : '';
  const accepted = DECLARE_OPTIONS.map((o) => `\`${o.shown}\``);
  throw parseError(
    'invalid_argument',
    `${echo(spelled)} is not an option of \`declare\`. ${hint}It accepts ${either(accepted)}, e.g. ${typeThis(ctx, `declare Checkout errors --sev ${ctx.catalogs.severities.ids()[0]}`)}.`,
    ctx.usage,
    { option: spelled, allowed: DECLARE_OPTIONS.map((o) => o.shown.split(' ')[0]) },
  );
}
