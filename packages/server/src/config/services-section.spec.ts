import { expect } from 'chai';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { yamlFileFixture } from './yaml-file.spec-helper';

describe('muster.yaml services:', () => {
  const file = yamlFileFixture('muster-services-');
  const { withFile, problemsOf } = file;

  it('reads each service with its contacts, runbooks, integrations and tenant, defaults filled in', () => {
    mkdirSync(join(file.dir(), 'runbooks'));
    writeFileSync(join(file.dir(), 'runbooks', 'checkout.md'), '# Checkout\n\nRestart the pods.\n');
    const config = withFile([
      'tenants: { acme: { slack: [T0ACME] } }',
      'services:',
      '  checkout:',
      '    description: Takes the money',
      '    owners: [slack:U0ANA, Bo@Example.com]',
      '    smes: [teams:29:aad-id]',
      '    runbooks: [https://wiki.example.com/checkout, { title: Rollback, url: https://wiki.example.com/rollback }]',
      '    runbookFile: runbooks/checkout.md',
      '    integrations: { pagerduty: PABC123, jira: SHOP, statuspage: cmp_1 }',
      '    public: true',
      '  search: { tenant: acme }',
      '  bare:',
    ].join('\n'));
    expect(config.services).to.deep.equal([
      {
        tenantId: 'default', name: 'checkout', description: 'Takes the money',
        owners: [{ platform: 'slack', id: 'U0ANA' }, { email: 'bo@example.com' }], subjectMatterExperts: [{ platform: 'teams', id: '29:aad-id' }],
        runbooks: [{ title: 'checkout runbook', url: 'https://wiki.example.com/checkout' }, { title: 'Rollback', url: 'https://wiki.example.com/rollback' }],
        integrations: { pagerduty: 'PABC123', jira: 'SHOP', statuspage: 'cmp_1' }, public: true, runbookFile: 'runbooks/checkout.md',
      },
      { tenantId: 'acme', name: 'search', description: '', owners: [], subjectMatterExperts: [], runbooks: [], integrations: {}, public: false },
      { tenantId: 'default', name: 'bare', description: '', owners: [], subjectMatterExperts: [], runbooks: [], integrations: {}, public: false },
    ]);
  });

  it('puts services without a tenant in the home tenant', () => {
    const config = withFile('tenants: { acme: { slack: [T0ACME] } }\nhomePlatform: slack\nhomeWorkspaceId: T0ACME\nservices:\n  checkout: {}\n');
    expect(config.services.map((s) => s.tenantId)).to.deep.equal(['acme']);
  });

  it('names the service and the field of every bad value, in one start', () => {
    expect(problemsOf([
      'services:',
      '  checkout:',
      '    owners: [ana, slack:U0ANA]',
      '    runbooks: [ftp://files.example.com/x, { title: Restart }]',
      '    integrations: { PagerDuty: P1 }',
      '    public: yes please',
      '    onwers: []',
      '  "bad name": {}',
    ].join('\n'))).to.deep.equal([
      'muster.yaml: services.checkout.owners[0] must be a person key like slack:U0123ABCD or teams:<object id>, or an email address (got "ana")',
      'muster.yaml: services.checkout.runbooks[0] must be a URL or a mapping like { title: Restart, url: https://… } (got "ftp://files.example.com/x")',
      'muster.yaml: services.checkout.runbooks[1] must be a URL or a mapping like { title: Restart, url: https://… }',
      'muster.yaml: services.checkout.integrations.PagerDuty has a key that is not a plugin id (like pagerduty or jira)',
      'muster.yaml: services.checkout.public must be true or false (got "yes please")',
      'muster.yaml: services.checkout.onwers is not a setting; did you mean "owners"? Allowed here: description, owners, smes, runbooks, runbookFile, integrations, public, tenant',
      'muster.yaml: services.bad name is not a service name: use letters, digits, ".", "_" or "-" (at most 100), starting with a letter or digit',
    ]);
  });

  it('refuses a runbook path that is absolute or climbs out with ".."', () => {
    expect(problemsOf([
      'services:',
      '  a: { runbookFile: /etc/passwd }',
      '  b: { runbookFile: "runbooks/../../etc/passwd" }',
      '  c: { runbookFile: "..\\\\x.md" }',
      '  d: { runbookFile: "C:/runbooks/x.md" }',
      '  e: { runbookFile: "~/x.md" }',
    ].join('\n'))).to.deep.equal([
      'muster.yaml: services.a.runbookFile must be relative to muster.yaml\'s directory, not an absolute path',
      'muster.yaml: services.b.runbookFile must stay inside muster.yaml\'s directory: no ".." in the path',
      'muster.yaml: services.c.runbookFile must stay inside muster.yaml\'s directory: no ".." in the path',
      'muster.yaml: services.d.runbookFile must be relative to muster.yaml\'s directory, not an absolute path',
      'muster.yaml: services.e.runbookFile must be relative to muster.yaml\'s directory, not an absolute path',
    ]);
  });

  it('refuses a runbook file that a symbolic link leads out of the directory, or that is missing', () => {
    const outside = mkdtempSync(join(tmpdir(), 'muster-outside-'));
    try {
      writeFileSync(join(outside, 'secret.md'), 'not a runbook');
      symlinkSync(join(outside, 'secret.md'), join(file.dir(), 'linked.md'));
      expect(problemsOf('services:\n  e: { runbookFile: linked.md }\n  f: { runbookFile: missing.md }\n')).to.deep.equal([
        'muster.yaml: services.e.runbookFile leads out of muster.yaml\'s directory (through a symbolic link): keep runbooks inside it (got "linked.md")',
        'muster.yaml: services.f.runbookFile names no file (it is read relative to muster.yaml\'s directory) (got "missing.md")',
      ]);
    } finally {
      rmSync(outside, { recursive: true, force: true });
    }
  });

  it('refuses two names that differ only in case, and a tenant the configuration does not have', () => {
    expect(problemsOf('services:\n  Checkout: {}\n  checkout: {}\n  search: { tenant: nobody }\n')).to.deep.equal([
      'muster.yaml: services.checkout is the same name as "Checkout" (names ignore case): keep one of them',
    ]);
    expect(problemsOf('services:\n  search: { tenant: nobody }\n')).to.deep.equal([
      'muster.yaml: services.search.tenant is not a tenant of this configuration: use default or one of tenants: (default) (got "nobody")',
    ]);
  });

  it('refuses a catalogue past its limits instead of storing it', () => {
    const owners = Array.from({ length: 51 }, (_, i) => `slack:U${i}`).join(', ');
    expect(problemsOf(`services:\n  checkout: { owners: [${owners}], description: "${'x'.repeat(2001)}" }\n`)).to.deep.equal([
      'muster.yaml: services.checkout.owners must list at most 50 people',
      `muster.yaml: services.checkout.description must be at most 2000 characters (got "${'x'.repeat(59)}…)`,
    ]);
  });
});
