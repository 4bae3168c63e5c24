import { expect } from 'chai';
import fc from 'fast-check';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { ConfigError } from './config-error';
import { loadConfig } from './load-config';

/** Keys muster.yaml knows, near-misses, and keys that are hostile to plain objects. */
const KEYS = [
  'server', 'port', 'publicUrl', 'logLevel', 'autoMigrate', 'console', 'severities', 'id', 'label', 'description',
  'updateCadenceMinutes', 'createsRoom', 'page', 'roles', 'aliases', 'multiple', 'permissions', 'update.approve',
  'role.assign', 'roomNamePattern', 'announcementChannels', 'stakeholderChannels', 'internal', 'external', 'platform',
  'workspaceId', 'conversationId', 'declarerTakesCommand', 'highlightReaction', 'summarizePrivateIncidents',
  'homePlatform', 'homeWorkspaceId', 'roomPlacement', 'tenants', 'slack', 'teams', 'admins', 'llm', 'model', 'models',
  'digest', 'timeoutMs', 'budgets', 'chunkTokens', 'temperature', 'plugins', 'alertmanager', 'enabled', 'package',
  'config', 'token', 'apiKey', 'webhookSecret', 'sever1ties', 'prot', '__proto__', 'constructor', 'toString', '', ' ',
];
const SCALARS = fc.oneof(
  fc.constantFrom('slack', 'teams', 'console', 'SEV1', 'commander', 'inc-{number}', 'pushpin', 'home', 'both', 'declared',
    'debug', 'https://muster.example.com', 'slack:U0123', 'T0001', 'true', '~', '', '  ', '{number}'),
  fc.string({ maxLength: 20 }),
  fc.double(),
  fc.integer({ min: -70_000, max: 70_000 }),
  fc.boolean(),
  fc.constant(null),
);
const { tree } = fc.letrec((tie) => ({
  tree: fc.oneof({ depthSize: 'small', withCrossShrink: true }, SCALARS, tie('list'), tie('mapping')),
  list: fc.array(tie('tree'), { maxLength: 4 }),
  mapping: fc.dictionary(fc.oneof(fc.constantFrom(...KEYS), fc.string({ maxLength: 8 })), tie('tree'), { maxKeys: 6 }),
}));
/** A whole file: mostly a mapping of known sections, sometimes anything at all. */
const documents = fc.oneof(
  fc.dictionary(fc.constantFrom(...KEYS), tree, { maxKeys: 8 }),
  tree,
).map((value) => stringify(value));
/** YAML's own features: anchors, tags of YAML 1.1 (sets, timestamps, binary), merge keys, directives, documents. */
const YAML_FRAGMENTS = [
  '%YAML 1.1\n---\n', 'a: &x [1, 2]\nb: *x\n', 'server: !!set { a, b }\n', 'server: { port: !!timestamp 2001-12-14 }\n',
  'admins: !!binary aGVsbG8=\n', '<<: { server: {} }\n', 'plugins: !!omap [ a: 1 ]\n', '---\n---\n', 'severities: [*y]\n',
  'tenants: { ? [a, b] : c }\n', 'llm: { models: { digest: !custom x } }\n', '\t- x\n', 'server:\n  port: 0x1F\n', 'port: .nan\n',
];
const yamlTexts = fc.oneof(fc.string({ maxLength: 200 }), fc.array(fc.constantFrom(...YAML_FRAGMENTS), { maxLength: 4 }).map((parts) => parts.join('')));

describe('loadConfig on any muster.yaml (property-based)', function () {
  // Thousands of starts on two shared cores: a limit for a stuck run, not a speed check.
  this.timeout(120_000);
  let dir: string;
  before(() => { dir = mkdtempSync(join(tmpdir(), 'muster-config-prop-')); });
  after(() => rmSync(dir, { recursive: true, force: true }));

  /** The problems of the file, or none when it is accepted; anything thrown but a ConfigError fails the property. */
  const problemsOf = (text: string): readonly string[] => {
    writeFileSync(join(dir, 'muster.yaml'), text);
    try {
      loadConfig({ env: {}, cwd: dir, interactive: false });
      return [];
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
      expect(error.problems).to.have.length.greaterThan(0);
      return error.problems;
    }
  };
  const readable = (problem: string): boolean => problem.startsWith('muster.yaml: ') && !problem.includes('\n') && !problem.includes('[object ');

  it('accepts or refuses a structured document with a ConfigError of one-line problems, never anything else', () => {
    fc.assert(fc.property(documents, (text) => problemsOf(text).every(readable)), { numRuns: 1000 });
  });

  it('does the same for any text and for YAML features that build sets, dates, bytes and aliases', () => {
    fc.assert(fc.property(yamlTexts, (text) => problemsOf(text).every(readable)), { numRuns: 1000 });
  });

  it('never repeats a secret put in a plugin config, whatever else is wrong with the file', () => {
    const secret = fc.string({ minLength: 4, maxLength: 30 }).map((s) => `S3CRET-${s}`);
    const secretKey = fc.constantFrom('token', 'apiKey', 'api_key', 'webhookSecret', 'password', 'clientSecret', 'privateKey');
    fc.assert(fc.property(fc.constantFrom('alertmanager', 'grafana', 'Bad_Id'), secretKey, secret, fc.dictionary(fc.constantFrom(...KEYS), tree, { maxKeys: 4 }), fc.boolean(),
      (id, key, value, rest, nested) => {
        const config = nested ? { auth: { [key]: value } } : { [key]: value };
        const problems = problemsOf(stringify({ ...rest, plugins: { [id]: { enabled: 'perhaps', config } } }));
        return problems.length > 0 && problems.every((p) => !p.includes('S3CRET-'));
      }), { numRuns: 300 });
  });
});
