import { expect } from 'chai';
import { alertSourceOptions, definePlugin, z, type AnyPluginDefinition } from '@muster/plugin-sdk';
import { readSubmission } from './form-values';
import { formFields, labelOf } from './plugin-form-fields';

// A concrete plugin is an AnyPluginDefinition as it is: the host holds it without a cast.
const plugin: AnyPluginDefinition = definePlugin({
  id: 'form-test', name: 'Form Test', description: 'x', version: '1.0.0', sdk: '^1.0.0', capabilities: ['alert-source'],
  configSchema: z.object({
    ...alertSourceOptions,
    apiUrl: z.url().default('https://api.example.com/').describe('Where the API is'),
    project: z.string().min(2),
    retries: z.number().int().max(5).optional(),
    severity: z.object({ label: z.string(), map: z.record(z.string(), z.enum(['SEV1', 'SEV2'])) }).optional(),
    tags: z.array(z.string()).default([]),
    level: z.union([z.literal('low'), z.literal('high')]).default('low'),
  }),
  secrets: [{ name: 'API_TOKEN', description: 'Token', required: true }, { name: 'WEBHOOK_SECRET', description: 'Signing', required: false }],
  activate: () => ({ 'alert-source': { verify: () => ({ ok: true as const }), parse: () => [] } }),
});

describe('plugin install forms: fields from the zod schema, typed values back', () => {
  it('maps each top-level key to a field kind, with defaults, descriptions and requirements', () => {
    const fields = formFields(plugin, undefined, new Set(['WEBHOOK_SECRET']));
    expect(fields.map((f) => [f.key, f.label, f.kind, f.required, f.value ?? null, f.choices ?? null])).to.deep.equal([
      ['onResolve', 'On resolve', 'choice', false, 'resolve', ['resolve', 'note']],
      ['private', 'Private', 'boolean', false, 'false', null],
      ['apiUrl', 'API URL', 'text', false, 'https://api.example.com/', null],
      ['project', 'Project', 'text', true, null, null],
      ['retries', 'Retries', 'number', false, null, null],
      ['severity', 'Severity', 'json', false, null, null],
      ['tags', 'Tags', 'json', false, '[]', null],
      ['level', 'Level', 'choice', false, 'low', ['low', 'high']],
      ['secret:API_TOKEN', 'API token', 'secret', true, null, null],
      ['secret:WEBHOOK_SECRET', 'Webhook secret', 'secret', false, null, null],
    ]);
    expect(fields.find((f) => f.key === 'apiUrl')!.description).to.equal('Where the API is');
    expect(fields.find((f) => f.key === 'secret:WEBHOOK_SECRET')!.isSet).to.equal(true);
  });

  it('shows the stored values, structured ones as JSON, never a secret', () => {
    const fields = formFields(plugin, { project: 'OPS', severity: { label: 'sev', map: { crit: 'SEV1' } }, private: true }, new Set(['API_TOKEN']));
    expect(fields.find((f) => f.key === 'severity')!.value).to.equal('{"label":"sev","map":{"crit":"SEV1"}}');
    expect(fields.find((f) => f.key === 'private')!.value).to.equal('true');
    expect(fields.filter((f) => f.kind === 'secret').every((f) => f.value === undefined)).to.equal(true);
  });

  it('reads typed strings into numbers, booleans, choices and JSON, and lets defaults apply to empty fields', () => {
    const fields = formFields(plugin, undefined, new Set());
    const read = readSubmission(plugin, fields, { project: ' OPS ', retries: '3', private: 'yes', severity: '{"label":"s","map":{"a":"SEV2"}}', level: 'high', onResolve: '', 'secret:API_TOKEN': 'tok en ' }, {});
    expect(read.errors).to.deep.equal({});
    expect(read.config).to.deep.equal({ project: 'OPS', retries: 3, private: true, severity: { label: 's', map: { a: 'SEV2' } }, level: 'high' });
    expect(read.parsed).to.deep.include({ onResolve: 'resolve', apiUrl: 'https://api.example.com/', tags: [] });
    expect(read.secrets).to.deep.equal({ API_TOKEN: 'tok en ' });
  });

  it('puts every problem under its field: form reading first, then the schema, nested paths named', () => {
    const fields = formFields(plugin, undefined, new Set());
    const unreadable = readSubmission(plugin, fields, { retries: 'three', private: 'perhaps', level: 'medium', severity: '{', project: 'OK', extra: 'x' }, {});
    expect(Object.keys(unreadable.errors).sort()).to.deep.equal(['extra', 'level', 'private', 'retries', 'secret:API_TOKEN', 'severity']);
    const bySchema = readSubmission(plugin, fields, { project: 'x', retries: '9', apiUrl: 'not a url', severity: '{"label":"s","map":{"a":"SEV9"}}', 'secret:API_TOKEN': 't' }, {});
    expect(Object.keys(bySchema.errors).sort()).to.deep.equal(['apiUrl', 'project', 'retries', 'severity']);
    expect(bySchema.errors.severity).to.match(/^map\.a: /);
    expect(bySchema.parsed).to.equal(undefined);
  });

  it('keeps a stored secret when its field is left empty, and requires one that was never set', () => {
    const fields = formFields(plugin, undefined, new Set(['API_TOKEN']));
    expect(readSubmission(plugin, fields, { project: 'OPS', 'secret:API_TOKEN': '' }, { API_TOKEN: 'kept' }).secrets).to.deep.equal({ API_TOKEN: 'kept' });
    expect(readSubmission(plugin, fields, { project: 'OPS' }, {}).errors).to.deep.equal({ 'secret:API_TOKEN': 'is required' });
  });

  it('labels keys for people', () => {
    expect(['apiUrl', 'WEBHOOK_SECRET', 'onResolve', 'serviceIds', 'x'].map(labelOf)).to.deep.equal(['API URL', 'Webhook secret', 'On resolve', 'Service IDs', 'X']);
  });
});
