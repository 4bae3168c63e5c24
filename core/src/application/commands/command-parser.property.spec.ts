import { expect } from 'chai';
import fc from 'fast-check';
import { MusterError } from '../../errors';
import { RoleCatalog } from '../../domain/roles';
import { SeverityCatalog } from '../../domain/severity';
import { parseCommand } from './command-parser';
import { COMMANDS, COMMAND_WORDS } from './command-usage';
import { PARSE_ERROR_CODES, type CommandCatalogs } from './parse-context';

const catalogs: CommandCatalogs = { severities: new SeverityCatalog(), roles: new RoleCatalog() };
const KNOWN_NAMES: readonly string[] = COMMANDS.map((c) => c.name);
const ALLOWED_CODES: readonly string[] = PARSE_ERROR_CODES;

/** The whole contract for arbitrary input: a known command, or a MusterError a person can act on. */
function parsesOrExplains(text: string): void {
  let parsed;
  try {
    parsed = parseCommand(text, catalogs);
  } catch (error) {
    expect(error).to.be.instanceOf(MusterError);
    const e = error as MusterError;
    expect(ALLOWED_CODES).to.include(e.code);
    expect(e.message.trim()).to.not.equal('');
    expect(e.usage).to.be.a('string').and.match(/^\/incident /);
    return;
  }
  expect(KNOWN_NAMES).to.include(parsed.name);
  if (parsed.incidentRef !== undefined) expect(parsed.incidentRef).to.match(/^INC-\d+$/);
}

const CONTROL = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/u;

const grammarWord = fc.constantFrom(
  ...COMMAND_WORDS.keys(),
  '/incident', 'incident', 'INC-42', 'inc-7', 'INC-', 'SEV1', 'sev2', 'Sev3', 'SEV9', 'critical', '1',
  'ic', 'comms', 'incident commander', 'sme', 'captain', '@alice', '<@slack:U123ABC>', '<@slack:U1|bob>', '<@teams:00000000-aa|Bob Jones>', 'internal', 'external',
  'list', 'install', 'configure', 'uninstall', 'jira', '@muster/plugin-jira',
  'open', 'all', '--mine', '--mine=1', 'done', 'reopen', 'assign', 'start', '#2', '0', '99999', '-1', '2.5',
  '--sev', '--sev=', '--sev=SEV1', '--severity', '--service', '--service=api,db', '--services', 'api,', ',', '--private', '--public',
  '--private=yes', '--', '-', '—sev', '–service', '—', '--unknown', '--=', '=', '\\', '\\"', '"', "'", '“', '”', '‘', '’', '„', '`',
  "can't", 'it’s', '😀', '\u0000', '\r\n', '\u00a0', '\u202e',
);
const junk = fc.oneof(fc.string({ maxLength: 6 }), fc.string({ unit: 'grapheme', maxLength: 6 }), fc.string({ unit: 'binary', maxLength: 4 }));
const quoted = fc.tuple(fc.constantFrom('"', "'", '“', '‘', '„'), fc.string({ unit: 'grapheme', maxLength: 10 }), fc.constantFrom('"', "'", '”', '’', '“', ''))
  .map(([open, body, close]) => `${open}${body}${close}`);
const separator = fc.constantFrom(' ', ' ', ' ', '  ', '\n', '\t', '', '=');
const pieces = fc
  .array(fc.tuple(fc.oneof({ weight: 5, arbitrary: grammarWord }, { weight: 2, arbitrary: junk }, { weight: 1, arbitrary: quoted }), separator), { maxLength: 10 })
  .map((ps) => ps.map(([word, sep]) => `${word}${sep}`).join(''));
// Half the time a real command leads, so the arguments of every command get their share of junk.
const lead = fc.tuple(fc.constantFrom('', '/incident ', 'INC-3 ', '/incident inc-3 '), fc.constantFrom(...COMMAND_WORDS.keys()), separator).map((p) => p.join(''));
const structured = fc.oneof(pieces, fc.tuple(lead, pieces).map(([l, p]) => `${l} ${p}`));

