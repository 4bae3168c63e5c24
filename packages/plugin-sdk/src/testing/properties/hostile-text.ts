import fc from 'fast-check';

/**
 * Strings senders and attackers write: any code point (controls, bidi overrides, lone surrogates),
 * long, multi-line, chat mentions, markup, links with credentials, names of prototype fields, and
 * values that look like levels.
 */
export const hostileText: fc.Arbitrary<string> = fc.oneof(
  fc.string(),
  fc.string({ unit: 'binary', maxLength: 300 }),
  fc.string({ minLength: 190, maxLength: 3000 }),
  fc.string({ unit: fc.integer({ min: 0xd800, max: 0xdfff }).map((c) => String.fromCharCode(c)), maxLength: 4 }),
  fc.constantFrom(
    '', ' ', '\n', '\u2028', '\u202egnp.exe', '<!channel>', '@everyone', 'javascript:alert(1)', 'https://user:pw@evil.example/',
    '__proto__', 'constructor', 'P1', 'critical', '16', '-1', 'x'.repeat(3000),
  ),
);

/** Header maps as senders and attackers write them (names lower-cased, as the host hands them over). */
export function headersWith(names: readonly string[]): fc.Arbitrary<Record<string, string>> {
  return fc.dictionary(fc.oneof(fc.constantFrom(...names), fc.string({ maxLength: 20 }).map((n) => n.toLowerCase())), fc.oneof(hostileText, fc.string()), { maxKeys: 5 });
}
