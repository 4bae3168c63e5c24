import { expect } from 'chai';
import { z } from 'zod';
import { plainErrors } from './plain-errors';
import { Problems } from './problems';
import { addZodIssues } from './zod-problems';

/** How the plugin host reports a plugin's own config schema: `plugins.<id>.config.<key>`, in muster.yaml's words. */
describe('addZodIssues', () => {
  const schema = z.strictObject({
    severity: z.strictObject({ label: z.string(), map: z.record(z.string(), z.enum(['SEV1', 'SEV2'])) }).optional(),
    resolve: z.enum(['resolve', 'note']).default('resolve'),
    services: z.array(z.strictObject({ name: z.string(), team: z.string().optional() })).optional(),
    url: z.string().refine((u) => u.startsWith('https://'), 'must be an https:// URL: the token goes with it'),
  });
  const report = (input: unknown, withSchema = true): string[] => {
    const result = schema.safeParse(input);
    if (result.success) throw new Error('expected the input to be refused');
    const problems = new Problems('muster.yaml');
    addZodIssues(problems, 'plugins.alertmanager.config', result.error, input, withSchema ? schema : undefined);
    return problems.list;
  };

  it('names each key under its base, in the order of the file, with the value that was given', () => {
    expect(report({ services: [{ name: 'db' }, { name: 7 }], url: 'https://am', resolve: 'close', severity: { label: 'sev', map: { critical: 'P1' } } })).to.deep.equal([
      'muster.yaml: plugins.alertmanager.config.services[1].name invalid input: expected string, received number (got 7)',
      'muster.yaml: plugins.alertmanager.config.resolve invalid option: expected one of "resolve"|"note" (got "close")',
      'muster.yaml: plugins.alertmanager.config.severity.map.critical invalid option: expected one of "SEV1"|"SEV2" (got "P1")',
    ]);
  });

  it('says a missing or empty key is required', () => {
    expect(report({ severity: { map: {} } })).to.deep.equal([
      'muster.yaml: plugins.alertmanager.config.severity.label is required',
      'muster.yaml: plugins.alertmanager.config.url is required',
    ]);
    expect(report({ url: null })).to.deep.equal(['muster.yaml: plugins.alertmanager.config.url is required']);
  });

  it('answers each unknown key on its own, with the setting a typo meant when the schema is given', () => {
    const input = { url: 'https://am', severty: {}, services: [{ name: 'db', taem: 'sre', owner: 'x' }] };
    expect(report(input)).to.deep.equal([
      'muster.yaml: plugins.alertmanager.config.severty is not a setting; did you mean "severity"? Allowed here: severity, resolve, services, url',
      'muster.yaml: plugins.alertmanager.config.services[0].taem is not a setting; did you mean "team"? Allowed here: name, team',
      'muster.yaml: plugins.alertmanager.config.services[0].owner is not a setting; allowed here: name, team',
    ]);
    expect(report(input, false)).to.deep.equal([
      'muster.yaml: plugins.alertmanager.config.severty is not a setting',
      'muster.yaml: plugins.alertmanager.config.services[0].taem is not a setting',
      'muster.yaml: plugins.alertmanager.config.services[0].owner is not a setting',
    ]);
  });

  it('never shows back the value a refinement refused (it may be a secret), nor a whole list or mapping', () => {
    expect(report({ url: 'http://user:hunter2@am', services: 'all' })).to.deep.equal([
      'muster.yaml: plugins.alertmanager.config.url must be an https:// URL: the token goes with it',
      'muster.yaml: plugins.alertmanager.config.services invalid input: expected array, received string (got "all")',
    ]);
    const tooShort = z.strictObject({ hosts: z.array(z.string()).min(2, 'must list at least two hosts') });
    const problems = new Problems('');
    addZodIssues(problems, '', tooShort.safeParse({ hosts: ['a'] }).error!, { hosts: ['a'] }, tooShort);
    expect(problems.list).to.deep.equal(['hosts must list at least two hosts']);
  });

  it('names the top level when the whole input is wrong', () => {
    expect(report(['a'])).to.deep.equal(['muster.yaml: plugins.alertmanager.config invalid input: expected object, received array (got a list)']);
    const problems = new Problems('muster.yaml');
    addZodIssues(problems, '', schema.safeParse(3).error!, 3, schema);
    expect(problems.list).to.deep.equal(['muster.yaml: (top level) invalid input: expected object, received number (got 3)']);
  });

  it("words zod's own messages like the rest of muster.yaml when parsed with plainErrors, and keeps a schema's own", () => {
    const input = { url: 'https://am', resolve: 'close', severity: { label: 5, map: { critical: 'P1' } }, services: [] };
    const own = z.strictObject({
      url: z.string(), resolve: z.enum(['resolve', 'note']), severity: z.strictObject({ label: z.string(), map: z.record(z.string(), z.literal('SEV1')) }),
      services: z.array(z.string()).min(1), retries: z.int().min(0).max(5).optional(), enabled: z.boolean({ error: 'says whether to page' }).optional(),
    });
    const result = own.safeParse({ ...input, retries: 9, enabled: 'yes' }, { error: plainErrors });
    const problems = new Problems('');
    addZodIssues(problems, 'plugins.am.config', result.error!, { ...input, retries: 9, enabled: 'yes' }, own);
    expect(problems.list).to.deep.equal([
      'plugins.am.config.resolve must be one of resolve, note (got "close")',
      'plugins.am.config.severity.label must be a text (got 5)',
      'plugins.am.config.severity.map.critical must be SEV1 (got "P1")',
      'plugins.am.config.services must list at least 1 item',
      'plugins.am.config.retries must be at most 5 (got 9)',
      'plugins.am.config.enabled says whether to page (got "yes")',
    ]);
  });
});
