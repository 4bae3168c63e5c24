import { satisfies, validRange } from 'semver';

/**
 * The plugin API version this package implements. A plugin names the range it was written against
 * (`sdk: '^1.0.0'`); the host refuses to activate a plugin whose range this version does not satisfy.
 * Bump the major for any change that can break a published plugin.
 */
export const SDK_VERSION = '1.2.0';

/**
 * Whether a plugin written against `range` (its `sdk` field) runs on this SDK: the host's
 * compatibility check, kept here so the host and `muster plugins` decide alike. A range semver cannot
 * read, or an empty one, is never satisfied.
 */
export function sdkVersionSatisfies(range: string): boolean {
  // semver reads an empty range as "*": a plugin that names no range has not said it fits.
  return typeof range === 'string' && range.trim() !== '' && validRange(range) !== null && satisfies(SDK_VERSION, range);
}
