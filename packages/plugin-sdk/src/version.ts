/**
 * The plugin API version this package implements. A plugin names the range it was written against
 * (`sdk: '^1.0.0'`); the host refuses to activate a plugin whose range this version does not satisfy.
 * Bump the major for any change that can break a published plugin.
 */
export const SDK_VERSION = '1.0.0';