describe('parseCommand (properties)', () => {
  it('returns a known command or throws an explained MusterError, for any string', () => {
    fc.assert(fc.property(fc.string({ maxLength: 60 }), parsesOrExplains), { numRuns: 1000 });
    fc.assert(fc.property(fc.string({ unit: 'grapheme', maxLength: 60 }), parsesOrExplains), { numRuns: 1000 });
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 60 }), parsesOrExplains), { numRuns: 1000 });
  });

  it('returns a known command or throws an explained MusterError, for text made of grammar words, flags, quotes and junk', () => {
    fc.assert(fc.property(structured, parsesOrExplains), { numRuns: 2000 });
  });

  it('holds near the length limit', () => {
    const nearLimit = fc.tuple(fc.constantFrom('note ', 'declare "', 'ack ', ''), fc.integer({ min: 3980, max: 4020 }), fc.constantFrom('x', '😀', ' '))
      .map(([start, n, fill]) => start + fill.repeat(n));
    fc.assert(fc.property(nearLimit, parsesOrExplains), { numRuns: 100 });
  });

  const word = fc.string({ unit: 'grapheme', minLength: 1, maxLength: 12 }).filter((w) => !/\s/u.test(w) && !CONTROL.test(w));
  const title = fc.array(word, { minLength: 1, maxLength: 8 }).map((ws) => ws.join(' ')).filter((t) => [...t].length <= 200);
  const quoteStyle = fc.constantFrom(['"', '"'], ["'", "'"], ['“', '”'], ['‘', '’'], ['„', '“']);
  const escapeFor = (text: string): string => text.replace(/["'“”‘’„\\]/gu, (c) => `\\${c}`);

  it('round-trips a quoted declare title and its severity', () => {
    const level = fc.tuple(fc.constantFrom('SEV1', 'SEV2', 'SEV3'), fc.constantFrom('upper', 'lower', 'title'));
    const spelling = fc.constantFrom('--sev ', '--sev=', '--severity ', '—sev ');
    const order = fc.boolean();
    fc.assert(
      fc.property(title, quoteStyle, level, spelling, order, (t, [open, close], [id, letterCase], flag, titleFirst) => {
        const typed = letterCase === 'upper' ? id : letterCase === 'lower' ? id.toLowerCase() : `Sev${id.slice(3)}`;
        const quotedTitle = `${open}${escapeFor(t)}${close}`;
        const text = titleFirst ? `declare ${quotedTitle} ${flag}${typed}` : `/incident declare ${flag}${typed} ${quotedTitle}`;
        expect(parseCommand(text, catalogs)).to.deep.equal({ name: 'declare', title: t, severity: id, services: [], private: false });
      }),
      { numRuns: 1000 },
    );
  });

  const text = fc
    .string({ unit: 'grapheme', minLength: 1, maxLength: 200 })
    .filter((t) => t.trim() === t && t !== '' && !CONTROL.test(t));

  it('keeps note text verbatim', () => {
    const lead = fc.constantFrom('', '/incident ', 'incident ', 'INC-5 ', '/incident inc-5 ');
    const noteWord = fc.constantFrom('note', 'NOTE', 'Note');
    const gap = fc.constantFrom(' ', '  ', '\n', '\t ');
    fc.assert(
      fc.property(lead, noteWord, gap, text, (l, n, g, t) => {
        const parsed = parseCommand(`${l}${n}${g}${t}`, catalogs);
        expect(parsed).to.include({ name: 'note', text: t });
      }),
      { numRuns: 1000 },
    );
  });

  it('keeps action text verbatim and splits off a trailing owner', () => {
    const actionText = text.filter((t) => !/(^|\s)(@|<@)\S*$/u.test(t));
    const owner = fc.option(fc.stringMatching(/^(@[a-z][a-z0-9._-]{0,15}|<@slack:U[A-Z0-9]{4,10}>)$/), { nil: undefined });
    fc.assert(
      fc.property(actionText, owner, (t, o) => {
        const parsed = parseCommand(o ? `action ${t} ${o}` : `action ${t}`, catalogs);
        expect(parsed).to.deep.equal(o ? { name: 'action', text: t, owner: o } : { name: 'action', text: t });
      }),
      { numRuns: 500 },
    );
  });

  it('reads list filters in any order and spelling, and never invents a severity', () => {
    const scope = fc.constantFrom(undefined, 'open', 'all', 'ALL');
    const sev = fc.option(fc.tuple(fc.constantFrom('SEV1', 'SEV2', 'SEV3'), fc.constantFrom('--sev ', '--sev=', '--severity ')), { nil: undefined });
    const service = fc.option(fc.stringMatching(/^[a-z][a-z0-9-]{0,12}$/), { nil: undefined });
    fc.assert(
      fc.property(scope, sev, service, fc.boolean(), fc.boolean(), (sc, sv, se, mine, shuffle) => {
        const parts = [sc, sv && `${sv[1]}${sv[0]}`, se && `--service ${se}`, mine ? '--mine' : undefined].filter((p): p is string => !!p);
        if (shuffle) parts.reverse();
        const parsed = parseCommand(`list ${parts.join(' ')}`, catalogs);
        expect(parsed).to.deep.equal({
          name: 'list', scope: sc ? sc.toLowerCase() : 'open', mine, ...(sv && { severity: sv[0] }), ...(se && { service: se }),
        });
      }),
      { numRuns: 500 },
    );
  });

  it('reads an item number for actions done, reopen and assign, or explains, and never accepts 0 or a fraction', () => {
    const verb = fc.constantFrom('done', 'reopen', 'assign');
    const n = fc.oneof(fc.integer({ min: 1, max: 9999 }).map(String), fc.constantFrom('0', '-1', '2.5', '1e3', '99999', 'x'));
    fc.assert(
      fc.property(verb, n, (v, num) => {
        const text = v === 'assign' ? `actions ${v} ${num} @alice` : `actions ${v} ${num}`;
        const valid = /^\d+$/.test(num) && Number(num) >= 1 && Number(num) <= 9999;
        if (!valid) {
          expect(() => parseCommand(text, catalogs)).to.throw(MusterError);
          return;
        }
        const step = v === 'assign' ? { kind: v, number: Number(num), person: '@alice' } : { kind: v, number: Number(num) };
        expect(parseCommand(text, catalogs)).to.deep.equal({ name: 'actions', step });
      }),
      { numRuns: 500 },
    );
  });
});
