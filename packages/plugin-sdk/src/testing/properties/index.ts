/*
 * Arbitraries for property tests of alert sources (fast-check, which a plugin brings as its own
 * test dependency): `@muster/plugin-sdk/testing/properties`. The rest of the kit needs none.
 */
export * from './hostile-text';
export * from './mutations';
export * from './parse-properties';
